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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    process.stderr.write(`scenario: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  try {
    const result = simulate(readScenario(parseScenarioText(text)));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ScenarioProblems) {
      process.stderr.write(error.problems.map((p) => `${p}\n`).join(''));
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
