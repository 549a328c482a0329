// Three tiers by file suffix (see STYLE.md): unit (pure), int (real servers from infra:up), e2e (HTTP + worker).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/test', '<rootDir>/infra'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['**/*.int.spec.ts'], testTimeout: 120000 },
    { ...shared, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'], testTimeout: 300000 },
  ],
};
