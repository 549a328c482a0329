import { z } from 'zod';

/**
 * Settings only the HTTP API reads (the shared ones are in @app/config). Validated at start-up so a
 * malformed value stops the process with its name.
 */
const apiSettingsSchema = z.object({
  THROTTLE_LIMIT: z.coerce.number().int().min(1).default(300),
  THROTTLE_TTL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Checks Temporal and Kafka on GET /health (turned off by tests that start only PostgreSQL). */
  HEALTH_CHECK_TEMPORAL: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  HEALTH_CHECK_KAFKA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type ApiSettings = z.infer<typeof apiSettingsSchema>;

export const API_SETTINGS = Symbol('API_SETTINGS');

export function loadApiSettings(env: NodeJS.ProcessEnv = process.env): ApiSettings {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = apiSettingsSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new Error(`invalid API settings:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
