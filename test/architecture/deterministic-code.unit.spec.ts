import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * DESIGN.md: libs/domain is pure (no framework, no I/O, no clock) and workflow code is deterministic.
 * eslint.config.mjs states the boundary; this test runs ESLint (in a child process: Jest cannot load an
 * ES-module config) and shows the rule catches a breach.
 */
const root = join(__dirname, '../..');
const eslintBin = join(root, 'node_modules/.bin/eslint');

function boundaryErrors(args: string[], stdin?: string): string[] {
  const run = spawnSync(eslintBin, ['--format', 'json', ...args], { cwd: root, encoding: 'utf8', input: stdin });
  if (!run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[];
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
      .map((m) => `${r.filePath.replace(root, '')}:${m.line} ${m.ruleId}: ${m.message}`),
  );
}

describe('deterministic code boundaries', () => {
  it('libs/domain imports no framework or I/O and reads no clock', () => {
    expect(boundaryErrors(['libs/domain/src'])).toEqual([]);
  });

  it('workflow code imports nothing non-deterministic', () => {
    expect(boundaryErrors(['--no-warn-ignored', 'workflows'])).toEqual([]);
  });

  it('would catch a domain file that reads the clock or imports Nest', () => {
    const breach = "import { Injectable } from '@nestjs/common';\nexport const now = (): number => Date.now();\nexport type T = Injectable;\n";
    const errors = boundaryErrors(['--stdin', '--stdin-filename', 'libs/domain/src/breach.ts'], breach);
    expect(errors.map((e) => e.split(' ')[1])).toEqual(['no-restricted-imports:', 'no-restricted-syntax:']);
  });
});
