-- Platform: the one way to register a table that holds a city's rows (row-level security).
--
-- Every table with a tenant_id column is registered with exactly one of these two functions,
-- right after its `create table`, in the migration of the module that owns it:
--
--  * balai_tenant_table(tbl, redact)  — a table of the city's own records. Row-level security
--    enabled and forced, one fail-closed policy `tenant_isolation` (tenant_id =
--    balai_current_tenant(), for reading and for writing), select/insert/update/delete for the
--    app role, and the audit trigger (the columns in `redact` are written to the audit log as
--    "redacted").
--  * balai_derived_table(tbl, what, deletes, updates) — a table of derived data kept by triggers
--    or a rebuild function from audited sources (summaries, counters, search documents). The same
--    security and policy; select/insert/update for the app role (delete only with `deletes`;
--    update only of the columns in `updates` when given); no audit trigger; the comment
--    "Derived: <what>" (the audit tests skip such tables).
--
-- No module writes `enable row level security`, `create policy` or grants for a tenant table by
-- hand. The only exceptions are the platform's own audit_log (append-only: its two policies are in
-- 0001) and tenants (the cities themselves, readable by all).
--
-- Both call balai_tenant_rls(tbl), which enables and forces row-level security and (re)creates the
-- policy; modules do not call it themselves. Both functions are idempotent (they drop and recreate
-- the policy, the audit trigger and the app role's writes), so registering a table again changes
-- nothing but what the call says.
-- `create or replace` gives existing databases the same definitions; balai_derived_table was first
-- defined in 0015 (umkm) and gets its `updates` parameter here. The three summary and counter
-- tables that 0012 and 0019 set up by hand are registered the one way below, with the same
-- privileges and comments they had (tests/tenant-isolation.test.ts checks every tenant table).

-- Part of both: row-level security enabled and forced, and the one fail-closed policy.
create or replace function balai_tenant_rls(tbl regclass) returns void
  language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format('drop policy if exists tenant_isolation on %s', tbl);
  execute format(
    'create policy tenant_isolation on %s using (tenant_id = balai_current_tenant()) with check (tenant_id = balai_current_tenant())',
    tbl);
end $$;

create or replace function balai_tenant_table(tbl regclass, redact text[] default '{}') returns void
  language plpgsql as $$
begin
  perform balai_tenant_rls(tbl);
  execute format('grant select, insert, update, delete on %s to balai_app', tbl);
  execute format('drop trigger if exists audit on %s', tbl);
  execute format(
    'create trigger audit after insert or update or delete on %s for each row execute function balai_audit(%s)',
    tbl, (select coalesce(string_agg(quote_literal(c), ', '), '') from unnest(redact) c));
end $$;

drop function if exists balai_derived_table(regclass, text, boolean);
create or replace function balai_derived_table(
  tbl regclass, what text, deletes boolean default false, updates text[] default null
) returns void
  language plpgsql as $$
begin
  perform balai_tenant_rls(tbl);
  -- Exactly the writes this call names (a table-level revoke also revokes column grants).
  execute format('revoke insert, update, delete on %s from balai_app', tbl);
  execute format('grant select, insert%s on %s to balai_app', case when deletes then ', delete' else '' end, tbl);
  if updates is null then
    execute format('grant update on %s to balai_app', tbl);
  else
    execute format('grant update (%s) on %s to balai_app',
      (select string_agg(quote_ident(c), ', ') from unnest(updates) c), tbl);
  end if;
  execute format('comment on table %s is %L', tbl, 'Derived: ' || what);
end $$;

-- ---- Tables registered by hand before this migration ----

select balai_derived_table('bank_sampah_pemulihan_harian',
  'kg recovered per WIB day and kecamatan, kept by a trigger on bank_sampah_stok_baris; rebuilt by bank_sampah_pemulihan_harian_isi()');

select balai_derived_table('sampah_ritase_harian',
  'tonnes per WIB day, origin kecamatan and kinds, kept by a trigger on sampah_ritase; rebuilt by sampah_ritase_harian_isi()');

select balai_derived_table('bank_sampah_nomor',
  'the last entry number of each bank (the largest bank_sampah_jurnal.nomor), raised by the trigger that numbers entries.',
  updates => array['terakhir']);
