/**
 * The wilayah module's public face: everything other modules may use of regions and RW/RT.
 * Other modules import only this file (enforced by `npm run lint`); what is not exported here
 * is internal to wilayah and may change freely.
 *
 * - Regions (provinsi → kelurahan) of a city: look-ups, lists, names, boundaries.
 * - RW (rukun warga): look-ups and lists, and the area filter for role-scoped queries.
 * - Formatting of region numbers (RW/RT "001").
 */
export {
  findWilayah,
  listKecamatanRows,
  listKelurahanRows,
  listRwRows,
  findRwRow,
  findRwByNomor,
  inAreas,
  type WilayahRow,
  type RwRow,
  type RwFilter,
} from './repository.ts';
export { listKelurahan, regionOverview, batasKecamatan, nomor3 } from './service.ts';
/** Kelurahan grouped by kecamatan for pickers (bank-sampah's bank forms and filters). */
export { kelurahanGroups, type KelurahanGroups } from './service.ts';
/** Official regions of a city for pickers (kota's role areas). */
export { cityAreas, findArea, type Area } from './repository.ts';
/** Names of regions by code (umkm's catalogue, search and import). */
export { wilayahNames, wilayahRef } from './repository.ts';
/** RW ids with their kecamatan, for totals per kecamatan (sampah's Prakarsa RW). */
export { listRwIds } from './repository.ts';
