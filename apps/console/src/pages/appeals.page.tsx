import { useState } from 'react';
import type { Appeal, AppealList, ReferenceResult } from '../api/types';
import { useFollowedApi } from '../api/use-command';
import { AppealTable } from '../components/accountability';
import { RowActions, TextCommandForm } from '../components/command-form';
import { FilterSelect } from '../components/filter-select';
import { Notice } from '../components/issue-work';
import { Loaded } from '../components/problem-view';
import { DECIDE_APPEAL } from '../forms/validation';
import { t } from '../i18n/dictionary';

const OUTCOMES = ['upheld', 'overturned'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** 申诉复核 (supervisors): the open appeals to decide, each upheld or overturned with a reason; then every appeal's history. */
export function AppealsPage() {
  const queue = useFollowedApi<AppealList>('/supervision/appeals', { status: 'open' });
  const [status, setStatus] = useState('');
  const history = useFollowedApi<AppealList>('/supervision/appeals', { status });
  const [message, setMessage] = useState<string>();
  const decided = (label: string, appeal: Appeal) => {
    setMessage(t.appeals.decided(label, appeal.deadlineId));
    queue.follow((list) => !list.items.some((open) => open.deadlineId === appeal.deadlineId));
    history.follow((list) => !list.items.some((other) => other.deadlineId === appeal.deadlineId && other.status === 'open'));
  };
  return (
    <>
      <h1>{t.nav.appeals}</h1>
      <Notice message={message} />
      <h2>{t.appeals.queue}</h2>
      <Loaded state={queue.state}>
        {(data) => (
          <AppealTable
            appeals={data.items}
            testId="appeal-queue"
            showDepartment
            actions={(appeal) => (
              <RowActions<Outcome, ReferenceResult>
                actions={OUTCOMES}
                label={(outcome) => t.appeals.actions[outcome]}
                onDone={(label) => decided(label, appeal)}
                form={(outcome, handlers) => (
                  <TextCommandForm<ReferenceResult>
                    testId={`form-${outcome}`}
                    path="/supervision/appeal-decisions"
                    submitLabel={t.appeals.decideSubmit[outcome]}
                    explain={t.appeals.decideExplain[outcome]}
                    text={{ field: 'reason', label: t.appeals.decisionReason, rule: DECIDE_APPEAL.reason }}
                    fixed={{ deadlineId: appeal.deadlineId, outcome }}
                    {...handlers}
                  />
                )}
              />
            )}
          />
        )}
      </Loaded>
      <h2>{t.appeals.history}</h2>
      <div className="filters">
        <FilterSelect label={t.appeals.status} value={status} options={t.appeals.statuses} onChange={setStatus} />
      </div>
      <Loaded state={history.state}>{(data) => <AppealTable appeals={data.items} testId="appeal-history" showDepartment />}</Loaded>
    </>
  );
}
