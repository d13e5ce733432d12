import { z } from 'zod';
import { agentIdSchema, capabilityIdSchema } from './agents';
import { idSchema, Limits, textSchema, timestampSchema } from './common';
import { errorCategorySchema } from './jobs';
import { planSchema } from './plans';

/**
 * Agent runs: a plan executing as a durable job (kind `agent.run`), its steps, the proposals it
 * makes and the audit log of every agent action. Nothing an agent writes reaches the book until
 * the writer approves its proposal.
 */
export const RunStatus = {
  queued: 'queued',
  running: 'running',
  /** Paused for the writer: a question (`ask` step) or a failed step (retry, skip or cancel). */
  waiting: 'waiting',
  /** Every step is done; proposals wait for the writer's decision. */
  review: 'review',
  /** Done, and every proposal decided. */
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];
export const runStatusSchema = z.enum(Object.values(RunStatus) as [RunStatus, ...RunStatus[]]);

/** What the run is pointed at (the plan's `target` kind says which one it needs). */
export const runTargetSchema = z
  .object({ chapterId: idSchema.optional(), sceneId: idSchema.optional(), entryId: idSchema.optional() })
  .strict();
export type RunTarget = z.infer<typeof runTargetSchema>;

/** Why the run waits: the question it asks, or the step that failed. */
export const runWaitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('question'), stepKey: z.string(), question: z.string() }),
  z.object({ kind: z.literal('step-failed'), stepKey: z.string() }),
]);

export const runSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  /** The chat the run was started from, if any (its reply links to the run). */
  sessionId: idSchema.nullable(),
  /** "Draft a chapter from its outline — Chapter 4". */
  title: z.string(),
  /** The playbook it runs, or null for one agent or a plan the router composed. */
  playbookId: z.string().nullable(),
  request: z.string(),
  target: runTargetSchema,
  plan: planSchema,
  status: runStatusSchema,
  wait: runWaitSchema.nullable(),
  /** The job that executes it (jobs view, cancel). */
  jobId: idSchema.nullable(),
  /** Appears on every log line of the run (`traceId`), and on its steps' lines with their own. */
  traceId: z.string(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  /** +1 on every change of the run, its steps or its proposals (`run.changed` carries it). */
  seq: z.number().int().nonnegative(),
});
export type Run = z.infer<typeof runSchema>;

export const StepStatus = {
  pending: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  /** Its guard did not hold, or the writer chose Skip after it failed. */
  skipped: 'skipped',
  /** An `ask` step waiting for the writer's answer. */
  waiting: 'waiting',
  cancelled: 'cancelled',
} as const;
export type StepStatus = (typeof StepStatus)[keyof typeof StepStatus];
export const stepStatusSchema = z.enum(Object.values(StepStatus) as [StepStatus, ...StepStatus[]]);

/** Milliseconds spent per stage of a step: context gathering, the model, validation, policy. */
export const stepTimingsSchema = z.object({
  contextMs: z.number().nonnegative().optional(),
  modelMs: z.number().nonnegative().optional(),
  validateMs: z.number().nonnegative().optional(),
  policyMs: z.number().nonnegative().optional(),
});

/** One executed step; a fanned-out step has one per branch (`key` `draft_scenes#2`). */
export const runStepSchema = z.object({
  runId: idSchema,
  /** The step id, or `<stepId>#<index>` for a branch of a `forEach` step. */
  key: z.string(),
  stepId: z.string(),
  index: z.number().int().nonnegative().nullable(),
  title: z.string(),
  kind: z.enum(['agent', 'ask', 'continuity']),
  agentId: agentIdSchema.nullable(),
  capability: capabilityIdSchema.nullable(),
  status: stepStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** The values the step was given (prompt variables, truncated for display). */
  input: z.record(z.string(), z.string()),
  /** The validated output (JSON), null until it succeeds. */
  output: z.unknown().nullable(),
  /** The text streamed so far (the final text once done); `streamId` follows it live. */
  text: z.string(),
  streamId: idSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string(), category: errorCategorySchema }).nullable(),
  model: z.string().nullable(),
  promptId: z.string().nullable(),
  promptVersion: z.number().int().nullable(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  timings: stepTimingsSchema,
  traceId: z.string(),
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
});
export type RunStep = z.infer<typeof runStepSchema>;

export const ProposalStatus = {
  pending: 'pending',
  /** Approved and written to the book (one step, idempotent). */
  applied: 'applied',
  rejected: 'rejected',
  /** The scene or entry changed since the proposal was made, or is gone: not applied, shown why. */
  conflict: 'conflict',
} as const;
export type ProposalStatus = (typeof ProposalStatus)[keyof typeof ProposalStatus];
export const proposalStatusSchema = z.enum(Object.values(ProposalStatus) as [ProposalStatus, ...ProposalStatus[]]);

/** A content rule of the policy file that an output broke. Blocking ones keep the proposal from being approved. */
export const policyViolationSchema = z.object({ rule: z.string(), message: z.string(), blocking: z.boolean() });
export type PolicyViolation = z.infer<typeof policyViolationSchema>;

const fieldsSchema = z.record(z.string(), z.string());

/** What a proposal would change: before and after, so the UI shows a text or field diff. */
export const proposalChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scene-text'), sceneId: idSchema, sceneTitle: z.string(), baseRevision: z.number().int().nonnegative(), before: z.string(), after: z.string() }),
  z.object({ type: z.literal('new-scene'), chapterId: idSchema, chapterTitle: z.string(), title: z.string(), after: z.string() }),
  z.object({
    type: z.literal('codex'),
    /** Null: a new entry. */
    entryId: idSchema.nullable(),
    kind: z.string(),
    name: z.string(),
    before: z.object({ description: z.string(), fields: fieldsSchema }).nullable(),
    after: z.object({ description: z.string(), fields: fieldsSchema }),
  }),
  z.object({ type: z.literal('memory'), kind: z.string(), content: z.string(), markers: z.array(z.string()) }),
]);
export type ProposalChange = z.infer<typeof proposalChangeSchema>;

export const proposalSchema = z.object({
  id: idSchema,
  runId: idSchema,
  projectId: idSchema,
  stepKey: z.string(),
  agentId: agentIdSchema.nullable(),
  /** Stable within its step (`scene:<id>`, `codex:Mara`): with run and step, the apply key. */
  key: z.string(),
  change: proposalChangeSchema,
  /** The writer's edit of `change.after` before approving, if any. */
  edited: proposalChangeSchema.nullable(),
  status: proposalStatusSchema,
  violations: z.array(policyViolationSchema),
  /** Why a proposal is in conflict. */
  note: z.string().nullable(),
  createdAt: timestampSchema,
  decidedAt: timestampSchema.nullable(),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** A run with everything the run view shows. */
export const runDetailSchema = z.object({ run: runSchema, steps: z.array(runStepSchema), proposals: z.array(proposalSchema) });
export type RunDetail = z.infer<typeof runDetailSchema>;

/** How a run is started: a playbook, one agent's capability, or a plan (the router's). */
export const runStartSchema = z
  .object({
    projectId: idSchema,
    sessionId: idSchema.optional(),
    request: textSchema().trim().max(Limits.shortText).default(''),
    target: runTargetSchema.default({}),
    playbookId: z.string().min(1).max(64).optional(),
    agent: z.object({ agentId: agentIdSchema, capability: capabilityIdSchema }).strict().optional(),
    plan: planSchema.optional(),
  })
  .strict()
  .refine((s) => [s.playbookId, s.agent, s.plan].filter((x) => x !== undefined).length === 1, 'Start a run with exactly one of a playbook, an agent or a plan.');

export const runDecisionSchema = z
  .object({ id: idSchema, stepKey: z.string().min(1).max(120), action: z.enum(['retry', 'skip', 'cancel']) })
  .strict();
export const runAnswerSchema = z.object({ id: idSchema, answer: textSchema().trim().min(1, 'Type an answer first.').max(Limits.shortText) }).strict();

/** Approve as proposed, or with the writer's edit (the same change type, its `after` edited). */
export const proposalApproveSchema = z.object({ id: idSchema, edited: proposalChangeSchema.optional() }).strict();

/** One agent action in the audit log (seed 002): what went in, what came out, how it ended. */
export const auditEntrySchema = z.object({
  id: idSchema,
  projectId: idSchema.nullable(),
  runId: idSchema.nullable(),
  stepKey: z.string().nullable(),
  agentId: z.string().nullable(),
  /** `classify`, `step`, `propose`, `approve`, `edit`, `reject`, `apply`, `cancel`. */
  action: z.string(),
  status: z.enum(['ok', 'error', 'blocked']),
  input: z.unknown(),
  output: z.unknown(),
  model: z.string().nullable(),
  promptId: z.string().nullable(),
  promptVersion: z.number().int().nullable(),
  traceId: z.string().nullable(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
  createdAt: timestampSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z
  .object({
    projectId: idSchema.optional(),
    runId: idSchema.optional(),
    agentId: z.string().max(64).optional(),
    action: z.string().max(32).optional(),
    /** How the action ended (the audit view's status filter). */
    status: z.enum(['ok', 'error', 'blocked']).optional(),
    /** Words to find in the input or output. */
    query: textSchema().trim().max(Limits.query).optional(),
    /** Older than this entry's time (paging). */
    before: timestampSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/**
 * The router's reading of a chat message: plain chat, one agent, a playbook, a plan it
 * composed from capabilities, or one clarifying question when it cannot tell.
 */
export const intentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chat') }),
  z.object({ kind: z.literal('agent'), agentId: agentIdSchema, capability: capabilityIdSchema, target: runTargetSchema }),
  z.object({ kind: z.literal('playbook'), playbookId: z.string(), target: runTargetSchema }),
  z.object({ kind: z.literal('plan'), plan: planSchema, target: runTargetSchema }),
  z.object({ kind: z.literal('clarify'), question: z.string() }),
]);
export type Intent = z.infer<typeof intentSchema>;
