import type { Agent, AgentCapability } from '../../../shared/models/agents';
import type { Playbook } from '../../../shared/models/plans';
import type { AuditEntry, Proposal, ProposalChange } from '../../../shared/models/runs';

/*
 * The seams of the run engine: what it needs from the agents, proposals and playbooks parts
 * (the exact signatures of the crew brief), and what it reads from the book. Structural, so the
 * other parts' services fit without an import between domains.
 */

/** One agent step's call: the executor renders the capability's prompt, calls the model and validates. */
export interface AgentStepRequest {
  runId: string;
  stepKey: string;
  projectId: string;
  agentId: string;
  capability: string;
  inputs: Record<string, string>;
  signal: AbortSignal;
  onDelta?: (text: string) => void;
}

export interface AgentStepResult {
  /** Validated against the prompt's outputSchema. */
  output: unknown;
  /** Prose or the JSON as streamed. */
  text: string;
  /** provider/model */
  model: string;
  promptId: string;
  promptVersion: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  timings: { contextMs: number; modelMs: number; validateMs: number };
}

/** Throws an `AppError` whose code says how the failure is retried (job-errors.ts). */
export interface AgentStepExecutor {
  execute(request: AgentStepRequest): Promise<AgentStepResult>;
}

export interface ProposalInput {
  runId: string;
  projectId: string;
  stepKey: string;
  agentId: string | null;
  key: string;
  change: ProposalChange;
}

/** Idempotent: the same (runId, stepKey, key) is the same row; a decided one is left alone. */
export interface ProposalSink {
  propose(input: ProposalInput): Proposal;
}

/** What `runs.get` shows of a run's proposals, and whether any still waits for the writer. */
export interface RunProposals {
  forRun(runId: string): Proposal[];
}

export interface AuditLog {
  record(entry: Omit<AuditEntry, 'id' | 'createdAt'>): void;
}

export interface PlaybookSource {
  /** Throws NOT_FOUND for an unknown id. */
  get(id: string): Playbook;
}

export interface AgentRegistry {
  list(): Agent[];
  get(id: string): Agent | undefined;
  capability(agentId: string, capabilityId: string): AgentCapability | undefined;
}

/** The memory issue's continuity check on a chapter, as a step's output. */
export interface ContinuityStepRunner {
  check(input: { projectId: string; chapterId: string; signal: AbortSignal }): Promise<{ issues: Array<{ summary: string; sceneId: string | null }> }>;
}

/** A scene as the run scope reads it. */
export interface BookScene {
  id: string;
  chapterId: string;
  title: string;
  synopsis: string;
  text: string;
  revision: number;
}

/** What a run's value references read from the project (see `shared/models/plans.ts`). */
export interface RunBook {
  project(projectId: string): { title: string; genre: string; tone: string; description: string } | undefined;
  chapter(projectId: string, chapterId: string): { id: string; title: string; synopsis: string; scenes: BookScene[] } | undefined;
  scene(sceneId: string): BookScene | undefined;
  entries(projectId: string): Array<{ id: string; name: string; kind: string; description: string; profile: Record<string, string> }>;
}

/** The stream registry as steps use it: text streams under a `streamId` the run view follows. */
export interface StepStreams {
  start(work: (context: { streamId: string; delta(text: string): void }) => Promise<undefined>): string;
}
