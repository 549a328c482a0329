import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';

const OPENAPI_JSON = 'dist/openapi.json';
const CONSOLE_API_TYPES = 'apps/console/src/api/openapi.ts';

/**
 * The OpenAPI document the api serves at /api/docs-json, built without a database or Temporal: in preview mode
 * Nest reads the modules and controllers but creates no provider.
 */
async function buildApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(), { preview: true, logger: false });
  try {
    return configureApp(app);
  } finally {
    await app.close();
  }
}

async function apiTypesOf(document: OpenAPIObject): Promise<string> {
  const types = astToString(await openapiTS(document as Parameters<typeof openapiTS>[0]));
  return `${COMMENT_HEADER}// From the api's OpenAPI document by \`npm run api:types\`; a unit test fails when it is stale.\n\n${types}`;
}

/**
 * `npm run api:types` writes the OpenAPI document to dist/openapi.json and generates the console's API types from
 * it; `--check [file]` only compares the types with the committed file and exits 1 when they differ.
 */
async function main(args: string[]): Promise<void> {
  const document = await buildApiDocument();
  const types = await apiTypesOf(document);
  if (args[0] === '--check') {
    const file = args[1] ?? CONSOLE_API_TYPES;
    const fresh = readFileSync(file, 'utf8') === types;
    process.stdout.write(fresh ? `${file} is up to date\n` : `${file} is stale: run npm run api:types\n`);
    process.exitCode = fresh ? 0 : 1;
    return;
  }
  mkdirSync(dirname(OPENAPI_JSON), { recursive: true });
  writeFileSync(OPENAPI_JSON, `${JSON.stringify(document, null, 2)}\n`);
  writeFileSync(CONSOLE_API_TYPES, types);
  process.stdout.write(`wrote ${OPENAPI_JSON} and ${CONSOLE_API_TYPES}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
