-- Only the database writes audit rows (ADR 0004). Until now the app role could INSERT into
-- audit_log, so application code could write an audit row of its choosing for its own city
-- (another actor, an invented change). Now:
--  * the audit trigger runs as the owner of audit_log (SECURITY DEFINER) with a fixed search_path:
--    the public schema, where the app role cannot create anything (PostgreSQL 15+), then pg_temp
--    last, so no temporary table or function of the caller's can stand in for what it uses;
--  * the app role may no longer execute it (EXECUTE is checked when a trigger is created, not
--    when it fires), so it cannot attach it to a table of its own to write rows through it;
--  * reads of personal data are recorded through balai_audit_read(), which writes one "read" row
--    for the transaction's city, user, role and request, after checking that the table is
--    audited, that the column read is one kept encrypted (<column>_enc) and that the row exists
--    in that city;
--  * the app role keeps SELECT (the city's audit viewer) and loses INSERT.
-- The insert policy stays: with forced row-level security it is what lets an owner without
-- BYPASSRLS write the rows, still only for the transaction's city.

alter function balai_audit() security definer set search_path = public, pg_temp;
revoke all on function balai_audit() from public;

-- A read of personal data (a decrypted NIK): who read which column of which row, and why.
create or replace function balai_audit_read(
  p_tenant text, p_entity text, p_entity_id text, p_kolom text, p_tujuan text
) returns void
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  rel regclass;
  id_type text;
  found boolean;
begin
  if p_tenant is null or p_tenant is distinct from public.balai_current_tenant() then
    raise exception 'balai_audit_read: % is not the city of this transaction', coalesce(p_tenant, 'null')
      using errcode = 'insufficient_privilege';
  end if;
  rel := to_regclass('public.' || quote_ident(p_entity));
  if rel is null or not exists (
    select 1 from pg_trigger t
     where t.tgrelid = rel and t.tgname = 'audit' and t.tgfoid = 'public.balai_audit()'::regprocedure
  ) then
    raise exception 'balai_audit_read: % is not an audited table', p_entity using errcode = 'invalid_parameter_value';
  end if;
  if not exists (
    select 1 from pg_attribute a
     where a.attrelid = rel and a.attname = p_kolom || '_enc' and a.attnum > 0 and not a.attisdropped
  ) then
    raise exception 'balai_audit_read: % has no encrypted column %_enc', p_entity, p_kolom
      using errcode = 'invalid_parameter_value';
  end if;
  if length(p_tujuan) > 200 then
    raise exception 'balai_audit_read: the purpose is longer than 200 characters' using errcode = 'invalid_parameter_value';
  end if;
  select format_type(a.atttypid, a.atttypmod) into id_type
    from pg_attribute a where a.attrelid = rel and a.attname = 'id' and not a.attisdropped;
  if id_type is null then
    raise exception 'balai_audit_read: % has no id column', p_entity using errcode = 'invalid_parameter_value';
  end if;
  execute format('select exists (select 1 from %s where tenant_id = $1 and id = $2::%s)', rel, id_type)
    into found using p_tenant, p_entity_id;
  if not found then
    raise exception 'balai_audit_read: no % with id % in this city', p_entity, p_entity_id using errcode = 'no_data_found';
  end if;
  insert into public.audit_log (tenant_id, user_id, user_role, action, entity, entity_id, before, after, request_id)
  values (
    p_tenant,
    nullif(current_setting('app.user_id', true), '')::uuid,
    coalesce(nullif(current_setting('app.user_role', true), ''), 'sistem'),
    'read',
    p_entity,
    p_entity_id,
    null,
    jsonb_build_object('kolom', p_kolom, 'tujuan', p_tujuan),
    nullif(current_setting('app.request_id', true), '')
  );
end $$;
revoke all on function balai_audit_read(text, text, text, text, text) from public;
grant execute on function balai_audit_read(text, text, text, text, text) to balai_app;

revoke insert on audit_log from balai_app;
