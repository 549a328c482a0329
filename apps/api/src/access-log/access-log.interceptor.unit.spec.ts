import { CanActivate, Controller, ExecutionContext, Get, INestApplication, Injectable, Module, Param } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import request from 'supertest';
import { Role } from '../auth/actor';
import { ActorRequest } from '../auth/current-actor.decorator';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AccessLogRepository, RecordedReadEntry } from './access-log.repository';
import { RecordedRead } from './recorded-read.decorator';

const CONTENT = { events: ['the content of the trail'] };

@Controller({ path: 'supervision/issues' })
class ProbeController {
  @Get(':issueId/audit-trail')
  @RecordedRead('audit-trail')
  trail(@Param('issueId') issueId: string): unknown {
    if (issueId === 'missing') throw new Error('no such issue');
    return CONTENT;
  }

  @Get(':issueId/summary')
  summary(): unknown {
    return { unrecorded: true };
  }
}

/** Stands in for AuthGuard: the actor comes from test headers. */
@Injectable()
class HeaderActorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<ActorRequest & { headers: Record<string, string | undefined> }>();
    req.actor = { subject: req.headers['x-subject'] ?? 'x', role: req.headers['x-role'] as Role, ...(req.headers['x-scope'] ? { scope: req.headers['x-scope'] } : {}) };
    return true;
  }
}

class RecordingAccessLog {
  entries: RecordedReadEntry[] = [];
  failing = false;
  async record(entry: RecordedReadEntry): Promise<void> {
    if (this.failing) throw new Error('the access log is unreachable');
    this.entries.push(entry);
  }
}

describe(AccessLogInterceptor.name, () => {
  let app: INestApplication;
  const accessLog = new RecordingAccessLog();

  beforeAll(async () => {
    @Module({
      controllers: [ProbeController],
      providers: [
        { provide: AccessLogRepository, useValue: accessLog },
        { provide: APP_GUARD, useClass: HeaderActorGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
      ],
    })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.init();
  });

  beforeEach(() => {
    accessLog.entries = [];
    accessLog.failing = false;
  });

  afterAll(() => app.close());

  const get = (path: string, role: Role, scope?: string) =>
    request(app.getHttpServer())
      .get(path)
      .set({ 'x-role': role, 'x-subject': `${role}-person`, ...(scope ? { 'x-scope': scope } : {}) });

  it("records a supervisor's read: who, the route template and its ids, not the content", async () => {
    await get('/supervision/issues/I-7/audit-trail', 'supervisor').expect(200, CONTENT);
    expect(accessLog.entries).toEqual([
      {
        actor: { role: 'supervisor', subject: 'supervisor-person' },
        what: 'audit-trail',
        route: 'GET /supervision/issues/:issueId/audit-trail',
        resourceIds: { issueId: 'I-7' },
        clientAddress: expect.any(String),
      },
    ]);
    expect(JSON.stringify(accessLog.entries)).not.toContain('the content of the trail');
  });

  it("records an auditor's read, not a department's nor a route without @RecordedRead", async () => {
    await get('/supervision/issues/I-7/audit-trail', 'auditor').expect(200);
    await get('/supervision/issues/I-7/audit-trail', 'department', 'cg').expect(200);
    await get('/supervision/issues/I-7/summary', 'supervisor').expect(200);
    expect(accessLog.entries.map((entry) => entry.actor.role)).toEqual(['auditor']);
  });

  it('does not record a read that answered nothing', async () => {
    await get('/supervision/issues/missing/audit-trail', 'supervisor').expect(500);
    expect(accessLog.entries).toEqual([]);
  });

  it('fails the read when it cannot be recorded, so no read goes unrecorded', async () => {
    accessLog.failing = true;
    const response = await get('/supervision/issues/I-7/audit-trail', 'supervisor').expect(500);
    expect(response.text).not.toContain('the content of the trail');
  });
});
