import { readFileSync } from 'node:fs';
import { parseConnectionString } from '@kurrent/kurrentdb-client/dist/Client/parseConnectionString';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { z } from 'zod';

/**
 * TLS to every server the apps reach, from the validated configuration. Certificates and keys are given as
 * paths to PEM files, read (and checked to be PEM) when the configuration is loaded, so a missing or wrong
 * file stops start-up naming its variable. docs/security.md lists what each setting does.
 */
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]+-----END [A-Z0-9 ]+-----/;

export const pemFile = z.string().transform((path, ctx) => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return z.NEVER;
  }
  if (!PEM.test(text)) {
    ctx.addIssue({ code: 'custom', message: `${path} is not a PEM file` });
    return z.NEVER;
  }
  return text;
});

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((value) => value === 'true');

/** KurrentDB's own connection string carries its TLS options; the files it names are checked like the others. */
const KURRENTDB_FILE_OPTIONS = ['tlsCAFile', 'userCertFile', 'userKeyFile'] as const;

export const kurrentDbConnectionString = z
  .string()
  .regex(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//, 'must be a kurrentdb:// or esdb:// connection string')
  .superRefine((connectionString, ctx) => {
    let options: ReturnType<typeof parseConnectionString>;
    try {
      options = parseConnectionString(connectionString);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message.split('\n')[0] });
      return;
    }
    for (const option of KURRENTDB_FILE_OPTIONS) {
      const path = options[option];
      if (path === undefined) continue;
      const checked = pemFile.safeParse(path);
      if (!checked.success) ctx.addIssue({ code: 'custom', message: `${option}: ${checked.error.issues[0].message}` });
    }
    if ((options.userCertFile === undefined) !== (options.userKeyFile === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'userCertFile and userKeyFile go together' });
    }
  });

export const transportSecurityFields = {
  DATABASE_SSL: flag('false'),
  DATABASE_SSL_CA: pemFile.optional(),
  DATABASE_SSL_CERT: pemFile.optional(),
  DATABASE_SSL_KEY: pemFile.optional(),
  DATABASE_SSL_REJECT_UNAUTHORIZED: flag('true'),
  KAFKA_SSL: flag('false'),
  KAFKA_SSL_CA: pemFile.optional(),
  KAFKA_SSL_CERT: pemFile.optional(),
  KAFKA_SSL_KEY: pemFile.optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: flag('true'),
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512', 'plain']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  TEMPORAL_TLS: flag('false'),
  TEMPORAL_TLS_CA: pemFile.optional(),
  TEMPORAL_TLS_CERT: pemFile.optional(),
  TEMPORAL_TLS_KEY: pemFile.optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().regex(/^[A-Za-z0-9.-]+$/, 'must be a host name').optional(),
};

type TransportSecurity = z.infer<z.ZodObject<typeof transportSecurityFields>> & { DATABASE_URL: string };

/** The cross-field rules: a file or option without its switch, a certificate without its key, SASL without credentials. */
export function refineTransportSecurity(config: TransportSecurity, ctx: z.RefinementCtx): void {
  const requireSwitch = (switchName: 'DATABASE_SSL' | 'KAFKA_SSL' | 'TEMPORAL_TLS', names: (keyof TransportSecurity)[]) => {
    if (config[switchName]) return;
    for (const name of names) {
      if (config[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: `needs ${switchName}=true` });
    }
  };
  const pair = (cert: keyof TransportSecurity, key: keyof TransportSecurity) => {
    if ((config[cert] === undefined) !== (config[key] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [config[cert] === undefined ? cert : key], message: `${cert} and ${key} go together` });
    }
  };
  requireSwitch('DATABASE_SSL', ['DATABASE_SSL_CA', 'DATABASE_SSL_CERT', 'DATABASE_SSL_KEY']);
  requireSwitch('KAFKA_SSL', ['KAFKA_SSL_CA', 'KAFKA_SSL_CERT', 'KAFKA_SSL_KEY']);
  requireSwitch('TEMPORAL_TLS', ['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_SERVER_NAME']);
  pair('DATABASE_SSL_CERT', 'DATABASE_SSL_KEY');
  pair('KAFKA_SSL_CERT', 'KAFKA_SSL_KEY');
  pair('TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY');
  if (config.DATABASE_SSL && /[?&]sslmode=/.test(config.DATABASE_URL)) {
    // pg lets the URL's sslmode override the ssl options, so the two would disagree silently.
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'carries sslmode while DATABASE_SSL=true; use the DATABASE_SSL_ settings alone' });
  }
  if (config.KAFKA_SASL_MECHANISM !== undefined) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (config[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with KAFKA_SASL_MECHANISM' });
    }
  } else {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (config[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'needs KAFKA_SASL_MECHANISM' });
    }
  }
}

/** The TLS options the apps set: what node's tls (pg, TypeORM, kafkajs) takes for a client. */
export interface ClientTls {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

const tlsOptions = (ca: string | undefined, cert: string | undefined, key: string | undefined, rejectUnauthorized: boolean): ClientTls => ({
  rejectUnauthorized,
  ...(ca !== undefined ? { ca } : {}),
  ...(cert !== undefined && key !== undefined ? { cert, key } : {}),
});

/** pg's (and TypeORM's) `ssl` option; undefined for a plain connection. */
export function postgresSsl(config: TransportSecurity): ClientTls | undefined {
  if (!config.DATABASE_SSL) return undefined;
  return tlsOptions(config.DATABASE_SSL_CA, config.DATABASE_SSL_CERT, config.DATABASE_SSL_KEY, config.DATABASE_SSL_REJECT_UNAUTHORIZED);
}

/** kafkajs's `ssl` and `sasl` options (SCRAM or PLAIN, as kafkajs supports them). */
export function kafkaSecurity(config: TransportSecurity): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return {
    ...(config.KAFKA_SSL
      ? { ssl: tlsOptions(config.KAFKA_SSL_CA, config.KAFKA_SSL_CERT, config.KAFKA_SSL_KEY, config.KAFKA_SSL_REJECT_UNAUTHORIZED) }
      : {}),
    ...(config.KAFKA_SASL_MECHANISM !== undefined
      ? {
          sasl: { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME!, password: config.KAFKA_SASL_PASSWORD! } as SASLOptions,
        }
      : {}),
  };
}

/** The Temporal client's and worker's `tls` option (their TLSConfig): mTLS when a client pair is given. */
export interface TemporalTls {
  serverNameOverride?: string;
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
}

export function temporalTls(config: TransportSecurity): TemporalTls | undefined {
  if (!config.TEMPORAL_TLS) return undefined;
  return {
    ...(config.TEMPORAL_TLS_SERVER_NAME !== undefined ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(config.TEMPORAL_TLS_CA !== undefined ? { serverRootCACertificate: Buffer.from(config.TEMPORAL_TLS_CA) } : {}),
    ...(config.TEMPORAL_TLS_CERT !== undefined && config.TEMPORAL_TLS_KEY !== undefined
      ? { clientCertPair: { crt: Buffer.from(config.TEMPORAL_TLS_CERT), key: Buffer.from(config.TEMPORAL_TLS_KEY) } }
      : {}),
  };
}
