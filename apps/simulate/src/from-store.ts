import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadEngineConfig, postgresSsl } from '@app/config';
import {
  APPEALS_OUT_OF_TIME,
  AppealsOutOfTime,
  differencesFromRecord,
  HistoryProblems,
  parseInstant,
  replayHistory,
  SCHEDULE_YEARS,
  SHANGHAI,
  SimulationResult,
  WhatIfAnswer,
  whatIfOfHistory,
} from '@app/domain';
import { writeJson, writeStdout } from '@app/domain/simulate/simulate.cli';
import { createEventStoreFromEnv, EventStore } from '@app/event-store';
import { ReferenceData } from '@app/issues';
import { createReadModelsDataSource, RecordedOutcomeReader, ScoringStreamReader, TypeOrmLedgerRepository } from '@app/read-models';

/** The exit codes of `simulate --from-store` (docs/simulate.md). */
export const FROM_STORE_EXIT = {
  /** Done; without --policy (or with --compare) the replay equals what the live system recorded. */
  ok: 0,
  /** The replay under the recorded rules differs from the recorded ledger, ranking or interviews (or refuses a recorded act). */
  differs: 1,
  /** Bad arguments, an unreadable policy file or an override that is not a policy value: nothing on stdout. */
  badInput: 2,
  /** The store cannot be read, or holds an event no step stands for. */
  unreadable: 3,
  /** The alternative rules refuse a recorded act (a whistle on an issue they have not yet brought to district level, say). */
  alternativeRefused: 4,
} as const;

const USAGE =
  'usage: npm run -s simulate -- --from-store YEAR [--policy overrides.yaml] [--compare] [--until INSTANT] [--appeals-out-of-time stand|moot]';

class BadInput extends Error {}

interface FromStoreArgs {
  year: number;
  overrides?: unknown;
  policyFile?: string;
  compare: boolean;
  until?: number;
  appealsOutOfTime?: AppealsOutOfTime;
}

/**
 * `simulate --from-store YEAR`: replays the year from the event store (DATABASE_URL, as the other processes) through
 * the rules and prints it in the usual format; with --policy under those overrides from the start of the year; with
 * --compare both runs and what changes per department. The replay under the recorded rules is checked against the
 * recorded ledger, ranking and interviews whenever it runs.
 */
export async function whatIfFromStore(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const say = (lines: string[]) => process.stderr.write(lines.map((l) => `${l}\n`).join(''));
  let args: FromStoreArgs;
  try {
    args = readArgs(argv, env.INIT_CWD ?? process.cwd());
  } catch (error) {
    if (!(error instanceof BadInput)) throw error;
    say([error.message, USAGE]);
    return FROM_STORE_EXIT.badInput;
  }

  let store: EventStore | undefined;
  try {
    const config = loadEngineConfig(env);
    store = await createEventStoreFromEnv(env, false, postgresSsl(config));
    const reference = new ReferenceData(store);
    // The ledger repository answers the provisional ranking from the read model; this reader ranks the ledger
    // streams it reads itself, so the repository is never queried and its data source never connects.
    const scoring = new ScoringStreamReader(store, reference, new TypeOrmLedgerRepository(createReadModelsDataSource(config.DATABASE_URL)));
    const read = await new RecordedOutcomeReader(scoring, store, reference).history(args.year, SHANGHAI, args.until);
    const { history, recorded } = read;
    const options = args.appealsOutOfTime !== undefined ? { ...read.options, appealsOutOfTime: args.appealsOutOfTime } : read.options;

    if (args.compare) {
      let answer: WhatIfAnswer;
      try {
        answer = whatIfOfHistory(history, options, args.overrides, recorded.outcome);
      } catch (error) {
        if (!(error instanceof HistoryProblems) || error.kind !== 'overrides') throw error;
        say(error.problems.map((p) => `${args.policyFile}: ${p}`));
        return FROM_STORE_EXIT.badInput;
      }
      if (answer.kind === 'refused') {
        say([`the ${answer.run === 'current' ? 'recorded' : 'alternative'} rules refuse recorded acts:`, ...answer.problems]);
        return answer.run === 'current' ? FROM_STORE_EXIT.differs : FROM_STORE_EXIT.alternativeRefused;
      }
      if (answer.differences.length > 0) say(differenceLines(args.year, answer.differences));
      writeStdout(`${JSON.stringify(answer.report, null, 2)}\n`);
      return answer.differences.length > 0 ? FROM_STORE_EXIT.differs : FROM_STORE_EXIT.ok;
    }

    if (!args.policyFile) {
      let current: SimulationResult;
      try {
        current = replayHistory(history, options);
      } catch (error) {
        if (!(error instanceof HistoryProblems) || error.kind !== 'refused') throw error;
        say(['the recorded rules refuse recorded acts:', ...error.problems]);
        return FROM_STORE_EXIT.differs;
      }
      const differences = differencesFromRecord(current, recorded.outcome);
      if (differences.length > 0) say(differenceLines(args.year, differences));
      writeJson(current);
      return differences.length > 0 ? FROM_STORE_EXIT.differs : FROM_STORE_EXIT.ok;
    }

    try {
      writeJson(replayHistory(history, { ...options, overrides: args.overrides }));
    } catch (error) {
      if (!(error instanceof HistoryProblems)) throw error;
      if (error.kind === 'overrides') {
        say(error.problems.map((p) => `${args.policyFile}: ${p}`));
        return FROM_STORE_EXIT.badInput;
      }
      if (error.kind !== 'refused') throw error;
      say(['the alternative rules refuse recorded acts:', ...error.problems]);
      return FROM_STORE_EXIT.alternativeRefused;
    }
    return FROM_STORE_EXIT.ok;
  } catch (error) {
    if (error instanceof HistoryProblems && error.kind === 'history') {
      say([`the recorded history of ${args.year} cannot be replayed:`, ...error.problems]);
      return FROM_STORE_EXIT.unreadable;
    }
    if (error instanceof HistoryProblems) throw error;
    say([`cannot read the event store: ${error instanceof Error ? error.message : String(error)}`]);
    return FROM_STORE_EXIT.unreadable;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

function readArgs(argv: string[], cwd: string): FromStoreArgs {
  let values: { 'from-store'?: string; policy?: string; compare?: boolean; until?: string; 'appeals-out-of-time'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'from-store': { type: 'string' },
        policy: { type: 'string' },
        compare: { type: 'boolean' },
        until: { type: 'string' },
        'appeals-out-of-time': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BadInput((error as Error).message);
  }
  const yearText = values['from-store'] ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
  if (!(year >= SCHEDULE_YEARS.first && year <= SCHEDULE_YEARS.last)) {
    throw new BadInput(
      `--from-store: the year must be a whole number from ${SCHEDULE_YEARS.first} to ${SCHEDULE_YEARS.last}, not ${JSON.stringify(yearText)}`,
    );
  }
  let until: number | undefined;
  if (values.until !== undefined) {
    try {
      until = parseInstant(values.until);
    } catch (error) {
      throw new BadInput(`--until: ${(error as Error).message}`);
    }
  }
  const appealsOutOfTime = values['appeals-out-of-time'];
  if (appealsOutOfTime !== undefined && !(APPEALS_OUT_OF_TIME as readonly string[]).includes(appealsOutOfTime)) {
    throw new BadInput(`--appeals-out-of-time: ${APPEALS_OUT_OF_TIME.join(' or ')}, not ${JSON.stringify(appealsOutOfTime)}`);
  }
  const args: FromStoreArgs = {
    year,
    compare: values.compare ?? false,
    until,
    appealsOutOfTime: appealsOutOfTime as AppealsOutOfTime | undefined,
  };
  if (values.policy !== undefined) {
    const path = resolve(cwd, values.policy);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new BadInput(`${values.policy}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      args.overrides = parseYaml(text) ?? {};
    } catch (error) {
      throw new BadInput(`${values.policy}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
    }
    args.policyFile = values.policy;
  }
  return args;
}

const differenceLines = (year: number, differences: string[]) => [
  `the replay of ${year} differs from what was recorded (${differences.length}):`,
  ...differences,
];
