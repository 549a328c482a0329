import { z } from 'zod';
import { kurrentDbConnectionString, refineTransportSecurity, transportSecurityFields } from './transport-security';

/**
 * The one configuration of every app, from environment variables. The defaults are the local real
 * infrastructure that `npm run infra:up` starts, so a fresh clone runs without a .env file.
 */
const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port');

export const engineConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .default('postgres://whistle:whistle@127.0.0.1:55432/whistle'),
  EVENT_STORE: z.enum(['postgres', 'kurrentdb']).default('postgres'),
  KURRENTDB_CONNECTION_STRING: kurrentDbConnectionString.optional(),
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:17233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('whistle'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('whistle-issues'),
  /** Domain time = wall time − this offset. Only for replaying past periods (demo, tests, benchmarks); 0 in production. */
  TEMPORAL_CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:19092')
    .transform((value) => value.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(hostPort).min(1, 'must name at least one broker')),
  KAFKA_CLIENT_ID: z.string().min(1).default('whistle-engine'),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]*$/, 'may hold letters, digits, . _ -').default('whistle.department.'),
  TIME_ZONE: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  /** Cron of the year-end reconciliation schedule, in TIME_ZONE (default 00:30 on 1 January). */
  YEAR_END_CRON: z.string().min(9).default('30 0 1 1 *'),
  /**
   * Cron of the circulars' schedule, in TIME_ZONE: each run publishes the month before's circular on or after the
   * month's first working day, and the year-end circular once the final reconciliation is in (default 08:00 on days 1–15).
   */
  CIRCULAR_CRON: z.string().min(9).default('0 8 1-15 * *'),
  /**
   * Partitions of the worker's delivery of issue events to their workflows, by issue: that many worker processes can
   * share it (docs/temporal.md "Several workers"). 1 keeps one delivery feed and its checkpoint `temporal-delivery:issue`.
   */
  WORKER_DELIVERY_PARTITIONS: z.coerce.number().int().min(1).max(256).default(1),
  /**
   * How many workflows a worker keeps cached between tasks; unset keeps the SDK's default, which it sizes from the
   * heap (docs/temporal.md "Workflow cache"). A workflow evicted from the cache replays its history on its next task.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(1_000_000).optional(),
  /** How often a worker or projector counts the live processes of its kind and takes or hands back leased work. */
  LEASE_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /** The district named in a circular's masthead, and the issuing office's prefix of its document number. */
  DISTRICT_NAME: z.string().min(1).default('大观区'),
  CIRCULAR_NUMBER_PREFIX: z.string().min(1).default('大观红领办'),
  /** The Chromium that prints circulars to PDF (Debian's chromium package). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  ...transportSecurityFields,
}).superRefine((config, ctx) => {
  refineTransportSecurity(config, ctx);
  if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_CONNECTION_STRING) {
    ctx.addIssue({ code: 'custom', path: ['KURRENTDB_CONNECTION_STRING'], message: 'is required when EVENT_STORE=kurrentdb' });
  }
  if (config.NODE_ENV === 'production' && config.TEMPORAL_CLOCK_OFFSET_MS !== 0) {
    ctx.addIssue({ code: 'custom', path: ['TEMPORAL_CLOCK_OFFSET_MS'], message: 'must be 0 in production' });
  }
});

export type EngineConfig = z.infer<typeof engineConfigSchema>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads and validates the configuration; every problem names its variable. */
export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = engineConfigSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}
