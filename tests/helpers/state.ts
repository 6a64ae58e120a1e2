import os from 'node:os';
import path from 'node:path';

/** Where global setup tells the test files which server and template to use. */
export const TEST_STATE_FILE = path.join(os.tmpdir(), `balai-test-state-${process.env.BALAI_TEST_RUN ?? 'default'}.json`);

export interface TestState {
  adminUrl: string;
  template: string;
  databases: string[];
}
