/**
 * The modules of this Balai, in navigation order. Adding a module: create
 * src/modules/<name>/module.ts exporting a BalaiModule and add one line here.
 */
import type { BalaiModule } from '../platform/module.ts';
import { wilayahModule } from './wilayah/module.ts';
import { kotaModule } from './kota/module.ts';
import { bankSampahModule } from './bank-sampah/module.ts';
import { sampahModule } from './sampah/module.ts';
import { umkmModule } from './umkm/module.ts';

export const modules: BalaiModule[] = [wilayahModule, bankSampahModule, sampahModule, umkmModule, kotaModule];
