/**
 * Proposals (issue 8): what agents propose to change in the book — a scene's text, a new scene,
 * a codex entry, a memory — waiting for the writer's approval, edit or rejection. Applying is
 * idempotent (keyed by run, step and key), goes through the manuscript, codex and memory
 * services like the writer's own edits, and is preceded by one project snapshot per run.
 */
export {
  createProposalService,
  snapshotLabel,
  type ProposalService,
  type ProposalDeps,
  type ProposalInput,
  type ProposalSink,
  type PolicyCheck,
} from './proposal.service';
export { createProposalHandlers, type ProposalMethods } from './handlers';
export type { ApplyTargets } from './proposal-apply';
