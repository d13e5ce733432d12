import { z } from 'zod';
import { agentIdSchema, capabilityIdSchema, proposalTargetTypeSchema } from './agents';
import { idSchema, timestampSchema } from './common';

/**
 * Plans as data: steps with inputs, guards, dependencies, conditional branches and fan-out/join,
 * executed by LangGraph.js in the core. Playbooks are named plans shipped in
 * `resources/playbooks/*.yaml` (or a writer's edited copy).
 *
 * A **value reference** is a string starting with `$`, read from the run's scope:
 * - `$request` — the writer's message; `$answer.<stepId>` — the writer's answer to an `ask` step;
 * - `$project.title|genre|tone|description`;
 * - `$chapter.id|title|synopsis|outline|text|scenes` — the run's target chapter (`outline`: its
 *   scenes one per line, `[scene id] Title — synopsis`; `text`: its scenes' text; `scenes`: its
 *   scenes as an array of `{id, title, synopsis}` in order);
 * - `$scene.id|title|synopsis|text` — the run's target scene; `$entry.id|name|kind|description|profile` — its codex entry;
 * - `$steps.<stepId>.output[.path]` — an earlier step's validated output (a fanned-out step's
 *   output is the array of its branches' outputs, in item order);
 * - `$item[.path]`, `$index` — inside a `forEach` step, the item and its position; `$index` as a
 *   path segment picks the same position of another list (`$steps.drafts.output.$index.text`: the
 *   draft made for this branch's item, when both steps fan out over the same list);
 * - `$output[.path]` — in a `propose` spec, the step's (branch's) output; `$each[.path]` — in a
 *   spec with `each`, the item it proposes from.
 * Any other string is a literal.
 */
export const valueRefSchema = z.string().max(500);

const stepIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/u, 'A step id is lower_snake_case, like draft_scenes.');

/**
 * A guard: the step runs only when it holds, else it is `skipped` (its output is null). Two
 * steps with opposite guards on the same value make a conditional branch; a later step that
 * depends on both joins them.
 */
export const conditionSchema = z
  .object({
    ref: valueRefSchema,
    /** Exactly one test. `exists`: not null/undefined; `notEmpty`: a non-empty string or array. */
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    notEquals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    exists: z.boolean().optional(),
    notEmpty: z.boolean().optional(),
    greaterThan: z.number().optional(),
  })
  .strict()
  .refine((c) => [c.equals, c.notEquals, c.exists, c.notEmpty, c.greaterThan].filter((t) => t !== undefined).length === 1, 'A condition has exactly one test.');
export type Condition = z.infer<typeof conditionSchema>;

/**
 * How a step's output becomes proposals for the writer to approve. Each field is a value
 * reference into the step's scope plus `$output[.path]` (one branch's output in a `forEach` step).
 */
export const proposeSpecSchema = z
  .object({
    target: proposalTargetTypeSchema,
    /** `scene-text`: the scene; `new-scene`: the chapter it goes in; `codex`: the entry to change (absent: a new entry). */
    scene: valueRefSchema.optional(),
    chapter: valueRefSchema.optional(),
    entry: valueRefSchema.optional(),
    /** Prose (`scene-text`, `new-scene`), or a memory's content. */
    text: valueRefSchema.optional(),
    /** `new-scene` title; `codex` entry name. */
    title: valueRefSchema.optional(),
    /** `codex`: kind, description and profile fields (an object of strings). */
    kind: valueRefSchema.optional(),
    description: valueRefSchema.optional(),
    fields: valueRefSchema.optional(),
    /** `memory`: markers (an array of strings). */
    markers: valueRefSchema.optional(),
    /**
     * One proposal per item of this list, the item read as `$each[.path]` in the other fields
     * (a researcher's notes become one memory each).
     */
    each: valueRefSchema.optional(),
  })
  .strict();
export type ProposeSpec = z.infer<typeof proposeSpecSchema>;

const agentStepSchema = z
  .object({
    id: stepIdSchema,
    kind: z.literal('agent').default('agent'),
    /** Shown in the run view's timeline ("Draft the scenes"). */
    title: z.string().trim().min(1).max(120),
    agent: agentIdSchema,
    capability: capabilityIdSchema,
    /** Prompt variable → value reference (or literal). */
    inputs: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,47}$/u), valueRefSchema).default({}),
    dependsOn: z.array(stepIdSchema).max(20).default([]),
    when: conditionSchema.optional(),
    /** Fan-out: one branch per item of this array (parallel); steps after it join all branches. */
    forEach: valueRefSchema.optional(),
    propose: z.array(proposeSpecSchema).max(4).default([]),
  })
  .strict();

/** Pauses the run with a question; the writer's answer is `$answer.<id>`. */
const askStepSchema = z
  .object({
    id: stepIdSchema,
    kind: z.literal('ask'),
    title: z.string().trim().min(1).max(120),
    question: z.string().trim().min(1).max(1_000),
    dependsOn: z.array(stepIdSchema).max(20).default([]),
    when: conditionSchema.optional(),
  })
  .strict();

/**
 * The memory issue's continuity check on the run's target chapter as a step: its issues are
 * the output (`{ issues: [{summary, sceneId}] }`), shown in the run view like an agent's report.
 */
const continuityStepSchema = z
  .object({
    id: stepIdSchema,
    kind: z.literal('continuity'),
    title: z.string().trim().min(1).max(120),
    dependsOn: z.array(stepIdSchema).max(20).default([]),
    when: conditionSchema.optional(),
  })
  .strict();

export const planStepSchema = z.union([askStepSchema, continuityStepSchema, agentStepSchema]);
export type PlanStep = z.infer<typeof planStepSchema>;
export type AgentPlanStep = z.infer<typeof agentStepSchema>;

/** What a plan needs from the writer before it starts (the chapter to draft, the character to develop). */
export const PlanTarget = { none: 'none', chapter: 'chapter', scene: 'scene', entry: 'entry' } as const;
export type PlanTarget = (typeof PlanTarget)[keyof typeof PlanTarget];
export const planTargetSchema = z.enum(Object.values(PlanTarget) as [PlanTarget, ...PlanTarget[]]);

export const planSchema = z
  .object({
    /** What the run is pointed at; the run's `target` must name one of this kind. */
    target: planTargetSchema.default('none'),
    steps: z.array(planStepSchema).min(1).max(40),
  })
  .strict();
export type Plan = z.infer<typeof planSchema>;

/** A playbook: a named plan, shipped (`builtin`) or a writer's copy they can edit. */
/**
 * Where a playbook is started: `chat` (the chat's picker and intent routing) or `video` (a video
 * starts it for its script, and takes its output as the draft script: from chat it would land
 * nowhere).
 */
export const PLAYBOOK_STARTS = ['chat', 'video'] as const;
export const playbookStartSchema = z.enum(PLAYBOOK_STARTS);
export type PlaybookStart = z.infer<typeof playbookStartSchema>;

export const playbookSchema = z.object({
  /** Shipped: its file name (`draft-chapter`); a writer's copy: a UUID. */
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1_000),
  builtin: z.boolean(),
  /** The playbook a copy was made from. */
  basedOn: z.string().nullable(),
  plan: planSchema,
  startedFrom: playbookStartSchema,
  updatedAt: timestampSchema,
});
export type Playbook = z.infer<typeof playbookSchema>;

export const playbookDuplicateSchema = z.object({ id: z.string().min(1).max(64), name: z.string().trim().min(1).max(120).optional() }).strict();
export const playbookUpdateSchema = z
  .object({ id: idSchema, name: z.string().trim().min(1).max(120).optional(), description: z.string().trim().max(1_000).optional(), plan: planSchema.optional() })
  .strict();
