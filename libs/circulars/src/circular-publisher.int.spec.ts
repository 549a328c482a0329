import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DepartmentEvent, IssueCommand, ledgerStreamOf, monthPeriod, parseInstant, ReferenceEvent } from '@app/domain';
import { createPostgresPool, migrateEventStore, PostgresEventStore } from '@app/event-store';
import { derivedEventId, IssueCommandService, ReferenceData, SurveyCommandService, toNewEvent } from '@app/issues';
import { CircularStreamReader } from '@app/read-models';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import type { Pool } from 'pg';
import { CircularDocumentStore } from './circular-document.store';
import { CircularPublisher } from './circular-publisher';
import { DEFAULT_CHROMIUM_PATH } from './pdf-renderer';
import { registerOrganisation } from '../../issues/test/organisation.fixture';

const at = (local: string) => parseInstant(`2026-${local}+08:00`);
const actor = { role: 'supervisor', id: 'tester' };
const fourLists = { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' };

/** A month of a small district: three issues (one closed at community level, one whistled and missed, one closed after a joint whistle). */
async function seedMarch(store: PostgresEventStore, reference: ReferenceData): Promise<void> {
  const registered = '2026-01-01T00:00:00Z';
  const organisation: ReferenceEvent[] = [
    { type: 'StreetRegistered', data: { id: 'htl', name: '花亭路街道', at: registered } },
    { type: 'StationRegistered', data: { id: 'hbc', name: '花亭北村社区红领工作站', streetId: 'htl', at: registered } },
    { type: 'StationRegistered', data: { id: 'hnc', name: '花亭南村社区红领工作站', streetId: 'htl', at: registered } },
    { type: 'DistrictDepartmentRegistered', data: { id: 'cg', name: '区城管局', at: registered } },
    { type: 'DistrictDepartmentRegistered', data: { id: 'zj', name: '区住建局', at: registered } },
  ];
  await registerOrganisation(store, organisation, 'circular-test');
  const commands = new IssueCommandService(store, () => reference.decisionContext());
  const run = async (issueId: string, steps: IssueCommand[]) => {
    for (const [index, step] of steps.entries()) await commands.execute(issueId, step, { causationId: `${issueId}/${index}`, actor });
  };
  const raise = (issueId: string, title: string, stationId = 'hbc'): IssueCommand => ({
    type: 'RaiseIssue',
    issueId,
    stationId,
    title,
    fourLists,
    at: at('03-02T09:00:00'),
  });
  const toDistrict: IssueCommand[] = [
    { type: 'EscalateIssue', at: at('03-02T10:00:00') },
    { type: 'EscalateIssue', at: at('03-02T11:00:00') },
  ];
  await run('I1', [
    raise('I1', '楼道堆物'),
    { type: 'ReportResolution', at: at('03-03T09:00:00') },
    { type: 'ConfirmClosing', at: at('03-04T09:00:00') },
  ]);
  await run('I2', [
    raise('I2', '小区路灯损坏'),
    ...toDistrict,
    { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at('03-03T09:00:00') },
    { type: 'Tick', at: at('03-07T00:00:00') },
  ]);
  await run('I3', [
    raise('I3', '道路积水', 'hnc'),
    ...toDistrict,
    { type: 'BlowWhistle', mode: 'joint', departments: ['cg', 'zj'], at: at('03-03T09:00:00') },
    { type: 'GiveFeedback', departmentId: 'cg', at: at('03-04T09:00:00') },
    { type: 'GiveFeedback', departmentId: 'zj', at: at('03-04T10:00:00') },
    { type: 'ReportResolution', departmentId: 'zj', at: at('03-05T09:00:00') },
    { type: 'ConfirmClosing', at: at('03-06T09:00:00') },
  ]);
  const entry = (
    departmentId: string,
    points: number,
    when: string,
    reason: 'base' | 'joint-closed' | 'feedback-missed',
  ): DepartmentEvent => ({
    type: 'LedgerEntryRecorded',
    data: { entryId: `${reason}:${departmentId}:${when}`, departmentId, year: 2026, at: new Date(at(when)).toISOString(), points, reason },
  });
  for (const [departmentId, entries] of Object.entries({
    cg: [
      entry('cg', 60, '01-01T00:00:00', 'base'),
      entry('cg', 0.5, '03-06T09:00:00', 'joint-closed'),
      entry('cg', -3, '03-07T00:00:00', 'feedback-missed'),
    ],
    zj: [entry('zj', 60, '01-01T00:00:00', 'base'), entry('zj', 0.5, '03-06T09:00:00', 'joint-closed')],
  })) {
    await store.appendToStream(
      ledgerStreamOf(departmentId, 2026),
      entries.map((e) => toNewEvent(e, derivedEventId(`${e.type}/${JSON.stringify(e.data)}`))),
      {
        expectedRevision: 'any',
      },
    );
  }
  await new SurveyCommandService(store, reference).record(
    {
      stationId: 'hbc',
      from: '2026-03-01',
      to: '2026-03-31',
      counts: { respondents: 120, aware: 96, satisfied: 80, basicallySatisfied: 28 },
      at: at('04-01T10:00:00'),
    },
    { causationId: 'survey-1', actor },
  );
}

describe(CircularPublisher.name, () => {
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let sut: CircularPublisher;
  let documents: CircularDocumentStore;

  beforeAll(async () => {
    database = await createFreshDatabase('circulars');
    await migrateEventStore(database.url);
    store = new PostgresEventStore({ connectionString: database.url });
    pool = createPostgresPool({ connectionString: database.url }, 'circular documents');
    const reference = new ReferenceData(store);
    await seedMarch(store, reference);
    documents = new CircularDocumentStore(pool);
    sut = new CircularPublisher(store, new CircularStreamReader(store, reference), documents, {
      districtName: '大观区',
      numberPrefix: '大观红领办',
      chromiumPath: DEFAULT_CHROMIUM_PATH,
    });
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('prints the monthly circular of a seeded month to A4 PDF pages whose text names the period, the ranking, the totals and the stations', async () => {
    const published = await sut.publish({
      circularId: 'monthly-2026-03',
      kind: 'monthly',
      period: monthPeriod('2026-03'),
      at: at('04-01T08:00:00'),
      actor,
    });
    expect(published).toMatchObject({
      documentNumber: '大观红领办〔2026〕1号',
      sequence: 1,
      issuedOn: '2026-04-01',
      kind: 'monthly',
      streamId: 'circular-2026',
    });

    const stored = await documents.pdf('monthly-2026-03');
    expect(stored?.pdfSha256).toBe(published.pdfSha256);
    const dir = mkdtempSync(join(tmpdir(), 'circular-'));
    const pdfPath = join(dir, 'circular.pdf');
    writeFileSync(pdfPath, stored!.pdf);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('大观区红领工作站领导小组办公室');
    expect(text).toContain('大观红领办〔2026〕1号');
    expect(text).toContain('关于2026年3月“基层吹哨、部门报到”工作情况的月度通报');
    expect(text).toMatch(/1\s+区住建局\s+60\.5/);
    expect(text).toMatch(/2\s+区城管局\s+57\.5/);
    expect(text).toContain('新增问题 3 件，办结 2 件');
    expect(text).toContain('扣分合计 -3 分');
    expect(text).toMatch(/I2\s+小区路灯损坏\s+花亭北村社区红领工作站\s+区城管局\s+1\s+2026-03-07/);
    expect(text).toMatch(/花亭北村社区红领工作站\s+2\s+1\s+0\s+1\s+1/);
    expect(text).toContain('80.0%（96/120）');
    expect(text).toContain('2026年4月1日');
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);

    const screenshots = join(__dirname, '../../../.screenshots');
    mkdirSync(screenshots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(screenshots, 'circular-2026-03')]);
  });

  it('answers the same publication for the same circular id, and the same content for the same period', async () => {
    const first = await sut.publish({
      circularId: 'monthly-2026-03',
      kind: 'monthly',
      period: monthPeriod('2026-03'),
      at: at('04-02T08:00:00'),
      actor,
    });
    expect(first.sequence).toBe(1);
    const again = await sut.publish({
      circularId: 'on-demand-1',
      kind: 'monthly',
      period: monthPeriod('2026-03'),
      at: at('04-03T08:00:00'),
      actor,
    });
    expect(again).toMatchObject({ sequence: 2, documentNumber: '大观红领办〔2026〕2号', contentSha256: first.contentSha256 });
    expect((await store.readStream('circular-2026')).map((e) => e.type)).toEqual(['CircularPublished', 'CircularPublished']);
  });
});
