import { jsonLog, rebuildFromEnv } from './projector';

rebuildFromEnv().catch((error: unknown) => {
  jsonLog('rebuild failed', { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
