import { z } from 'zod';
import { idSchema, timestampSchema } from './common';

/**
 * Continuity checks: facts about codex entities are extracted from scenes (entity, attribute,
 * value, quote) and compared with the codex and with earlier scenes; a disagreement is an issue
 * the writer resolves.
 */
export const continuityFactSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  /** The codex entry the fact is about. */
  entryId: idSchema,
  entityName: z.string(),
  /** Normalised attribute ("eye colour"). */
  attribute: z.string(),
  value: z.string(),
  /** The words of the scene that state it. */
  quote: z.string(),
  sceneId: idSchema,
  /** Where the quote sits in the scene's plain text, when found. */
  range: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).nullable(),
  createdAt: timestampSchema,
});
export type ContinuityFact = z.infer<typeof continuityFactSchema>;

/** Where the other side of a contradiction lives: a codex entry's field or an earlier scene. */
export const continuityEvidenceSchema = z.object({
  type: z.enum(['codex', 'scene']),
  /** Codex entry id or scene id. */
  id: idSchema,
  /** "Codex · Mara · eye colour" or "Chapter 12 · scene 3". */
  label: z.string(),
  value: z.string(),
  quote: z.string(),
  chapterId: idSchema.nullable(),
  range: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).nullable(),
});
export type ContinuityEvidence = z.infer<typeof continuityEvidenceSchema>;

export const ContinuityResolution = {
  /** The writer changed the text; the next check confirms it. */
  fixedText: 'fixed-text',
  /** The writer approved a proposed codex change. */
  codexUpdated: 'codex-updated',
  /** Deliberate (an unreliable narrator, a disguise): never flagged again. */
  intended: 'intended',
} as const;
export type ContinuityResolution = (typeof ContinuityResolution)[keyof typeof ContinuityResolution];
export const continuityResolutionSchema = z.enum(Object.values(ContinuityResolution) as [ContinuityResolution, ...ContinuityResolution[]]);

export const continuityIssueSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  entryId: idSchema,
  entityName: z.string(),
  attribute: z.string(),
  /** One sentence: "Mara's eyes are grey in the codex, green in chapter 12, scene 3." */
  summary: z.string(),
  /** The scene that says something new. */
  found: continuityEvidenceSchema,
  /** What it disagrees with. */
  against: continuityEvidenceSchema,
  status: z.enum(['open', 'resolved']),
  resolution: continuityResolutionSchema.nullable(),
  createdAt: timestampSchema,
  resolvedAt: timestampSchema.nullable(),
});
export type ContinuityIssue = z.infer<typeof continuityIssueSchema>;

/** A codex change the writer approves or declines; nothing changes in the codex before that. */
export const codexChangeProposalSchema = z.object({
  issueId: idSchema,
  entryId: idSchema,
  /** The profile field to set (created when missing). */
  field: z.string(),
  before: z.string().nullable(),
  after: z.string(),
});
export type CodexChangeProposal = z.infer<typeof codexChangeProposalSchema>;
