import { readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenarioText, ScenarioProblems } from './scenario';
import { simulateScenario, SimulationResult } from './simulation';

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
    const result = simulateScenario(parseScenarioText(readScenarioFile(path)));
    writeJson(result);
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

/**
 * The same text as JSON.stringify(result, null, 2), written issue by issue: a generated year's output is
 * 70 MB, and holding it as one string on top of the result pushed the peak memory over 1 GB.
 */
function writeJson(result: SimulationResult): void {
  const write = (text: string) => {
    const bytes = Buffer.from(text);
    for (let offset = 0; offset < bytes.length;) {
      try {
        offset += writeSync(1, bytes, offset);
      } catch (error) {
        // A non-blocking pipe whose reader is behind: try again until it takes the rest.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
    }
  };
  const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
  const { issues, ...head } = result;
  write('{\n');
  for (const [key, value] of Object.entries(head)) write(`  ${JSON.stringify(key)}: ${nested(value, 1)},\n`);
  const ids = Object.keys(issues);
  if (ids.length === 0) write('  "issues": {}\n}\n');
  else {
    write('  "issues": {\n');
    ids.forEach((id, index) => write(`    ${JSON.stringify(id)}: ${nested(issues[id], 2)}${index < ids.length - 1 ? ',' : ''}\n`));
    write('  }\n}\n');
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
