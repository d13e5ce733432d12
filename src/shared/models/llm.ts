import { z } from 'zod';
import { appErrorSchema } from '../ipc/errors';
import { idSchema, Limits, textSchema } from './common';
import { contextSourcesSchema } from './context-source';

export const ProviderId = { ollama: 'ollama', openai: 'openai', anthropic: 'anthropic' } as const;
export type ProviderId = (typeof ProviderId)[keyof typeof ProviderId];
export const providerIdSchema = z.enum(Object.values(ProviderId) as [ProviderId, ...ProviderId[]]);
/** Providers that need a key (bring your own). */
export const cloudProviderSchema = z.enum(['openai', 'anthropic']);
export type CloudProvider = z.infer<typeof cloudProviderSchema>;

/** What a call is for; routes map each class to an ordered list of models. */
export const TaskClass = {
  creative: 'creative',
  structured: 'structured',
  rewrite: 'rewrite',
  classify: 'classify',
  embed: 'embed',
} as const;
export type TaskClass = (typeof TaskClass)[keyof typeof TaskClass];
export const taskClassSchema = z.enum(Object.values(TaskClass) as [TaskClass, ...TaskClass[]]);

/**
 * The task classes the writing features need: chat and the editor actions (creative), rewriting a
 * selection (rewrite) and answers in a fixed shape (structured). Setup is complete only when each
 * has a model; an embedding model alone writes nothing.
 */
export const WRITING_TASK_CLASSES: readonly TaskClass[] = ['creative', 'rewrite', 'structured'];

export const modelNameSchema = textSchema().trim().min(1).max(200);

/** A tag of an Ollama model ("3b", "latest"): no colon, slash or space. */
export const ollamaTagSchema = textSchema()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^:/\s]+$/, 'A tag has no colon, slash or space (e.g. 3b).');

export const modelRefSchema = z.object({ provider: providerIdSchema, model: modelNameSchema }).strict();
export type ModelRef = z.infer<typeof modelRefSchema>;

/** An A/B experiment: a deterministic share of calls of a task class goes to arm B. */
export const experimentSchema = z
  .object({
    name: textSchema().trim().min(1).max(100),
    enabled: z.boolean(),
    taskClass: taskClassSchema,
    /** Share of assignments (0–1) that get arm B; the rest use the route. */
    share: z.number().min(0).max(1),
    arm: modelRefSchema,
  })
  .strict();
export type Experiment = z.infer<typeof experimentSchema>;

/**
 * Where Ollama listens. Only an http(s) address: the core fetches from it, so a path or another
 * scheme (file:, javascript:, C:\…) is refused rather than saved.
 */
export const ollamaBaseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Ollama’s address must start with http:// or https://, like http://127.0.0.1:11434.' })
  .max(500);

/** The models file (YAML): routes per task class, overrides, experiments. */
export const modelsConfigSchema = z
  .object({
    version: z.literal(1),
    ollama: z
      .object({
        baseUrl: ollamaBaseUrlSchema,
        /**
         * The writer's choice of installed tag for a family a route names without one
         * (`llama3.2: 3b` → llama3.2:3b). Without an entry: `latest`, else the smallest tag.
         */
        tags: z.record(modelNameSchema, ollamaTagSchema).default({}),
      })
      .strict(),
    routes: z.record(taskClassSchema, z.array(modelRefSchema).min(1).max(10)),
    /** Per-agent routes (agent id → models), used instead of the task class's route. */
    agents: z.record(textSchema().max(100), z.array(modelRefSchema).min(1).max(10)).default({}),
    /** Per-prompt routes (prompt id → models), the most specific override. */
    prompts: z.record(textSchema().max(100), z.array(modelRefSchema).min(1).max(10)).default({}),
    experiments: z.array(experimentSchema).max(20).default([]),
    /** The model to offer to pull when Ollama has none. */
    recommendedOllamaModel: modelNameSchema,
  })
  .strict();
export type ModelsConfig = z.infer<typeof modelsConfigSchema>;

export const modelInfoSchema = z.object({
  provider: providerIdSchema,
  name: z.string(),
  sizeBytes: z.number().nonnegative().optional(),
  contextWindow: z.number().int().positive().optional(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const providerStatusSchema = z.object({
  provider: providerIdSchema,
  /** Ollama: always; cloud: a key is stored. */
  configured: z.boolean(),
  reachable: z.boolean(),
  models: z.array(modelInfoSchema),
  error: appErrorSchema.optional(),
});
export type ProviderStatus = z.infer<typeof providerStatusSchema>;

/** One task class's route as it stands now: what it lists, and what a call would use. */
export const taskRouteStatusSchema = z.object({
  taskClass: taskClassSchema,
  /** The models the route lists, in order (as written: an Ollama family may have no tag). */
  route: z.array(modelRefSchema),
  /** The first available entry, with an Ollama family resolved to the installed tag; null when none is. */
  uses: modelRefSchema.nullable(),
});
export type TaskRouteStatus = z.infer<typeof taskRouteStatusSchema>;

/** Picks an installed tag for an Ollama family, or (tag null) goes back to the automatic choice. */
export const ollamaTagPickSchema = z.object({ family: modelNameSchema, tag: ollamaTagSchema.nullable() }).strict();

export const llmStatusSchema = z.object({
  ollamaBaseUrl: z.string(),
  providers: z.array(providerStatusSchema),
  /** Task classes with at least one model that is available now. */
  readyTaskClasses: z.array(taskClassSchema),
  /** Every task class's route and the model it would use now. */
  taskRoutes: z.array(taskRouteStatusSchema),
  /** The writer's tag picks per Ollama family (the models file's `ollama.tags`). */
  ollamaTags: z.record(z.string(), z.string()),
  recommendedOllamaModel: z.string(),
  /**
   * The last model call, when it failed for want of a working model (Ollama died mid-reply, a
   * key was refused…). Null once a call works again: the status follows the last call, not only
   * what the providers say when asked for their model lists.
   */
  lastCallFailure: z
    .object({ at: z.number(), provider: providerIdSchema.optional(), model: z.string().optional(), error: appErrorSchema })
    .nullable()
    .optional(),
});
export type LlmStatus = z.infer<typeof llmStatusSchema>;
export type LastCallFailure = NonNullable<LlmStatus['lastCallFailure']>;

export const routeTestResultSchema = z.object({
  ok: z.boolean(),
  used: modelRefSchema.optional(),
  /** Route entries that failed first, with why. */
  fellBackFrom: z.array(z.object({ model: modelRefSchema, error: appErrorSchema })),
  latencyMs: z.number().nonnegative(),
  sample: z.string().optional(),
  error: appErrorSchema.optional(),
});

/** A stored key as the UI may see it: never the key itself. */
export const keyStatusSchema = z.object({
  provider: cloudProviderSchema,
  configured: z.boolean(),
  /** The last four characters, e.g. "••••3f9a". */
  masked: z.string().nullable(),
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const keyCheckSchema = z.object({
  provider: cloudProviderSchema,
  valid: z.boolean(),
  message: z.string(),
});

export const keySetSchema = z
  .object({ provider: cloudProviderSchema, key: textSchema().trim().min(8, 'That key looks too short.').max(500) })
  .strict();

/** A stream started by a call: its deltas and end arrive as `stream.*` events. */
export const streamStartedSchema = z.object({ streamId: idSchema });
export type StreamStarted = z.infer<typeof streamStartedSchema>;

/** An editor action's stream, with the passages of the book and memory it was given. */
export const inlineStartedSchema = streamStartedSchema.extend({ sources: contextSourcesSchema });
export type InlineStarted = z.infer<typeof inlineStartedSchema>;

/** How a stream ended: done, stopped, or failed with a typed error. */
export const streamEndStatusSchema = z.enum(['done', 'cancelled', 'error']);
export type StreamEndStatus = z.infer<typeof streamEndStatusSchema>;

/**
 * What became of a stream, for a UI that may have missed its events (during a reconnect):
 * still running (with all its text so far), ended (its outcome and full text), or unknown to
 * the core (it restarted, or the stream ended too long ago to remember).
 */
export const streamStateSchema = z.discriminatedUnion('state', [
  z.object({ streamId: idSchema, state: z.literal('running'), text: z.string() }),
  z.object({ streamId: idSchema, state: z.literal('ended'), status: streamEndStatusSchema, error: appErrorSchema.optional(), text: z.string() }),
  z.object({ streamId: idSchema, state: z.literal('unknown') }),
]);
export type StreamState = z.infer<typeof streamStateSchema>;

/** At most this many streams are asked about in one `stream.status` call. */
export const STREAM_STATUS_MAX = 100;

export const streamStatusQuerySchema = z.object({ streamIds: z.array(idSchema).min(1).max(STREAM_STATUS_MAX) }).strict();

export const streamUsageSchema = z.object({
  provider: providerIdSchema,
  model: z.string(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  latencyMs: z.number().nonnegative(),
  costUsd: z.number().nonnegative(),
});

/** A stream event's number within its stream: 1, 2, 3… in the order the core sent them. */
export const streamSeqSchema = z.number().int().positive();

/** What a stream notice is about. */
export const streamNoticeKindSchema = z.enum(['fallback', 'trimmed', 'retrying']);

/**
 * One event of a stream as the core kept it, for `stream.replay`: the same fields as the
 * `stream.delta` / `stream.notice` / `stream.end` events (without the stream id), tagged.
 */
export const streamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), seq: streamSeqSchema, text: z.string() }),
  z.object({ type: z.literal('notice'), seq: streamSeqSchema, kind: streamNoticeKindSchema, message: z.string() }),
  z.object({
    type: z.literal('end'),
    seq: streamSeqSchema,
    status: streamEndStatusSchema,
    error: appErrorSchema.optional(),
    usage: streamUsageSchema.optional(),
  }),
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;

export const streamReplayQuerySchema = z.object({ streamId: idSchema, afterSeq: z.number().int().nonnegative() }).strict();

/**
 * The events of a stream after `afterSeq`, for a UI that reconnects: running or ended streams
 * give their kept events in order (the end included). The core keeps a bounded number of
 * events per stream: when some after `afterSeq` were let go, `complete` is false and the UI
 * takes `text` (the whole text so far) instead of the deltas. `unknown`: the core restarted, or
 * the stream ended too long ago to remember.
 */
export const streamReplaySchema = z.object({
  streamId: idSchema,
  state: z.enum(['running', 'ended', 'unknown']),
  events: z.array(streamEventSchema),
  complete: z.boolean(),
  text: z.string(),
  /** The last event's seq (0 when none). */
  lastSeq: z.number().int().nonnegative(),
});
export type StreamReplay = z.infer<typeof streamReplaySchema>;

export const InlineAction = {
  continue: 'continue',
  rewrite: 'rewrite',
  expand: 'expand',
  describe: 'describe',
  brainstorm: 'brainstorm',
} as const;
export type InlineAction = (typeof InlineAction)[keyof typeof InlineAction];
export const inlineActionSchema = z.enum(Object.values(InlineAction) as [InlineAction, ...InlineAction[]]);

export const inlineRunSchema = z
  .object({
    action: inlineActionSchema,
    sceneId: idSchema,
    /** The selected text (rewrite, expand, describe act on it). */
    selection: textSchema().max(Limits.longText).default(''),
    /** Text just before the cursor (continue uses it). */
    before: textSchema().max(Limits.longText).default(''),
    /** A short instruction from the writer ("make it tenser"). */
    instruction: textSchema().max(Limits.shortText).default(''),
  })
  .strict();
/** One editor AI action to run, as the core receives it (the texts default to ''). */
export type InlineRequest = z.infer<typeof inlineRunSchema>;

export const pullProgressSchema = z.object({
  streamId: idSchema,
  status: z.string(),
  completed: z.number().nonnegative().optional(),
  total: z.number().nonnegative().optional(),
});

export const usageQuerySchema = z
  .object({ projectId: idSchema.optional(), days: z.number().int().min(1).max(366).default(30) })
  .strict();
export const usageRowSchema = z.object({
  day: z.string(),
  projectId: z.string().nullable(),
  projectTitle: z.string().nullable(),
  calls: z.number().int().nonnegative(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  avgLatencyMs: z.number().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Calls whose token counts are estimates (the provider reported none: a stopped or failed stream). */
  estimatedCalls: z.number().int().nonnegative(),
});
export type UsageRow = z.infer<typeof usageRowSchema>;

/** Usage of one A/B experiment arm (and the model that answered in it), for comparing arms. */
export const usageArmRowSchema = z.object({
  experiment: z.string(),
  arm: z.enum(['A', 'B']),
  provider: providerIdSchema,
  model: z.string(),
  calls: z.number().int().nonnegative(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  avgLatencyMs: z.number().nonnegative(),
  /** Mean time to the first token of calls that streamed any, or null. */
  avgFirstTokenMs: z.number().nonnegative().nullable(),
  errors: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  estimatedCalls: z.number().int().nonnegative(),
});
export type UsageArmRow = z.infer<typeof usageArmRowSchema>;
