import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** The modules Node loads for `entry` (its whole import graph), as paths relative to the repository. */
function moduleGraph(entry: string): string[] {
  const script = `require(${JSON.stringify(join(root, entry))}); console.log(JSON.stringify(Object.keys(require.cache)));`;
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
  });
  if (run.status !== 0) throw new Error(`loading ${entry} failed: ${run.stderr}`);
  return (JSON.parse(run.stdout.trim().split('\n').pop() as string) as string[]).map((path) => path.replace(`${root}/`, ''));
}

const loads = (graph: string[], part: string) => graph.some((path) => path.includes(part));

/**
 * docs/temporal.md: the API starts workflows through the contract (libs/temporal/src/workflow.contract.ts) and a
 * client; the worker and its native runtime are the worker's alone. ESLint refuses the direct import in apps/api;
 * this follows every import, as Node loads them.
 */
describe('the Temporal contract', () => {
  it('is all the API loads of Temporal: not @temporalio/worker, not the activities, not scoring', () => {
    const graph = moduleGraph('apps/api/src/app.module.ts');
    expect(loads(graph, 'libs/temporal/src/workflow.contract.ts')).toBe(true);
    expect({
      worker: loads(graph, 'node_modules/@temporalio/worker/'),
      activities: loads(graph, 'libs/temporal/src/worker/'),
      scoring: loads(graph, 'libs/scoring/'),
    }).toEqual({ worker: false, activities: false, scoring: false });
  });

  it('would see the worker where it is loaded', () => {
    expect(loads(moduleGraph('libs/temporal/src/worker/index.ts'), 'node_modules/@temporalio/worker/')).toBe(true);
  });
});
