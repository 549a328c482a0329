// `npm run -s simulate -- FILE` runs a scenario file (libs/domain's CLI, FORMAT.md); `-- --from-store YEAR …` replays a
// year of the recorded history instead (./from-store.ts), loaded only then so a scenario run starts as fast as before.
import { main as simulateFile } from '@app/domain/simulate/simulate.cli';

async function run(args: string[]): Promise<number> {
  if (!args.includes('--from-store')) return simulateFile(args);
  const { whatIfFromStore } = await import('./from-store');
  return whatIfFromStore(args, process.env);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
