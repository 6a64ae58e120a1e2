-- A redacted column (password hash, token, logo, encrypted identifiers) never enters the audit log,
-- but the log must still show THAT it changed: e.g. a second password reset of an account.
-- Before: "[disamarkan]"; after: "[disamarkan]" when unchanged, "[disamarkan: diubah]" when changed.
create or replace function balai_audit() returns trigger language plpgsql as $$
declare
  old_j jsonb;
  new_j jsonb;
  k text;
  tid text;
begin
  if tg_op <> 'INSERT' then old_j := to_jsonb(old); end if;
  if tg_op <> 'DELETE' then new_j := to_jsonb(new); end if;
  if tg_op = 'UPDATE' and old_j = new_j then return null; end if;
  if tg_nargs > 0 then
    foreach k in array tg_argv loop
      if new_j ? k and new_j -> k <> 'null'::jsonb then
        if tg_op = 'UPDATE' and old_j -> k is distinct from new_j -> k then
          new_j := jsonb_set(new_j, array[k], '"[disamarkan: diubah]"');
        else
          new_j := jsonb_set(new_j, array[k], '"[disamarkan]"');
        end if;
      end if;
      if old_j ? k and old_j -> k <> 'null'::jsonb then old_j := jsonb_set(old_j, array[k], '"[disamarkan]"'); end if;
    end loop;
  end if;
  if tg_table_name = 'tenants' then
    tid := coalesce(new_j ->> 'id', old_j ->> 'id');
  else
    tid := coalesce(new_j ->> 'tenant_id', old_j ->> 'tenant_id');
  end if;
  insert into audit_log (tenant_id, user_id, user_role, action, entity, entity_id, before, after, request_id)
  values (
    tid,
    nullif(current_setting('app.user_id', true), '')::uuid,
    coalesce(nullif(current_setting('app.user_role', true), ''), 'sistem'),
    lower(tg_op),
    tg_table_name,
    coalesce(new_j ->> 'id', old_j ->> 'id'),
    old_j,
    new_j,
    nullif(current_setting('app.request_id', true), '')
  );
  return null;
end $$;
