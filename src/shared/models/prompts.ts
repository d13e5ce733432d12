import { z } from 'zod';
import { Limits, textSchema, timestampSchema } from './common';
import { taskClassSchema } from './llm';

export const promptIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,63}$/, 'A prompt id is lower-case letters, digits and dashes, like "summarize-scene".');

export const promptVariableSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'A variable name is letters, digits and underscores.'),
    description: z.string().max(Limits.shortText).default(''),
    required: z.boolean().default(true),
  })
  .strict();

/**
 * A prompt as written in prompts/*.yaml. Templates use {{variable}} placeholders that must be
 * declared in `variables`; `outputSchema`, when present, is the JSON Schema every answer must meet.
 */
export const promptDefinitionSchema = z
  .object({
    id: promptIdSchema,
    version: z.number().int().positive(),
    description: z.string().min(1).max(Limits.shortText),
    taskClass: taskClassSchema,
    locked: z.boolean().default(false),
    system: z.string().min(1).max(Limits.longText),
    user: z.string().min(1).max(Limits.longText),
    variables: z.array(promptVariableSchema).max(50).default([]),
    outputSchema: z.record(z.string(), z.unknown()).optional(),
    /** Sampling temperature; providers' defaults when absent. */
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().max(100_000).optional(),
  })
  .strict();
export type PromptDefinition = z.infer<typeof promptDefinitionSchema>;

export const PromptSource = { builtin: 'builtin', user: 'user' } as const;
export type PromptSource = (typeof PromptSource)[keyof typeof PromptSource];

export const promptVersionSchema = z.object({
  promptId: promptIdSchema,
  version: z.number().int().positive(),
  hash: z.string(),
  source: z.enum(['builtin', 'user']),
  createdAt: timestampSchema,
  definition: promptDefinitionSchema,
});
export type PromptVersion = z.infer<typeof promptVersionSchema>;

export const promptSummarySchema = z.object({
  id: promptIdSchema,
  description: z.string(),
  taskClass: taskClassSchema,
  locked: z.boolean(),
  latestVersion: z.number().int().positive(),
  /** The version in use: the pinned one, else the writer's own edit, else the latest. */
  activeVersion: z.number().int().positive(),
  pinned: z.boolean(),
  /** The writer's edit is in use: shipped versions wait for them to choose one. */
  customized: z.boolean(),
  /** A newer shipped version the writer may switch to (diff it against the active one), or null. */
  update: z.object({ version: z.number().int().positive(), fileVersion: z.number().int().positive() }).nullable(),
});
export type PromptSummary = z.infer<typeof promptSummarySchema>;

export const promptAuditEntrySchema = z.object({
  action: z.enum(['import', 'edit', 'revert', 'pin', 'unpin', 'adopt', 'dismiss']),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int().nullable(),
  oldHash: z.string().nullable(),
  newHash: z.string().nullable(),
  summary: z.string(),
  at: timestampSchema,
});
export type PromptAuditEntry = z.infer<typeof promptAuditEntrySchema>;

export const promptEditSchema = z
  .object({
    id: promptIdSchema,
    system: textSchema().min(1).max(Limits.longText),
    user: textSchema().min(1).max(Limits.longText),
    summary: textSchema().trim().min(1, 'Say in a few words what you changed.').max(Limits.shortText),
  })
  .strict();

/** One line of a line diff between two versions. */
export const diffLineSchema = z.object({ kind: z.enum(['same', 'added', 'removed']), field: z.enum(['system', 'user']), text: z.string() });
