-- A version of each city's public catalogue, so the application can keep search results and
-- reuse them until the catalogue changes (src/modules/umkm/cari.ts, "Result cache").
--
-- umkm_katalog_versi holds one random token per city. Every transaction that inserts, updates or
-- deletes a row of umkm_katalog or umkm_katalog_usaha (the derived tables that search reads, kept
-- by the triggers of 0015) gives the city a new token when it commits. A search reads the token
-- before it searches, and a cached result is used only under the token it was computed with: a
-- result computed before a change is never served after it, on any server of the city, and a
-- token is never reused (random, not a counter, so two databases never share one either).
--
-- The token is changed by a deferred constraint trigger, so at commit: the row lock it takes is
-- held only while the transaction commits, never while it goes on to other statements. Catalogue
-- writers of one city therefore never wait on each other for longer than a commit, and cannot
-- deadlock on it. The trigger fires once per written row but changes the token once per city and
-- transaction (a transaction-local setting remembers the cities done).
--
-- What search shows of a listed row (price, photo, names) is not cached: it is read fresh for the
-- page's rows, so changes that do not touch the derived tables need no new token.

create table umkm_katalog_versi (
  tenant_id text primary key references tenants (id),
  token     uuid not null,
  diubah    timestamptz not null default now()
);
select balai_derived_table('umkm_katalog_versi',
  'a random token per city, replaced by the commit of every transaction that changes umkm_katalog or umkm_katalog_usaha (deferred triggers); search results are cached under it');

create or replace function umkm_katalog_versi_naik() returns trigger
  language plpgsql as $$
declare
  t text := case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end;
  sudah text := coalesce(current_setting('balai.katalog_versi_naik', true), '');
begin
  if position('|' || t || '|' in sudah) > 0 then
    return null;
  end if;
  insert into umkm_katalog_versi as v (tenant_id, token) values (t, gen_random_uuid())
    on conflict (tenant_id) do update set token = excluded.token, diubah = now();
  perform set_config('balai.katalog_versi_naik', sudah || '|' || t || '|', true);
  return null;
end $$;

create constraint trigger katalog_versi after insert or update or delete on umkm_katalog
  deferrable initially deferred for each row execute function umkm_katalog_versi_naik();
create constraint trigger katalog_versi after insert or update or delete on umkm_katalog_usaha
  deferrable initially deferred for each row execute function umkm_katalog_versi_naik();

-- Until it commits, a transaction that wrote the derived tables sees a catalogue that no token
-- names (its own uncommitted changes): a per-statement trigger marks the transaction, and search
-- neither uses nor fills the cache in it (see versiKatalog in cari.ts).
create or replace function umkm_katalog_ditulis() returns trigger
  language plpgsql as $$
begin
  perform set_config('balai.katalog_ditulis', 'ya', true);
  return null;
end $$;

create trigger katalog_ditulis after insert or update or delete on umkm_katalog
  for each statement execute function umkm_katalog_ditulis();
create trigger katalog_ditulis after insert or update or delete on umkm_katalog_usaha
  for each statement execute function umkm_katalog_ditulis();

-- Every city starts with a token (a city added later gets one with its first catalogue write;
-- until then search has nothing to cache).
insert into umkm_katalog_versi (tenant_id, token) select id, gen_random_uuid() from tenants;
