import type { Projection } from '../projection';
import { auditIndexProjection } from './audit-index.projection';
import { departmentInboxProjection } from './department-inbox.projection';
import { issueViewProjection } from './issue-view.projection';
import { ledgerProjection } from './ledger.projection';
import { yearEndProjection } from './year-end.projection';

export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  departmentInboxProjection,
  issueViewProjection,
  ledgerProjection,
  auditIndexProjection,
  yearEndProjection,
];
