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
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'time is a parameter here: no new Date() without an instant',
  },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'no randomness in deterministic code' },
];

/**
 * The layers of libs/ (docs/architecture.md): each lib imports only the libs below it, never an app, and test
 * helpers (@app/testing) only from tests. Denied per lib rather than allowed, so a new lib below is free to use.
 */
const LIB_LAYERS = {
  config: { denied: ['@app/*'], why: 'libs/config reads the environment and depends on no other lib' },
  'event-store': {
    denied: ['@app/domain', '@app/issues', '@app/scoring', '@app/read-models', '@app/messaging', '@app/temporal', '@app/temporal/*', '@app/circulars'],
    why: 'libs/event-store stores any stream: it knows no domain and no lib above it',
  },
  issues: {
    denied: ['@app/scoring', '@app/read-models', '@app/messaging', '@app/temporal', '@app/temporal/*', '@app/circulars'],
    why: 'libs/issues is the write side over libs/domain and libs/event-store: no scoring, read model, Kafka or Temporal',
  },
  scoring: {
    denied: ['@app/read-models', '@app/messaging', '@app/temporal', '@app/temporal/*', '@temporalio/*', '@app/circulars'],
    why: 'libs/scoring books ledgers, streaks and year ends over libs/issues: no read model, Kafka or Temporal',
  },
  'read-models': {
    denied: ['@app/scoring', '@app/messaging', '@app/temporal', '@app/temporal/*', '@app/circulars'],
    why: 'libs/read-models answers queries from the log: it does not publish, score or drive workflows',
  },
  messaging: {
    denied: ['@app/scoring', '@app/read-models', '@app/temporal', '@app/temporal/*', '@app/circulars'],
    why: 'libs/messaging publishes the log to Kafka: no read model, no scoring, no workflow',
  },
  temporal: {
    denied: ['@app/read-models', '@app/messaging', '@app/circulars'],
    why: 'libs/temporal drives workflows from the log: no read model, no Kafka',
  },
  circulars: {
    denied: ['@app/messaging', '@app/temporal'],
    why: 'libs/circulars composes, prints and stores circulars from the log: their Kafka message follows the log',
  },
};
/** The API starts workflows through the contract and a client: the worker (and its native runtime) is not its to load. */
const API_DENIED = [
  {
    group: ['@temporalio/worker', '@app/temporal/worker', '**/libs/temporal/src/worker', '**/libs/temporal/src/worker/**'],
    message: 'apps/api starts workflows through @app/temporal (the contract and a client), never the worker',
  },
  { group: ['@app/scoring', '@app/scoring/*'], message: 'apps/api reads scores through libs/read-models; the worker books them' },
];
const APPS = ['api', 'worker', 'projector', 'console', 'simulate'];
const intoApps = (except) => APPS.filter((app) => app !== except).map((app) => `**/${app}/src/**`);
const testFiles = ['**/*.spec.ts', 'libs/*/test/**'];

const layerRules = [
  ...Object.entries(LIB_LAYERS).map(([lib, { denied, why }]) => ({
    files: [`libs/${lib}/**/*.ts`],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: denied, message: why },
            { group: ['@app/testing', '@app/testing/*'], message: 'test helpers are for tests (*.spec.ts, libs/*/test)' },
            { group: intoApps(), message: 'a lib never imports an app' },
          ],
        },
      ],
    },
  })),
  ...['api', 'worker', 'projector', 'simulate'].map((app) => ({
    files: [`apps/${app}/src/**/*.ts`],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: intoApps(app), message: 'an app is wired from libs, never from another app' },
            { group: ['@app/testing', '@app/testing/*'], message: 'test helpers are for tests and scripts' },
            ...(app === 'api' ? API_DENIED : []),
          ],
        },
      ],
    },
  })),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'apps/console/dist/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
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
