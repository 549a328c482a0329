import { describeEventStoreContract } from '../../test/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING;
const SKIP_REASON =
  'KurrentDB contract tests SKIPPED: KURRENTDB_CONNECTION_STRING is not set (no KurrentDB server can be installed on this machine)';

if (connectionString === undefined || connectionString === '') {
  console.warn(SKIP_REASON);
  describe.skip(SKIP_REASON, () => { // why: no KurrentDB server can be installed here; SKIP_REASON is printed
    it('runs the EventStore contract against KurrentDB', () => undefined);
  });
} else {
  describeEventStoreContract('KurrentDB', async () => {
    const store = new KurrentDbEventStore(connectionString);
    return {
      store,
      detectsIdReuseAcrossStreams: false,
      teardown: () => store.close(),
    };
  });
}
