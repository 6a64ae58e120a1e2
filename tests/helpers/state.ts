/**
 * How global setup tells the test files which server and template to use: an
 * environment variable set before the test processes start (they inherit it),
 * so parallel test runs never share state.
 */
export const TEST_STATE_ENV = 'BALAI_TEST_STATE';

export interface TestState {
  adminUrl: string;
  template: string;
}

export function readTestState(): TestState {
  const raw = process.env[TEST_STATE_ENV];
  if (!raw)
    throw new Error('Test state missing: run tests through npm test (it uses tests/helpers/global-setup.ts)');
  return JSON.parse(raw) as TestState;
}
