// Three tiers by file suffix (see STYLE.md): unit (pure), int (real servers from infra:up), e2e (HTTP + worker).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  // A fresh clone has no empty folders, and Jest rejects a missing root.
  roots: ['apps', 'libs', 'workflows', 'test', 'infra']
    .filter((dir) => existsSync(join(__dirname, dir)))
    .map((dir) => `<rootDir>/${dir}`),
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['**/*.int.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'] },
  ],
  // A global option: Jest ignores it inside projects. Int and e2e tests drive real servers.
  testTimeout: 120000,
  // Lists every test, so a skipped one shows its reason in the output (the KurrentDB contract run without a server).
  verbose: true,
};
