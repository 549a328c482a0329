/// <reference lib="dom" />
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import axe from 'axe-core';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { AppModule } from '../../apps/api/src/app.module';
import { startProjector } from '../../apps/projector/src/projector';
import { Role } from '../../apps/api/src/auth/actor';
import { issueToken } from '../../apps/api/src/auth/issue-token';
import { Clock } from '../../apps/api/src/clock/clock';
import { configureApp } from '../../apps/api/src/configure-app';
import { loadIdentitySettings } from '../../apps/api/src/auth/identity-settings';

export const REPO_ROOT = join(__dirname, '../..');
export const SCREENSHOTS = join(REPO_ROOT, '.screenshots');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh build of the console; Debian's chromium and CJK fonts must be there already (npm test installs them). */
export function prepareConsole(): void {
  const cjkFonts = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' }).stdout ?? '';
  if (!existsSync(CHROMIUM) || !/Noto Sans CJK/i.test(cjkFonts)) {
    throw new Error(`Chromium (${CHROMIUM}) or the Noto CJK fonts are not installed: run 'bash infra/local/install.sh chromium' (npm test runs it)`);
  }
  execFileSync('npm', ['run', '--silent', 'console:build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
}

export interface ConsoleApi {
  app: INestApplication;
  database: FreshDatabase;
  /** http://127.0.0.1:<port> */
  origin: string;
  token(role: Role, scope?: string): string;
  get<T>(path: string, token: string): Promise<{ status: number; body: T }>;
  post<T>(path: string, token: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** The API (with /console) listening on a free port, on a fresh database of the real PostgreSQL. */
export async function startConsoleApi(
  prefix: string,
  options: { clock?: Clock; database?: FreshDatabase; taskQueue?: string } = {},
): Promise<ConsoleApi> {
  const database = options.database ?? (await createFreshDatabase(prefix));
  const app = await NestFactory.create(
    AppModule.forRoot({ databaseUrl: database.url, clock: options.clock, taskQueue: options.taskQueue, settings: { HEALTH_CHECK_TEMPORAL: false, HEALTH_CHECK_KAFKA: false, THROTTLE_LIMIT: 1_000_000 } }),
    { logger: ['error'] },
  );
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const secret = loadIdentitySettings().JWT_SECRET;
  const call = async <T>(method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
  };
  return {
    app,
    database,
    origin,
    token: (role, scope) => issueToken(secret, { role, scope }),
    get: (path, token) => call('GET', path, token),
    post: (path, token, body = {}) => call('POST', path, token, body),
    close: async () => {
      await app.close();
      if (options.database === undefined) await database.drop();
    },
  };
}

export interface ConsoleBrowser {
  context: BrowserContext;
  /** Every Content-Security-Policy violation a page reported since the last takeCspViolations(). */
  takeCspViolations(): string[];
  close(): Promise<void>;
}

const CSP_VIOLATION = 'CSP violation:';

/**
 * Headless Debian Chromium through playwright-core, with a fresh profile directory. Each page reports the CSP
 * violations it sees (securitypolicyviolation events, and Chromium's own "Content Security Policy" console errors).
 */
export async function launchChromium(): Promise<ConsoleBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  const violations: string[] = [];
  await context.addInitScript((prefix) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`${prefix} ${event.effectiveDirective} blocked ${event.blockedURI || 'an inline resource'} in ${event.sourceFile}:${event.lineNumber}`);
    });
  }, CSP_VIOLATION);
  context.on('console', (message) => {
    if (message.text().startsWith(CSP_VIOLATION) || /Content Security Policy/i.test(message.text())) violations.push(`${message.page()?.url()}: ${message.text()}`);
  });
  return {
    context,
    takeCspViolations: () => violations.splice(0),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the console's own page by pasting the token. */
export async function signIn(page: Page, origin: string, token: string): Promise<void> {
  await page.goto(`${origin}/console/sign-in`);
  await page.getByLabel('访问令牌（Bearer Token）').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: number };

/** axe-core evaluated in the page (not a script tag, which the console's CSP refuses); the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `console-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const consoleBuilt = () => existsSync(join(REPO_ROOT, 'apps/console/dist/index.html'));

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 800 };

/**
 * What would make a page hard to use on a phone: the page scrolling sideways, and controls on screen smaller than
 * `minTarget` px (a checkbox or radio counts by its label, which is its tap target).
 */
export async function layoutProblems(page: Page, minTarget: number): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px viewport`);
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], select, textarea, input:not([type=checkbox]):not([type=radio]), label:has(input[type=checkbox]), label:has(input[type=radio])');
    for (const control of Array.from(controls)) {
      const box = control.getBoundingClientRect();
      const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.left < width;
      if (onScreen && (box.width < min || box.height < min)) {
        problems.push(`${control.tagName.toLowerCase()} "${(control.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(box.width)}×${Math.round(box.height)} px`);
      }
    }
    return problems;
  }, minTarget);
}

/** An organisation unit as the admin API registers it: its kind (`streets`, `stations`, `district-departments`…) and body. */
export type Unit = [kind: string, body: Record<string, string>];

/** Registers the units through the admin API, as an administrator does. */
export async function registerUnits(api: ConsoleApi, units: readonly Unit[]): Promise<void> {
  const admin = api.token('admin');
  for (const [kind, body] of units) {
    const { status } = await api.post(`/admin/organisation/${kind}`, admin, body);
    if (status !== 201) throw new Error(`registering ${kind} ${body.id} answered ${status}`);
  }
}

/** The district every browser spec starts from: street st1 with station s1, and the departments cg and jt. */
export const CONSOLE_DISTRICT: readonly Unit[] = [
  ['streets', { id: 'st1', name: '东城街道' }],
  ['stations', { id: 's1', name: '红领工作站一', streetId: 'st1' }],
  ['district-departments', { id: 'cg', name: '区城管委' }],
  ['district-departments', { id: 'jt', name: '区交通局' }],
];

/** The projector on the API's database, its Kafka topics named apart (`<prefix>.<database>.`). */
export function startConsoleProjector(api: ConsoleApi, topicPrefix: string, env: NodeJS.ProcessEnv = {}): Promise<{ stop(): Promise<void> }> {
  return startProjector(
    { ...process.env, DATABASE_URL: api.database.url, KAFKA_TOPIC_PREFIX: `${topicPrefix}.${api.database.name}.`, ...env },
    () => undefined,
  );
}

/**
 * A page as the browser specs keep it: a screenshot (`console-<name>.png`), axe with no serious or critical
 * violation, and on a phone no sideways scroll of the page and every control a 44 px tap target.
 */
export async function checkPage(page: Page, name: string, phone: boolean): Promise<void> {
  await screenshot(page, name);
  const violations = await seriousAccessibilityViolations(page);
  if (violations.length > 0) throw new Error(`${name}: axe found ${JSON.stringify(violations)}`);
  const problems = await layoutProblems(page, phone ? 44 : 0);
  if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
}

/** What a browser spec's hooks set up, filled in before its first test. */
export interface ConsoleSuite {
  api: ConsoleApi;
  browser: ConsoleBrowser;
}

/**
 * The hooks of a browser spec whose people act through the API while the projector runs: a fresh console build,
 * the API on a fresh database (`<name>` with `_`) with `units` registered, the projector (topics `<name>.`),
 * headless Chromium; every test ends with no CSP violation; all of it stopped after the spec.
 */
export function useConsoleSuite(name: string, units: readonly Unit[], options: { clock?: Clock; taskQueue?: string } = {}): ConsoleSuite {
  const suite = {} as ConsoleSuite;
  let projector: { stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    prepareConsole();
    suite.api = await startConsoleApi(name.replaceAll('-', '_'), options);
    await registerUnits(suite.api, units);
    projector = await startConsoleProjector(suite.api, name);
    suite.browser = await launchChromium();
    // The console is built afresh (prepareConsole): over a minute on a loaded machine, before the API even starts.
  }, 300_000);
  afterAll(async () => {
    await suite.browser?.close();
    await projector?.stop();
    await suite.api?.close();
  });
  // The console runs under the api's Content-Security-Policy: any violation fails the test it happened in.
  afterEach(() => expect(suite.browser.takeCspViolations()).toEqual([]));
  return suite;
}
