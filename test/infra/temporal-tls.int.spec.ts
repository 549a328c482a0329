import { readFileSync } from 'node:fs';
import { connect as connectTcp, Socket } from 'node:net';
import { createServer, Server } from 'node:tls';
import { loadEngineConfig, temporalTls } from '@app/config';
import { infraConfig } from '@app/testing';
import { createTestCertificates, TestCertificates } from '@app/testing/test-certificates';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

jest.setTimeout(120_000);

/**
 * The dev server speaks plain gRPC; this proxy puts a TLS endpoint in front of it that demands a client
 * certificate from the test's CA (what a production frontend with mTLS does) and passes the HTTP/2 stream
 * through. It proves the options temporalTls gives the client and the worker connection establish mTLS.
 */
class MtlsProxy {
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  port = 0;
  /** Why the proxy refused TLS handshakes, newest last. */
  readonly refusals: string[] = [];

  async start(pki: TestCertificates, upstream: string): Promise<void> {
    const [host, port] = upstream.split(':');
    this.server = createServer(
      {
        cert: readFileSync(pki.serverCert),
        key: readFileSync(pki.serverKey),
        ca: readFileSync(pki.caCert),
        requestCert: true,
        rejectUnauthorized: true,
        ALPNProtocols: ['h2'],
      },
      (client) => {
        const server = connectTcp(Number(port), host);
        for (const socket of [client, server]) {
          this.sockets.add(socket);
          socket.on('close', () => this.sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(server).pipe(client);
      },
    );
    this.server.on('tlsClientError', (error) => this.refusals.push(error.message));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('Temporal over mTLS, from the validated configuration', () => {
  let pki: TestCertificates;
  const proxy = new MtlsProxy();
  const address = () => `127.0.0.1:${proxy.port}`;
  const tls = (overrides: NodeJS.ProcessEnv = {}) =>
    temporalTls(
      loadEngineConfig({
        TEMPORAL_TLS: 'true',
        TEMPORAL_TLS_CA: pki.caCert,
        TEMPORAL_TLS_CERT: pki.clientCert,
        TEMPORAL_TLS_KEY: pki.clientKey,
        TEMPORAL_TLS_SERVER_NAME: 'localhost',
        ...overrides,
      }),
    );

  beforeAll(async () => {
    pki = createTestCertificates();
    await proxy.start(pki, infraConfig().temporalAddress);
  });

  afterAll(async () => {
    await proxy.stop();
    pki.remove();
  });

  it("connects the api's client (grpc-js) and the worker's native connection with the CA, the client pair and the server name", async () => {
    const client = await Connection.connect({ address: address(), tls: tls() });
    try {
      await expect(client.workflowService.getSystemInfo({})).resolves.toHaveProperty('serverVersion');
    } finally {
      await client.close();
    }
    const worker = await NativeConnection.connect({ address: address(), tls: tls() });
    try {
      await expect(worker.workflowService.getSystemInfo({})).resolves.toHaveProperty('serverVersion');
    } finally {
      await worker.close();
    }
  });

  it('is refused without the client pair, with another CA, and under a name the certificate does not carry', async () => {
    const refused = async (options: ReturnType<typeof tls>) => {
      const connection = await Connection.connect({ address: address(), tls: options, connectTimeout: 3000 });
      try {
        await connection.workflowService.getSystemInfo({});
      } finally {
        await connection.close();
      }
    };
    const withoutPair = tls();
    delete withoutPair?.clientCertPair;
    await expect(refused(withoutPair)).rejects.toThrow();
    expect(proxy.refusals.at(-1)).toMatch(/peer did not return a certificate/);
    // The client itself refuses the next two (the server is not its CA's, or not the name it expects).
    await expect(refused(tls({ TEMPORAL_TLS_CA: pki.otherCaCert }))).rejects.toThrow();
    await expect(refused(tls({ TEMPORAL_TLS_SERVER_NAME: 'temporal.elsewhere.example' }))).rejects.toThrow();
  });
});
