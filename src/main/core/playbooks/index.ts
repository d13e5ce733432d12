export { createPlaybookHandlers } from './handlers';
export { DEFAULT_PLAYBOOKS_FOLDER, loadShippedPlaybooks } from './playbook-files';
export { createPlaybookRepo, type PlaybookRepo } from './playbook.repo';
export { createPlaybookService, type PlaybookDeps, type PlaybookService, type PlaybookSource } from './playbook.service';
export { assertValidPlan, validatePlan, type AgentCatalog, type PlanProblem } from './plan-validation';
export { findCycle } from './plan-graph';
