import { jsonLog, startProjector } from './projector';

async function main(): Promise<void> {
  const projector = await startProjector();
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    jsonLog('shutting down', { signal });
    projector.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        jsonLog('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  jsonLog('projector failed to start', { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
