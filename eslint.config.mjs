// @ts-check
import tseslint from 'typescript-eslint';

const frameworkAndIo = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'kafkajs',
  '@temporalio/*',
  '@kurrent/*',
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  '@app/*',
];

/** No clock in code that must be deterministic: time is a parameter (domain) or Temporal's (workflows). */
const noClock = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'time is a parameter here: no Date.now()' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'time is a parameter here: no new Date() without an instant' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'no randomness in deterministic code' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'apps/console/dist/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // libs/domain is pure: no framework, no I/O, no clock (DESIGN.md, STYLE.md).
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts', 'libs/domain/src/simulate/simulate.cli.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: frameworkAndIo, message: 'libs/domain is pure: no framework and no I/O' }] }],
      'no-restricted-syntax': ['error', ...noClock],
    },
  },
  {
    // Workflow code is replayed: deterministic, only @temporalio/workflow and pure domain code.
    // Date.now() and Math.random() are allowed there: the workflow sandbox replaces them with replay-safe ones.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts', 'workflows/**/*.activities.ts', 'workflows/**/activities/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', '@kurrent/*', 'node:*', 'fs', 'path', 'os', 'child_process', 'crypto', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
              message: 'workflow code is deterministic: import only @temporalio/workflow, pure domain code and activity types',
            },
          ],
        },
      ],
    },
  },
);
