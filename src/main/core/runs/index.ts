export { composeRuns, STEP_BACKOFF, type CrewParts, type RunsCompositionDeps } from './compose-runs';
export { createRunService, AGENT_RUN_KIND, runJobKey, type RunService, type RunStartInput } from './run.service';
export { createRunBook, continuityStepOver } from './run-book';
export { RUN_CHECKPOINTS_FILE } from './run-checkpoints';
export { assertValidPlan, validatePlan, type AgentCatalog, type PlanProblem } from './plan-validation';
export { findCycle } from './plan-cycle';
export { resolveRef, holds, createRunScope, type RunScope } from './plan-scope';
export type {
  AgentRegistry,
  AgentStepExecutor,
  AgentStepRequest,
  AgentStepResult,
  AuditLog,
  ContinuityStepRunner,
  PlaybookSource,
  ProposalInput,
  ProposalSink,
  RunBook,
  RunProposals,
  StepStreams,
} from './run.types';
