/** Tables owned by the sampah module, one interface per area. */
import type { KbsTables } from './kbs/kbs-tables.ts';
import type { OperasiTables } from './operasi/operasi-tables.ts';
import type { PrakarsaTables } from './prakarsa/prakarsa-tables.ts';
import type { TonaseTables } from './tonase/tonase-tables.ts';

export interface SampahTables extends KbsTables, OperasiTables, TonaseTables, PrakarsaTables {}

declare module '../../platform/db/schema.ts' {
  // The module's tables join the app's Database type (declared by the platform).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends SampahTables {}
}
