import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The CLI as a policy maker runs it: `npm run -s simulate -- FILE`. */
function simulateCli(file: string) {
  return spawnSync('npm', ['run', '-s', 'simulate', '--', file], { cwd: join(__dirname, '../..'), encoding: 'utf8' });
}

describe('npm run -s simulate', () => {
  it('prints the expected JSON for the shared example and exits 0', () => {
    const example = join(__dirname, '../../../shared/scenarios/example-01.yaml');
    const out = simulateCli(example);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(JSON.parse(readFileSync(example.replace('.yaml', '.expected.json'), 'utf8')));
  });

  it('on a bad scenario exits 2, prints nothing on stdout and one line per problem on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        year: 2026,
        departments: [{ id: 'cg' }],
        steps: [
          { at: '2026-03-02T09:00:00+08:00', do: 'feedback', issue: 'I1', department: 'cg' },
          { at: '2026-03-02T10:00:00+08:00', do: 'confirm', issue: 'I2' },
        ],
      }),
    );
    const out = simulateCli(file);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toEqual([
      'step 0: feedback: issue "I1" does not exist (it was never raised)',
      'step 1: confirm: issue "I2" does not exist (it was never raised)',
    ]);
  });
});
