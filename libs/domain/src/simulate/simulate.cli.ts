import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readScenario, parseScenarioText, ScenarioProblems } from './scenario';
import { simulate } from './simulation';

/**
 * `npm run -s simulate -- FILE`: prints the simulation of a scenario as JSON (scenarios/FORMAT.md).
 * On a bad scenario: exit 2, nothing on stdout, one line per problem on stderr.
 */
function main(args: string[]): number {
  if (args.length !== 1) {
    process.stderr.write('usage: npm run -s simulate -- path/to/scenario.yaml\n');
    return 2;
  }
  // npm runs scripts from the package root; a relative path means relative to where the user stood.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
  try {
    // Read and parse in one expression so the text (100 MB for a generated year) can be collected early.
    const result = simulate(readScenario(parseScenarioText(readScenarioFile(path))));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UnreadableFile) {
      process.stderr.write(`scenario: cannot read ${path}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ScenarioProblems) {
      process.stderr.write(error.problems.map((p) => `${p}\n`).join(''));
      return 2;
    }
    throw error;
  }
}

class UnreadableFile extends Error {}

function readScenarioFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UnreadableFile((error as NodeJS.ErrnoException).code ?? String(error));
  }
}

process.exitCode = main(process.argv.slice(2));
