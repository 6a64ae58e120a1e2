-- UMKM: a city may have new products reviewed before they go public.
--
--   umkm_pengaturan      the city's UMKM settings, one row per city (absent: the defaults).
--                        produk_ditinjau: a new product of a verified business waits for an
--                        officer (umkm.verifikasi) before it is shown in the public catalogue.
--   umkm_produk.menunggu_tinjau
--                        set by the application when such a product is created while the
--                        setting is on; cleared when an officer approves it. The public
--                        catalogue (its derived table and the business and product pages) leaves
--                        waiting products out.
--
-- Locations (umkm_usaha.lat/lng, 0011) need no change: the form and the import now set them, and
-- the application checks that the point lies within the city (its kecamatan boundaries).

create table umkm_pengaturan (
  tenant_id        text not null references tenants (id),
  produk_ditinjau  boolean not null default false,
  updated_at       timestamptz not null default now(),
  primary key (tenant_id)
);
select balai_tenant_table('umkm_pengaturan');

alter table umkm_produk add column menunggu_tinjau boolean not null default false;
create index umkm_produk_menunggu on umkm_produk (tenant_id, created_at) where menunggu_tinjau;

-- The catalogue's products: as before, without products waiting for review. The triggers on
-- umkm_produk refresh a product's row on any update, so approving one puts it in the catalogue.
create or replace view umkm_katalog_sumber with (security_invoker = true) as
select p.tenant_id, p.id as produk_id, p.usaha_id, p.created_at, u.kecamatan_kode, u.sektor, u.kelas,
       p.kategori, p.halal,
       case when p.halal then 'infinity'::date
            else (select max(coalesce(l.berlaku_sampai, 'infinity'::date)) from umkm_legalitas l
                   where l.tenant_id = p.tenant_id and l.usaha_id = p.usaha_id and l.jenis = 'halal')
       end as halal_sampai,
       exists (select 1 from umkm_foto f where f.tenant_id = p.tenant_id and f.produk_id = p.id) as ada_foto,
       p.cari
  from umkm_produk p
  join umkm_usaha u on u.tenant_id = p.tenant_id and u.id = p.usaha_id
 where p.tersedia and not p.menunggu_tinjau and u.status = 'terverifikasi';
