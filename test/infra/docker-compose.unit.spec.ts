import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';
import { parse } from 'yaml';

// The Compose Specification's own JSON schema (schema/compose-spec.json of compose-spec/compose-spec),
// vendored because no Docker is available here to run `docker compose config`.
const composeSpecSchema = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'compose-spec.json'), 'utf8'),
) as object;

function compileComposeSchema() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The schema names its meta-schema by the https address; Ajv knows draft-07 under the http one.
  ajv.addMetaSchema({ ...draft07MetaSchema, $id: 'https://json-schema.org/draft-07/schema' });
  return ajv.compile(composeSpecSchema);
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, unknown> };

  it('is valid against the Compose Specification schema', () => {
    const validate = compileComposeSchema();

    const valid = validate(compose);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs the whole stack: event store, broker, database, Temporal and the apps', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['api', 'worker', 'projector', 'postgres', 'kafka', 'temporal', 'kurrentdb']),
    );
  });

  it('runs the Temporal server as infra/local does with TEMPORAL_SERVER=production: same version, store and shards', () => {
    const common = readFileSync(join(__dirname, '..', '..', 'infra', 'local', 'common.sh'), 'utf8');
    const setting = (name: string) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(common)?.[1];
    const temporal = compose.services.temporal as { image: string; environment: Record<string, unknown> };

    expect(temporal.image).toBe(`temporalio/server:${setting('TEMPORAL_SERVER_VERSION')}`);
    expect(temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(String(temporal.environment.NUM_HISTORY_SHARDS)).toBe(setting('TEMPORAL_HISTORY_SHARDS'));
  });

  it('rejects a malformed service (the schema is really applied)', () => {
    const validate = compileComposeSchema();

    expect(validate({ services: { api: { ports: 'not-a-list' } } })).toBe(false);
  });
});
