export { composeRuns, STEP_BACKOFF, type CrewParts, type RunsCompositionDeps } from './compose-runs';
export { createRunService, AGENT_RUN_KIND, runJobKey, type RunService, type RunStartInput } from './run.service';
export { createRunBook, continuityStepOver } from './run-book';
export { RUN_CHECKPOINTS_FILE } from './run-checkpoints';
export { planProblems, assertRunnablePlan } from './plan-validation';
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
