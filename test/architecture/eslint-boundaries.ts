import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const eslintBin = join(root, 'node_modules/.bin/eslint');

/**
 * The import and syntax boundaries eslint.config.mjs states, as `file:line rule: message`. ESLint runs in a child
 * process: Jest cannot load an ES-module config.
 */
export function boundaryErrors(args: string[], stdin?: string): string[] {
  const run = spawnSync(eslintBin, ['--format', 'json', ...args], { cwd: root, encoding: 'utf8', input: stdin });
  if (!run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[];
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
      .map((m) => `${r.filePath.replace(root, '')}:${m.line} ${m.ruleId}: ${m.message}`),
  );
}

/** The boundary errors of one file that is not on disk, linted as if it stood at `path`. */
export function breachErrors(path: string, source: string): string[] {
  return boundaryErrors(['--stdin', '--stdin-filename', path], source);
}
