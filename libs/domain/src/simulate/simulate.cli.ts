import { readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenarioText, ScenarioProblems } from './scenario';
import { simulateScenario, SimulationResult } from './simulation';

/**
 * `npm run -s simulate -- FILE`: prints the simulation of a scenario as JSON (scenarios/FORMAT.md).
 * On a bad scenario: exit 2, nothing on stdout, one line per problem on stderr.
 */
export function main(args: string[]): number {
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
 * The same text as JSON.stringify(result, null, 2), written a thousand issues at a time: a generated year's output is
 * 70 MB, and holding it as one string on top of the result pushed the peak memory over 1 GB. The issues, of one fixed
 * shape, are written by issueJson; the rest, small, by JSON.stringify.
 */
export function writeJson(result: SimulationResult): void {
  const { issues, ...head } = result;
  const whole = JSON.stringify({ ...head, issues: {} }, null, 2);
  const ids = Object.keys(issues);
  if (ids.length === 0) return writeStdout(`${whole}\n`);
  writeStdout(`${whole.slice(0, -EMPTY_ISSUES_END.length)}{\n`);
  for (let from = 0; from < ids.length; from += ISSUES_PER_WRITE) {
    const to = Math.min(from + ISSUES_PER_WRITE, ids.length);
    let text = '';
    for (let i = from; i < to; i += 1) text += `${issueJson(ids[i], issues[ids[i]])}${i === ids.length - 1 ? '\n' : ',\n'}`;
    writeStdout(text);
  }
  writeStdout('  }\n}\n');
}

const ISSUES_PER_WRITE = 1000;
const EMPTY_ISSUES_END = '{}\n}';

/** One issue's entry as JSON.stringify(result, null, 2) prints it inside `issues` (at its indentation). */
export function issueJson(id: string, issue: SimulationResult['issues'][string]): string {
  const q = JSON.stringify;
  let text = `    ${q(id)}: {\n      "status": ${q(issue.status)},\n      "level": ${q(issue.level)},\n      "levels": `;
  text += issue.levels.length === 0 ? '[]' : '[\n';
  issue.levels.forEach((l, i) => {
    text += `        {\n          "level": ${q(l.level)},\n          "at": ${q(l.at)}\n        }${i === issue.levels.length - 1 ? '\n      ]' : ',\n'}`;
  });
  text += ',\n      "deadlines": ';
  text += issue.deadlines.length === 0 ? '[]' : '[\n';
  issue.deadlines.forEach((d, i) => {
    text += `        {\n          "department": ${q(d.department)},\n          "due": ${q(d.due)},\n          "outcome": ${q(d.outcome)}`;
    if (d.provisional !== undefined) text += `,\n          "provisional": ${q(d.provisional)}`;
    if (d.overturned !== undefined) text += `,\n          "overturned": ${q(d.overturned)}`;
    text += `\n        }${i === issue.deadlines.length - 1 ? '\n      ]' : ',\n'}`;
  });
  return `${text}\n    }`;
}

/** Writes all of `text` to stdout, synchronously. */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length;) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      // A non-blocking pipe whose reader is behind: try again until it takes the rest.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
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

if (require.main === module) process.exitCode = main(process.argv.slice(2));
