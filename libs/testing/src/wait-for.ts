import { setTimeout as delay } from 'node:timers/promises';

/** Polls `condition` every 50 ms until it holds; throws naming `what` after `maxMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await delay(50);
  }
}
