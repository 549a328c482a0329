import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const TYPES = 'apps/console/src/api/openapi.ts';

/**
 * The generator runs in its own Node process (openapi-typescript loads ES modules that Jest's loader cannot);
 * its verdict is the last line it prints (Nest may log before it).
 */
function checkTypes(file: string): { status: number | null; verdict: string | undefined } {
  const run = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/scripts/api-types.ts', '--check', file],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { status: run.status, verdict: run.stdout.trim().split('\n').at(-1) };
}

describe('the console’s API types (apps/console/src/api/openapi.ts)', () => {
  it('are what openapi-typescript generates from the OpenAPI document the api serves (if not: npm run api:types)', () => {
    const check = checkTypes(TYPES);
    expect(check).toEqual({ status: 0, verdict: `${TYPES} is up to date` });
  });

  it('are reported stale when they differ from the document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-types-'));
    try {
      const edited = join(dir, 'openapi.ts');
      writeFileSync(edited, readFileSync(join(ROOT, TYPES), 'utf8').replace('IssueDetailsDto: {', 'IssueDetailDto: {'));
      const check = checkTypes(edited);
      expect(check).toEqual({ status: 1, verdict: `${edited} is stale: run npm run api:types` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
