import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { IHeaders } from 'kafkajs';
import { parse } from 'yaml';

export type AsyncApiDocument = {
  asyncapi: string;
  channels: Record<string, { subscribe: { message: { oneOf: { $ref: string }[] } } }>;
  components: { messages: Record<string, { payload: unknown; traits: unknown[] }>; messageTraits: { DepartmentMessage: { headers: unknown } } };
};

/** docs/asyncapi.yaml with a validator for each message's payload and one for the headers every message carries. */
export function asyncApiValidators() {
  const document = parse(readFileSync(join(__dirname, '../../../docs/asyncapi.yaml'), 'utf8')) as AsyncApiDocument;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  ajv.addSchema(document, 'asyncapi');
  const headers = ajv.compile(document.components.messageTraits.DepartmentMessage.headers as object);
  return {
    document,
    payloadOf: (messageName: string): ValidateFunction => ajv.getSchema(`asyncapi#/components/messages/${messageName}/payload`)!,
    headers,
  };
}

/** A Kafka message's headers as the strings the document describes. */
export const headerStrings = (headers: IHeaders | Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
