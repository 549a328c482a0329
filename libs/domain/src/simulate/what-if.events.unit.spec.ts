import { upcast } from '../shared/upcast';
import { WHAT_IF_EVENT_SCHEMA_VERSIONS, WHAT_IF_EVENT_UPCASTERS } from './what-if.events';

describe('WhatIfCompared upcaster', () => {
  it('reads a version 1 result, kept before appeals followed their deadline, with no moot appeal', () => {
    const changes = { departments: [], gains: [{ department: 'cg', by: 3 }], losses: [] };
    const stored = { whatIfId: 'w1', year: 2026, policy: {}, at: '2026-12-02T00:00:00.000Z', changes, differences: [] };
    expect(upcast('WhatIfCompared', 1, stored, WHAT_IF_EVENT_SCHEMA_VERSIONS, WHAT_IF_EVENT_UPCASTERS)).toEqual({
      ...stored,
      changes: { ...changes, mootAppeals: { count: 0, appeals: [] } },
    });
  });
});
