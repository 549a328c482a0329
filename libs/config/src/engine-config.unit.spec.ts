import { ConfigurationError, loadEngineConfig } from './engine-config';

describe(loadEngineConfig.name, () => {
  it('gives the local infrastructure defaults when nothing is set', () => {
    const config = loadEngineConfig({});
    expect(config.DATABASE_URL).toBe('postgres://whistle:whistle@127.0.0.1:55432/whistle');
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:19092']);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:17233');
  });

  it('names each malformed variable and why', () => {
    expect.assertions(3);
    try {
      loadEngineConfig({ HTTP_PORT: 'eighty', KAFKA_BROKERS: 'localhost', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      const problems = (error as ConfigurationError).problems.join('\n');
      expect(problems).toContain('HTTP_PORT');
      expect(problems).toContain('KAFKA_BROKERS.0: must be host:port');
      expect(problems).toContain('DATABASE_URL: must be a postgres:// connection string');
    }
  });

  it('requires a KurrentDB connection string when KurrentDB is chosen', () => {
    expect(() => loadEngineConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_CONNECTION_STRING: is required/);
  });

  it('keeps the SDK default workflow cache unless a size of at least 2 is set', () => {
    expect(loadEngineConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBeUndefined();
    expect(loadEngineConfig({ WORKER_MAX_CACHED_WORKFLOWS: '12000' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(12000);
    expect(() => loadEngineConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => loadEngineConfig({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });
});
