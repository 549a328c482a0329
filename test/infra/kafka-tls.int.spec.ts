import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurity, loadEngineConfig } from '@app/config';
import { freePort, kafkaHome } from '@app/testing';
import { createTestCertificates, TestCertificates } from '@app/testing/test-certificates';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';

jest.setTimeout(180_000);

const KAFKA_HOME = kafkaHome();
const USER = 'whistle';
const PASSWORD = 'scram-secret-for-the-test';

/**
 * A throwaway single-node Kafka (KRaft) whose client listener is SASL_SSL with SCRAM-SHA-512, its certificate
 * from the test's CA (a PEM keystore); the broker's own traffic uses a second, loopback listener.
 */
class SecureKafka {
  readonly dir = mkdtempSync(join(tmpdir(), 'whistle-kafka-tls-'));
  port = 0;
  private process: ChildProcess | undefined;
  private security: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};

  async start(pki: TestCertificates): Promise<void> {
    this.security = secureConfig(pki);
    if (!existsSync(join(KAFKA_HOME, 'lib'))) throw new Error(`no Kafka jars at ${KAFKA_HOME}: run npm run infra:up once`);
    const [port, internal, controller] = [await freePort(), await freePort(), await freePort()];
    this.port = port;
    const keystore = join(this.dir, 'server-keystore.pem');
    writeFileSync(keystore, readFileSync(pki.serverKey, 'utf8') + readFileSync(pki.serverCert, 'utf8'));
    const config = join(this.dir, 'server.properties');
    writeFileSync(
      config,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${controller}`,
        `listeners=SECURE://127.0.0.1:${port},INTERNAL://127.0.0.1:${internal},CONTROLLER://127.0.0.1:${controller}`,
        `advertised.listeners=SECURE://127.0.0.1:${port},INTERNAL://127.0.0.1:${internal}`,
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=INTERNAL',
        'listener.security.protocol.map=SECURE:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
        'sasl.enabled.mechanisms=SCRAM-SHA-512',
        'listener.name.secure.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
        'ssl.keystore.type=PEM',
        `ssl.keystore.location=${keystore}`,
        `log.dirs=${join(this.dir, 'logs')}`,
        'num.partitions=1',
        'offsets.topic.replication.factor=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=true',
        '',
      ].join('\n'),
    );
    writeFileSync(join(this.dir, 'log4j.properties'), 'log4j.rootLogger=WARN, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\nlog4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n');
    const java = (args: string[]) => ['-Xms128m', '-Xmx512m', `-Dlog4j.configuration=file:${join(this.dir, 'log4j.properties')}`, '-cp', `${KAFKA_HOME}/lib/*`, ...args];
    const clusterId = execFileSync('java', java(['kafka.tools.StorageTool', 'random-uuid'])).toString().trim().split('\n').pop()!;
    execFileSync('java', java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config, '--add-scram', `SCRAM-SHA-512=[name=${USER},password=${PASSWORD}]`]), {
      stdio: 'pipe',
    });
    const log: Buffer[] = [];
    this.process = spawn('java', java(['kafka.Kafka', config]), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stdout?.on('data', (chunk: Buffer) => log.push(chunk));
    this.process.stderr?.on('data', (chunk: Buffer) => log.push(chunk));
    const until = Date.now() + 120_000;
    while (!(await this.answers())) {
      if (this.process.exitCode !== null || Date.now() > until) throw new Error(`Kafka with SASL_SSL did not start:\n${Buffer.concat(log).toString()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  private async answers(): Promise<boolean> {
    const admin = this.client(this.security, { retries: 0 }).admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  client(security: Pick<KafkaConfig, 'ssl' | 'sasl'>, retry = { retries: 1 }): Kafka {
    return new Kafka({ clientId: 'tls-probe', brokers: [`127.0.0.1:${this.port}`], ...security, connectionTimeout: 3000, retry, logLevel: logLevel.NOTHING });
  }

  async stop(): Promise<void> {
    const running = this.process;
    if (running !== undefined && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const secureConfig = (pki: TestCertificates, overrides: NodeJS.ProcessEnv = {}) =>
  kafkaSecurity(
    loadEngineConfig({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: pki.caCert,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: USER,
      KAFKA_SASL_PASSWORD: PASSWORD,
      ...overrides,
    }),
  );

describe('Kafka over TLS with SASL/SCRAM, from the validated configuration', () => {
  let pki: TestCertificates;
  const kafka = new SecureKafka();

  beforeAll(async () => {
    pki = createTestCertificates();
    await kafka.start(pki);
  });

  afterAll(async () => {
    await kafka.stop();
    pki.remove();
  });

  it('creates a topic and publishes to it with the CA and SCRAM-SHA-512 credentials', async () => {
    const client = kafka.client(secureConfig(pki));
    const topic = 'whistle.department.tls-probe';
    const admin = client.admin();
    const producer = client.producer();
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'event-1', value: 'over TLS' }] });
      await expect(admin.fetchTopicOffsets(topic)).resolves.toEqual([expect.objectContaining({ partition: 0, low: '0', high: '1' })]);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  it('is refused with a wrong password, when the broker is not signed by the configured CA, and in plain text', async () => {
    const connect = async (security: Pick<KafkaConfig, 'ssl' | 'sasl'>) => {
      const admin = kafka.client(security, { retries: 0 }).admin();
      try {
        await admin.connect();
        await admin.describeCluster();
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    };
    await expect(connect(secureConfig(pki, { KAFKA_SASL_PASSWORD: 'not-the-password' }))).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    await expect(connect(secureConfig(pki, { KAFKA_SSL_CA: pki.otherCaCert }))).rejects.toThrow(/certificate/);
    await expect(connect(kafkaSecurity(loadEngineConfig({})))).rejects.toThrow();
  });
});
