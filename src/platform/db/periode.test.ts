/** Cutting a range of days into whole months and the days around them (periode.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitRentang, planRentang } from './periode.ts';

describe('splitRentang', () => {
  it('keeps a range of whole months whole', () => {
    assert.deepEqual(splitRentang({ dari: '2026-01-01', sampai: '2026-12-31' }), {
      bulan: { dari: '2026-01-01', sampai: '2026-12-01' },
      hari: [],
    });
    assert.deepEqual(splitRentang({ dari: '2024-02-01', sampai: '2024-02-29' }), {
      bulan: { dari: '2024-02-01', sampai: '2024-02-01' },
      hari: [],
    });
  });

  it('reads the year so far as whole months and the days of the current month', () => {
    assert.deepEqual(splitRentang({ dari: '2026-01-01', sampai: '2026-11-28' }), {
      bulan: { dari: '2026-01-01', sampai: '2026-10-01' },
      hari: [{ dari: '2026-11-01', sampai: '2026-11-28' }],
    });
  });

  it('reads partial months at both ends as days, across a year', () => {
    assert.deepEqual(splitRentang({ dari: '2025-11-17', sampai: '2026-03-02' }), {
      bulan: { dari: '2025-12-01', sampai: '2026-02-01' },
      hari: [
        { dari: '2025-11-17', sampai: '2025-11-30' },
        { dari: '2026-03-01', sampai: '2026-03-02' },
      ],
    });
    // February of a non-leap year ends on the 28th.
    assert.deepEqual(splitRentang({ dari: '2026-01-31', sampai: '2026-02-28' }), {
      bulan: { dari: '2026-02-01', sampai: '2026-02-01' },
      hari: [{ dari: '2026-01-31', sampai: '2026-01-31' }],
    });
  });

  it('reads a range without a whole month as days', () => {
    for (const r of [
      { dari: '2026-03-05', sampai: '2026-03-20' },
      { dari: '2026-03-02', sampai: '2026-04-29' },
      { dari: '2026-02-01', sampai: '2026-02-27' },
      { dari: '2026-05-31', sampai: '2026-05-31' },
    ]) {
      assert.deepEqual(splitRentang(r), { bulan: null, hari: [r] }, JSON.stringify(r));
    }
  });

  it('reads everything per day when asked for days', () => {
    assert.deepEqual(planRentang({ dari: '2026-01-01', sampai: '2026-12-31' }, 'hari'), {
      bulan: null,
      hari: [{ dari: '2026-01-01', sampai: '2026-12-31' }],
    });
  });
});
