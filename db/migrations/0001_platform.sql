-- Balai platform: the application role, tenancy helpers, audit, cities, people and sessions.
-- Conventions (see docs/decisions/0003-tenancy-rls.md):
--  * every tenant table has tenant_id first in its primary key and in every foreign key;
--  * every tenant table is registered with balai_tenant_table(), which enables and forces
--    row-level security, grants the app role and attaches the audit trigger.

create extension if not exists pgcrypto;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'balai_app') then
    create role balai_app nologin nosuperuser nobypassrls noinherit;
  end if;
end $$;
-- The connecting (owner) user switches to balai_app per transaction, so it must be a member.
-- A role created in advance by a DBA may already be granted; then nothing to do.
do $$
begin
  if not pg_has_role(current_user, 'balai_app', 'MEMBER') then
    execute format('grant balai_app to %I', current_user);
  end if;
end $$;
grant usage on schema public to balai_app;

-- The tenant of the current transaction, or NULL (then every policy matches nothing).
create or replace function balai_current_tenant() returns text
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.tenant_id', true), '') $$;

-- Audit: one row per written row, with who, when, which city, which entity, before and after.
create table audit_log (
  tenant_id  text not null,
  id         bigint generated always as identity,
  at         timestamptz not null default now(),
  user_id    uuid,
  user_role  text not null,
  action     text not null check (action in ('insert', 'update', 'delete')),
  entity     text not null,
  entity_id  text,
  before     jsonb,
  after      jsonb,
  request_id text,
  primary key (tenant_id, id)
);
create index audit_log_entity on audit_log (tenant_id, entity, entity_id);
create index audit_log_at on audit_log (tenant_id, at desc);
create index audit_log_user on audit_log (tenant_id, user_id, at desc);
alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy audit_read on audit_log for select using (tenant_id = balai_current_tenant());
create policy audit_insert on audit_log for insert with check (tenant_id = balai_current_tenant());
grant select, insert on audit_log to balai_app;

create or replace function balai_audit_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_immutable before update or delete on audit_log
  for each row execute function balai_audit_immutable();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function balai_audit_immutable();

-- Generic row-change audit. TG_ARGV lists columns whose values are never copied into the log.
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
      if old_j ? k and old_j -> k <> 'null'::jsonb then old_j := jsonb_set(old_j, array[k], '"[disamarkan]"'); end if;
      if new_j ? k and new_j -> k <> 'null'::jsonb then new_j := jsonb_set(new_j, array[k], '"[disamarkan]"'); end if;
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

-- Registers a tenant table: RLS enabled and forced, one fail-closed policy, grants, audit trigger.
create or replace function balai_tenant_table(tbl regclass, redact text[] default '{}') returns void
  language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format(
    'create policy tenant_isolation on %s using (tenant_id = balai_current_tenant()) with check (tenant_id = balai_current_tenant())',
    tbl);
  execute format('grant select, insert, update, delete on %s to balai_app', tbl);
  execute format(
    'create trigger audit after insert or update or delete on %s for each row execute function balai_audit(%s)',
    tbl, (select coalesce(string_agg(quote_literal(c), ', '), '') from unnest(redact) c));
end $$;

-- Cities (tenants). A reference table: every city's public profile is readable by all;
-- a city can only change its own row. Created by the owner (CLI or demo seed), never by the app role.
create table tenants (
  id          text primary key check (id ~ '^[0-9]{2}\.[0-9]{2}$'),
  slug        text not null unique check (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
  name        text not null check (length(name) between 3 and 120),
  kind        text not null default 'kota' check (kind in ('kota', 'kabupaten')),
  tagline     text check (length(tagline) <= 200),
  contact     jsonb not null default '{}'::jsonb,
  modules     text[] not null default '{}',
  logo        bytea,
  logo_type   text check (logo_type in ('image/png', 'image/jpeg', 'image/svg+xml', 'image/webp')),
  demo        boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenants_read on tenants for select using (true);
create policy tenants_update on tenants for update using (id = balai_current_tenant()) with check (id = balai_current_tenant());
create policy tenants_owner_insert on tenants for insert with check (id = balai_current_tenant());
grant select, update (name, tagline, contact, modules, logo, logo_type, updated_at) on tenants to balai_app;
create trigger audit after insert or update or delete on tenants
  for each row execute function balai_audit('logo');

-- People. An account belongs to one city.
create table users (
  tenant_id            text not null references tenants (id),
  id                   uuid not null default gen_random_uuid(),
  email                text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  name                 text not null check (length(name) between 1 and 120),
  phone                text check (phone ~ '^\+?[0-9]{8,15}$'),
  password_hash        text not null,
  must_change_password boolean not null default false,
  active               boolean not null default true,
  demo                 boolean not null default false,
  last_login_at        timestamptz,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (tenant_id, id)
);
create unique index users_email on users (tenant_id, lower(email));
select balai_tenant_table('users', array['password_hash']);

-- Roles scoped to an area of the city (its code or a descendant's; an RW is <kelurahan>.<nnn>)
-- and, for petugas_dinas, to a module.
create table user_roles (
  tenant_id  text not null,
  id         uuid not null default gen_random_uuid(),
  user_id    uuid not null,
  role       text not null check (role in ('admin_kota', 'petugas_dinas', 'petugas_kecamatan', 'petugas_kelurahan',
                                           'pengurus_rw', 'pelaku_umkm', 'kurator', 'warga')),
  area_kode  text not null,
  module     text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  check (area_kode = tenant_id or area_kode like tenant_id || '.%'),
  check ((role = 'petugas_dinas') = (module is not null))
);
create unique index user_roles_unique on user_roles (tenant_id, user_id, role, area_kode, coalesce(module, ''));
select balai_tenant_table('user_roles');

-- Server-side sessions; the cookie carries a random token, the database only its SHA-256.
create table sessions (
  tenant_id   text not null,
  id          uuid not null default gen_random_uuid(),
  user_id     uuid not null,
  token_hash  bytea not null,
  ip          text,
  user_agent  text,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create unique index sessions_token on sessions (tenant_id, token_hash);
select balai_tenant_table('sessions', array['token_hash']);

-- Login attempts, for the lock-out after repeated failures.
create table login_attempts (
  tenant_id  text not null,
  id         uuid not null default gen_random_uuid(),
  email      text not null,
  ip         text,
  success    boolean not null,
  at         timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index login_attempts_email on login_attempts (tenant_id, lower(email), at desc);
select balai_tenant_table('login_attempts');
