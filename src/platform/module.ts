/**
 * What a domain module is. A module describes itself in one object (its
 * `module.ts`): routes, permissions, navigation, jobs, translations, reference
 * and demo data. Adding a module is one folder and one line in src/modules/index.ts.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Tx } from './db/transaction.ts';
import type { Jobs, JobDefinition } from './jobs/jobs.ts';
import type { MessageCatalog, Translator } from './i18n/index.ts';
import type { CurrentUser, Permission, PermissionMap } from './auth/roles.ts';
import type { City } from './tenancy/service.ts';

/**
 * The app as modules see it: typed by the TypeBox provider, so a route's `params`, `querystring`
 * and `body` have the types of its schemas (no casts).
 */
export type BalaiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ModuleContext {
  db: Db;
  jobs: Jobs;
  config: Config;
  /** Every module of this Balai (name, label, optional), e.g. for a module picker. */
  modules: readonly ModuleInfo[];
}

export interface ModuleInfo {
  name: string;
  /** Message key of the display name. */
  label: string;
  optional: boolean;
}

export interface NavItem {
  /** Path under the city, e.g. "/wilayah" -> /bandung/wilayah. */
  path: string;
  /** Message key of the label. */
  label: string;
  /** Who sees it: a permission, or "user" for every signed-in user. */
  access: Permission | 'user';
  /**
   * Message key of the menu group the entry sits in (one group per programme); by default the
   * module's label. Consecutive entries of one group form one menu; a group of one entry is a plain link.
   */
  group?: string;
}

/** A public page a module offers on the city's home page (e.g. a map, a catalogue). */
export interface PublicLink {
  /** Path under the city, e.g. "/sampah/peta". */
  path: string;
  /** Message keys of the card's title and one-line introduction. */
  label: string;
  intro: string;
}

export interface DashboardTile {
  label: string;
  value: string;
  href?: string;
}

export interface DemoContext {
  db: Db;
  city: City;
  /** Deterministic random numbers, so demo data is the same on every machine. */
  random: () => number;
}

export interface BalaiModule {
  /** Folder name, prefix of its permissions and message keys. */
  name: string;
  /** Message key of the module's display name. */
  label: string;
  /** Core modules are always on; others a city admin can switch on or off. */
  optional: boolean;
  messages: MessageCatalog;
  permissions: PermissionMap;
  nav?: NavItem[];
  /** Public pages listed on the city's home page while the module is on for the city. */
  publicLinks?: PublicLink[];
  jobs?: JobDefinition[];
  routes(app: BalaiApp, ctx: ModuleContext): void;
  /** Loads reference data shared by all cities (idempotent; runs on every start). */
  referenceData?(db: Db): Promise<void>;
  /** Creates demo data for a city (development only). */
  demo?(ctx: DemoContext): Promise<void>;
  /** Figures for the city dashboard, visible to this user. */
  dashboard?(trx: Tx, city: City, user: CurrentUser, t: Translator): Promise<DashboardTile[]>;
}
