/**
 * Names for the demo people of every module (RW and RT heads, bank sampah members and staff):
 * common Sundanese and Indonesian first and family names. Picked with the demo's deterministic
 * random, so a demo city's people are the same on every run.
 */

export const DEMO_FIRST_NAMES: readonly string[] = [
  'Asep',
  'Ujang',
  'Dede',
  'Cecep',
  'Yayat',
  'Agus',
  'Budi',
  'Dadang',
  'Eman',
  'Iwan',
  'Jajang',
  'Rahmat',
  'Siti',
  'Euis',
  'Neneng',
  'Iis',
  'Yati',
  'Ratna',
  'Dewi',
  'Lilis',
  'Tati',
  'Nur',
  'Wawan',
  'Hendra',
  'Slamet',
  'Ahmad',
  'Rudi',
  'Yusuf',
  'Sri',
  'Ani',
];

export const DEMO_LAST_NAMES: readonly string[] = [
  'Saepudin',
  'Hidayat',
  'Suryana',
  'Permana',
  'Kurniawan',
  'Setiawan',
  'Rohmat',
  'Sutisna',
  'Nurhayati',
  'Rahayu',
  'Mulyana',
  'Gunawan',
  'Supriatna',
  'Hermawan',
  'Sulastri',
  'Wahyudi',
  'Firmansyah',
  'Maulana',
  'Safitri',
  'Ramdani',
];

/** "Asep Saepudin": a first and a family name, each chosen by pick (the caller's deterministic random). */
export function demoPersonName(pick: <T>(xs: readonly T[]) => T): string {
  return `${pick(DEMO_FIRST_NAMES)} ${pick(DEMO_LAST_NAMES)}`;
}
