import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../libs/temporal/src/worker';

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, '__fixtures__');

// Histories recorded from real runs (test/temporal/temporal-deadlines.int.spec.ts with RECORD_HISTORIES=1). A change
// to the workflow code that would break a running workflow fails here: guard such changes with patched().
describe('issueWorkflow replay', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.history.json'));

  it('has recorded histories to replay', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)('replays %s without nondeterminism', async (file) => {
    // Decoded here: the SDK's own JSON reader trips over Jest's module registry (a second protobufjs).
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
    const results = Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, [
      { workflowId: file.replace('.history.json', ''), history },
    ]);
    for await (const result of results) {
      expect(result.error).toBeUndefined();
    }
  });
});
