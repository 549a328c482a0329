import { boundaryErrors, breachErrors } from './eslint-boundaries';

/** docs/architecture.md: each lib imports only the libs below it and no app; eslint.config.mjs states it. */
describe('lib layers', () => {
  it('hold in every lib and app today', () => {
    expect(boundaryErrors(['libs', 'apps/api/src', 'apps/worker/src', 'apps/projector/src', 'apps/simulate/src'])).toEqual([]);
  });

  it('would catch the write side importing a read model', () => {
    const errors = breachErrors('libs/issues/src/breach.ts', "export { IssueViewRepository } from '@app/read-models';\n");
    expect(errors).toEqual([expect.stringContaining('libs/issues is the write side')]);
  });

  it('would catch the event store learning the domain, and a lib importing an app or test helpers', () => {
    const breach = [
      "import type { Issue } from '@app/domain';",
      "import { createFreshDatabase } from '@app/testing';",
      "import { AppModule } from '../../../apps/api/src/app.module';",
      'export type T = [Issue, typeof createFreshDatabase, AppModule];',
    ].join('\n');
    const errors = breachErrors('libs/event-store/src/breach.ts', breach);
    expect(errors).toEqual([
      expect.stringContaining("'@app/domain' import is restricted"),
      expect.stringContaining("'@app/testing' import is restricted"),
      expect.stringContaining('a lib never imports an app'),
    ]);
  });

  it('would catch scoring driving Temporal, and the API loading the worker or scoring', () => {
    const scoring = breachErrors('libs/scoring/src/breach.ts', "export { Context } from '@temporalio/activity';\n");
    expect(scoring).toEqual([expect.stringContaining('libs/scoring books ledgers, streaks and year ends')]);
    const api = breachErrors(
      'apps/api/src/breach.ts',
      ["export { createActivities } from '@app/temporal/worker';", "export { LedgerBooking } from '@app/scoring';"].join('\n'),
    );
    expect(api).toEqual([
      expect.stringContaining('apps/api starts workflows through @app/temporal'),
      expect.stringContaining('apps/api reads scores through libs/read-models'),
    ]);
  });

  it('would catch an app importing another app', () => {
    for (const path of ['../../api/src/clock/clock', '../../../apps/api/src/clock/clock']) {
      const errors = breachErrors('apps/projector/src/breach.ts', `export { SystemClock } from '${path}';\n`);
      expect({ path, errors }).toEqual({ path, errors: [expect.stringContaining('an app is wired from libs, never from another app')] });
    }
  });
});
