export const wilayahMessages = {
  id: {
    'wilayah.module': 'Wilayah',
  },
  en: {
    'wilayah.module': 'Regions',
  },
};
