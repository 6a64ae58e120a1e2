/**
 * Table types for Kysely. The platform declares its own tables here; each module declares the
 * tables it owns in its own `tables.ts` and adds them to `Database` there (interface merging), so
 * the platform never imports a module. A module only queries its own tables.
 */
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  kind: Generated<'kota' | 'kabupaten'>;
  tagline: string | null;
  contact: ColumnType<CityContact, string, string>;
  modules: ColumnType<string[], string[] | undefined, string[]>;
  logo: Buffer | null;
  logo_type: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface CityContact {
  alamat?: string;
  telepon?: string;
  email?: string;
  situs?: string;
}

export interface UsersTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  name: string;
  phone: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  demo: Generated<boolean>;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  role: string;
  area_kode: string;
  module: string | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  token_hash: Buffer;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface LoginAttemptsTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  ip: string | null;
  success: boolean;
  at: Generated<Date>;
}

export interface AuditLogTable {
  tenant_id: string;
  id: Generated<number>;
  at: Generated<Date>;
  user_id: string | null;
  user_role: string;
  action: 'insert' | 'update' | 'delete' | 'read';
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export interface PlatformTables {
  tenants: TenantsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}

/** Every table: the platform's, plus each module's, added by the module's `tables.ts`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database extends PlatformTables {}
