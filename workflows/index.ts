// The workflow bundle's entry point (Worker workflowsPath).
export { issueWorkflow } from './issue.workflow';
export { yearEndWorkflow } from './year-end.workflow';
export { circularWorkflow } from './circular.workflow';
export { whatIfWorkflow } from './what-if.workflow';
