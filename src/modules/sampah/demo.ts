/** Demo data of the waste programme: each area's own, in order (facilities and fleet first). */
import type { DemoContext } from '../../platform/module.ts';
import { kbsDemo } from './kbs/kbs-demo.ts';
import { operasiDemo } from './operasi/operasi-demo.ts';
import { prakarsaDemo } from './prakarsa/prakarsa-demo.ts';
import { tonaseDemo } from './tonase/tonase-demo.ts';

export async function sampahDemo(ctx: DemoContext): Promise<void> {
  await operasiDemo(ctx);
  await kbsDemo(ctx);
  await prakarsaDemo(ctx);
  await tonaseDemo(ctx);
}
