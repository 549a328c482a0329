import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConnectionString } from '@kurrent/kurrentdb-client/dist/Client/parseConnectionString';
import { createTestCertificates, TestCertificates } from '@app/testing/test-certificates';
import { ConfigurationError, loadEngineConfig } from './engine-config';
import { kafkaSecurity, postgresSsl, temporalTls } from './transport-security';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadEngineConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('transport security settings', () => {
  let pki: TestCertificates;
  const pem = (path: string) => readFileSync(path, 'utf8');

  beforeAll(() => {
    pki = createTestCertificates();
  });

  afterAll(() => pki.remove());

  it('connects in plain text when nothing is set, as the local infrastructure does', () => {
    const config = loadEngineConfig({});
    expect(postgresSsl(config)).toBeUndefined();
    expect(kafkaSecurity(config)).toEqual({});
    expect(temporalTls(config)).toBeUndefined();
  });

  it('gives pg the CA, the client pair and rejectUnauthorized', () => {
    const config = loadEngineConfig({
      DATABASE_SSL: 'true',
      DATABASE_SSL_CA: pki.caCert,
      DATABASE_SSL_CERT: pki.clientCert,
      DATABASE_SSL_KEY: pki.clientKey,
    });
    expect(postgresSsl(config)).toEqual({ ca: pem(pki.caCert), cert: pem(pki.clientCert), key: pem(pki.clientKey), rejectUnauthorized: true });
    expect(postgresSsl(loadEngineConfig({ DATABASE_SSL: 'true', DATABASE_SSL_REJECT_UNAUTHORIZED: 'false' }))).toEqual({ rejectUnauthorized: false });
  });

  it('gives kafkajs ssl and SASL/SCRAM', () => {
    const config = loadEngineConfig({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: pki.caCert,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'whistle',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaSecurity(config)).toEqual({
      ssl: { ca: pem(pki.caCert), rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'whistle', password: 's3cret' },
    });
    expect(kafkaSecurity(loadEngineConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }))).toEqual({
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
  });

  it('gives the Temporal client and worker mTLS: server name, root CA and the client pair', () => {
    const config = loadEngineConfig({
      TEMPORAL_TLS: 'true',
      TEMPORAL_TLS_SERVER_NAME: 'temporal.district.internal',
      TEMPORAL_TLS_CA: pki.caCert,
      TEMPORAL_TLS_CERT: pki.clientCert,
      TEMPORAL_TLS_KEY: pki.clientKey,
    });
    expect(temporalTls(config)).toEqual({
      serverNameOverride: 'temporal.district.internal',
      serverRootCACertificate: Buffer.from(pem(pki.caCert)),
      clientCertPair: { crt: Buffer.from(pem(pki.clientCert)), key: Buffer.from(pem(pki.clientKey)) },
    });
    expect(temporalTls(loadEngineConfig({ TEMPORAL_TLS: 'true' }))).toEqual({});
  });

  it('passes a KurrentDB connection string with its TLS options as the client reads them', () => {
    const connectionString = `kurrentdb://kurrent.district.internal:2113?tls=true&tlsVerifyCert=true&tlsCAFile=${pki.caCert}&userCertFile=${pki.clientCert}&userKeyFile=${pki.clientKey}`;
    const config = loadEngineConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: connectionString });
    expect(config.KURRENTDB_CONNECTION_STRING).toBe(connectionString);
    expect(parseConnectionString(config.KURRENTDB_CONNECTION_STRING!)).toMatchObject({
      tls: true,
      tlsVerifyCert: true,
      tlsCAFile: pki.caCert,
      userCertFile: pki.clientCert,
      userKeyFile: pki.clientKey,
    });
  });

  it('stops start-up naming each malformed setting', () => {
    const notPem = join(pki.dir, 'not-a-certificate.txt');
    writeFileSync(notPem, 'hello');
    expect(problemsOf({ DATABASE_SSL: 'yes' })[0]).toMatch(/^DATABASE_SSL: Invalid enum value/);
    expect(problemsOf({ DATABASE_SSL: 'true', DATABASE_SSL_CA: '/nowhere/ca.pem' })).toEqual(['DATABASE_SSL_CA: cannot read /nowhere/ca.pem: ENOENT']);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA: notPem })).toEqual([`KAFKA_SSL_CA: ${notPem} is not a PEM file`]);
    expect(problemsOf({ DATABASE_SSL_CA: pki.caCert })).toEqual(['DATABASE_SSL_CA: needs DATABASE_SSL=true']);
    expect(problemsOf({ TEMPORAL_TLS: 'true', TEMPORAL_TLS_CERT: pki.clientCert })).toEqual(['TEMPORAL_TLS_KEY: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together']);
    expect(problemsOf({ TEMPORAL_TLS: 'true', TEMPORAL_TLS_SERVER_NAME: 'bad name' })).toEqual(['TEMPORAL_TLS_SERVER_NAME: must be a host name']);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' })).toEqual(['KAFKA_SASL_PASSWORD: is required with KAFKA_SASL_MECHANISM']);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })[0]).toMatch(/^KAFKA_SASL_MECHANISM: Invalid enum value/);
    expect(problemsOf({ DATABASE_SSL: 'true', DATABASE_URL: 'postgres://u:p@db:5432/whistle?sslmode=require' })).toEqual([
      'DATABASE_URL: carries sslmode while DATABASE_SSL=true; use the DATABASE_SSL_ settings alone',
    ]);
    expect(problemsOf({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://kurrent:2113?tlsCAFile=/nowhere/ca.pem' })).toEqual([
      'KURRENTDB_CONNECTION_STRING: tlsCAFile: cannot read /nowhere/ca.pem: ENOENT',
    ]);
    expect(problemsOf({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: `kurrentdb://kurrent:2113?userCertFile=${pki.clientCert}` })).toEqual([
      'KURRENTDB_CONNECTION_STRING: userCertFile and userKeyFile go together',
    ]);
    expect(problemsOf({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://kurrent:2113?tls=maybe' })[0]).toMatch(/^KURRENTDB_CONNECTION_STRING: /);
  });
});
