import { DomainError } from './domain-error';

/**
 * Reading an event stored under an older schema version: each upcaster lifts one type from version n to
 * n + 1, and they are chained until the current version. Stored events are never rewritten.
 * When a payload changes: bump the type's version, and add an upcaster keyed `${type}@${oldVersion}`.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export function upcast(
  type: string,
  schemaVersion: number,
  data: Record<string, unknown>,
  currentVersions: Readonly<Record<string, number>>,
  upcasters: Readonly<Record<string, Upcaster>>,
): Record<string, unknown> {
  const current = currentVersions[type];
  if (current === undefined) throw new DomainError('EVENT.UNKNOWN_TYPE', `unknown event type ${type}`);
  if (schemaVersion > current) {
    throw new DomainError('EVENT.NEWER_VERSION', `${type} v${schemaVersion} is newer than this build reads (v${current})`);
  }
  let lifted = data;
  for (let version = schemaVersion; version < current; version += 1) {
    const step = upcasters[`${type}@${version}`];
    if (!step) throw new DomainError('EVENT.NO_UPCASTER', `no upcaster reads ${type} v${version}`);
    lifted = step(lifted);
  }
  return lifted;
}
