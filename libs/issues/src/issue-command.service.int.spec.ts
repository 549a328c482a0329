import { IssueCommand, IssueState, parseInstant } from '@app/domain';
import { migrateEventStore, PostgresEventStore, WrongExpectedRevisionError } from '@app/event-store';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { IssueCommandService } from './issue-command.service';
import { ReferenceData } from './reference-data';
import { registerOrganisation, smallDistrict } from '../test/organisation.fixture';

const RAISED = parseInstant('2026-03-02T09:00:00+08:00');
const raise: IssueCommand = {
  type: 'RaiseIssue',
  issueId: 'i1',
  stationId: 'ws',
  title: '路灯不亮',
  fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' },
  at: RAISED,
};
const actor = { role: 'station', id: 'ws' };

describe('IssueCommandService (PostgreSQL)', () => {
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let commands: IssueCommandService;

  beforeEach(async () => {
    database = await createFreshDatabase('issue_commands');
    await migrateEventStore(database.url);
    store = new PostgresEventStore({ connectionString: database.url });
    const reference = new ReferenceData(store);
    commands = new IssueCommandService(store, () => reference.decisionContext());
    await registerOrganisation(store, smallDistrict(), 'issue-commands-test');
  });

  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  it('stores the events of one cause once, however often it is executed', async () => {
    await commands.execute('i1', raise, { causationId: 'key-1', actor });
    await commands.execute('i1', { type: 'EscalateIssue', at: RAISED + 60_000 }, { causationId: 'key-2', actor });
    const again = await commands.execute('i1', { type: 'EscalateIssue', at: RAISED + 60_000 }, { causationId: 'key-2', actor });
    const stored = await store.readStream('issue-i1');
    expect(stored.filter((e) => e.type === 'IssueEscalated')).toHaveLength(1);
    expect(again.issue.level).toBe('street');
  });

  it('refuses with the guard before deciding, and stores nothing', async () => {
    await commands.execute('i1', raise, { causationId: 'key-1', actor });
    const before = await store.readStream('issue-i1');
    const seen: IssueState[] = [];
    const refuse = (state: IssueState) => {
      seen.push(state);
      throw new Error('outside the caller’s scope');
    };
    await expect(
      commands.execute('i1', { type: 'EscalateIssue', at: RAISED + 60_000 }, { causationId: 'key-2', actor, guard: refuse }),
    ).rejects.toThrow('outside the caller’s scope');
    expect(seen.map((state) => state?.issueId)).toEqual(['i1']);
    expect(await store.readStream('issue-i1')).toEqual(before);
  });

  it('answers a conflict when the caller pinned a revision that is no longer current', async () => {
    await commands.execute('i1', raise, { causationId: 'key-1', actor });
    const pinned = (await store.readStream('issue-i1')).at(-1)!.revision;
    await commands.execute('i1', { type: 'EscalateIssue', at: RAISED + 60_000 }, { causationId: 'key-2', actor });
    await expect(
      commands.execute('i1', { type: 'EscalateIssue', at: RAISED + 120_000 }, { causationId: 'key-3', actor, expectedRevision: pinned }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream('issue-i1')).filter((e) => e.type === 'IssueEscalated')).toHaveLength(1);
  });
});
