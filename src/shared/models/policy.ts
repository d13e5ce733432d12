import { z } from 'zod';
import { textSchema } from './common';

/**
 * The content policy (seed 001's policy.yaml): rules applied to agent output before it becomes a
 * proposal. Shipped defaults in `resources/policy.yaml`; the writer's copy in the data folder wins
 * while it is valid. A broken blocking rule keeps the proposal from being approved; a warning is shown.
 */
export const policyRuleSchema = z.discriminatedUnion('type', [
  /** Whole words or phrases, case-insensitive. */
  z.object({ id: z.string().min(1).max(64), type: z.literal('blocked-words'), words: z.array(z.string().min(1).max(200)).min(1).max(1_000), blocking: z.boolean().default(true), message: z.string().max(300).optional() }).strict(),
  /** A regular expression (JavaScript syntax, flags `iu`). */
  z.object({ id: z.string().min(1).max(64), type: z.literal('blocked-pattern'), pattern: z.string().min(1).max(500), blocking: z.boolean().default(true), message: z.string().max(300).optional() }).strict(),
  /** Length of proposed prose in words (`targets` default: prose proposals). */
  z.object({ id: z.string().min(1).max(64), type: z.literal('length'), minWords: z.number().int().nonnegative().optional(), maxWords: z.number().int().positive().optional(), blocking: z.boolean().default(false), message: z.string().max(300).optional() }).strict(),
  /** Fields a codex proposal must fill (profile field names, or `description`). */
  z.object({ id: z.string().min(1).max(64), type: z.literal('required-fields'), kinds: z.array(z.string()).default([]), fields: z.array(z.string().min(1).max(100)).min(1).max(50), blocking: z.boolean().default(false), message: z.string().max(300).optional() }).strict(),
]);
export type PolicyRule = z.infer<typeof policyRuleSchema>;

export const policySchema = z.object({ version: z.literal(1), rules: z.array(policyRuleSchema).max(200) }).strict();
export type Policy = z.infer<typeof policySchema>;

/** The policy as the settings show it: the YAML text, where it comes from, and the parsed rules. */
export const policyFileSchema = z.object({
  source: z.enum(['shipped', 'user']),
  yaml: z.string(),
  rules: z.array(policyRuleSchema),
  /** Why the writer's copy is not in force (invalid YAML or rules), if it is not. */
  problem: z.string().nullable(),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;

export const policySaveSchema = z.object({ yaml: textSchema().max(200_000) }).strict();
