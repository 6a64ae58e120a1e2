export const kotaMessages = {
  id: {
    'kota.module': 'Administrasi kota',
  },
  en: {
    'kota.module': 'City administration',
  },
};
