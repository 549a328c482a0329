import { boundaryErrors, breachErrors } from './eslint-boundaries';

/**
 * DESIGN.md: libs/domain is pure (no framework, no I/O, no clock) and workflow code is deterministic.
 * eslint.config.mjs states the boundary; this test runs ESLint and shows the rule catches a breach.
 */
describe('deterministic code boundaries', () => {
  it('libs/domain imports no framework or I/O and reads no clock', () => {
    expect(boundaryErrors(['libs/domain/src'])).toEqual([]);
  });

  it('workflow code imports nothing non-deterministic', () => {
    expect(boundaryErrors(['--no-warn-ignored', 'workflows'])).toEqual([]);
  });

  it('would catch a domain file that reads the clock or imports Nest', () => {
    const breach =
      "import { Injectable } from '@nestjs/common';\nexport const now = (): number => Date.now();\nexport type T = Injectable;\n";
    const errors = breachErrors('libs/domain/src/breach.ts', breach);
    expect(errors.map((e) => e.split(' ')[1])).toEqual(['no-restricted-imports:', 'no-restricted-syntax:']);
  });
});
