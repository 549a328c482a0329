import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, DynamicModule, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { ConsoleStaticModule } from './console/console-static.module';
import { configureApp } from './configure-app';
import { CONSOLE_CSP } from './security-headers';

@Controller('probe')
class ProbeController {
  @Get()
  probe(): { ok: true } {
    return { ok: true };
  }
}

@Module({})
class ProbeModule {
  static forConsole(): DynamicModule {
    return { module: ProbeModule, imports: [ConsoleStaticModule.forRoot()], controllers: [ProbeController] };
  }
}

function directives(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((directive) => directive.trim())
      .filter(Boolean)
      .map((directive) => {
        const [name, ...values] = directive.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe('security headers', () => {
  let app: INestApplication;
  let consoleDir: string;

  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>监督台</title>');
    process.env.CONSOLE_DIST_DIR = consoleDir;
    // NestFactory, not Test.createTestingModule: ServeStaticModule picks its loader from the HTTP adapter when its providers are built.
    app = await NestFactory.create(ProbeModule.forConsole(), { logger: false });
    configureApp(app);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    delete process.env.CONSOLE_DIST_DIR;
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it.each([
    ['an api answer', '/api/v1/probe', 200],
    ['a 404', '/api/v1/no-such-route', 404],
    ['the console', '/console/', 200],
    ['a console deep link', '/console/ranking', 200],
  ])('%s carries nosniff, frame-ancestors, the CSP, and no X-Powered-By', async (_, path, status) => {
    const response = await request(app.getHttpServer()).get(path);
    expect(response.status).toBe(status);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const csp = directives(response.headers['content-security-policy']);
    expect(csp).toEqual(Object.fromEntries(Object.entries(CONSOLE_CSP).map(([name, values]) => [name, values.join(' ')])));
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['style-src']).toBe("'self'");
  });

  it('lets Swagger UI keep its inline styles, and nothing else more', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs/').expect(200);
    const csp = directives(response.headers['content-security-policy']);
    expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
