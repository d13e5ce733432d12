import { z } from 'zod';
import { idSchema } from '../../models/common';
import { codexChangeProposalSchema, continuityIssueSchema, continuityResolutionSchema } from '../../models/continuity';
import { jobSchema } from '../../models/jobs';
import { method } from './method';

export const continuityListSchema = z
  .object({
    projectId: idSchema,
    /** Open issues (the panel), resolved ones (its history), or both. */
    status: z.enum(['open', 'resolved', 'all']).default('open'),
  })
  .strict();

export const continuityCheckSchema = z
  .object({
    projectId: idSchema,
    /** One scene; without it, the whole book. */
    sceneId: idSchema.optional(),
  })
  .strict();

export const continuityResolveSchema = z
  .object({
    issueId: idSchema,
    resolution: continuityResolutionSchema,
    /** With `codex-updated`: the proposal the writer approved, exactly as shown. */
    proposal: codexChangeProposalSchema.optional(),
  })
  .strict();

/** Continuity checks: contradictions between scenes and the codex, and their resolutions. */
export const continuityContract = {
  'continuity.list': method({ input: continuityListSchema, output: z.array(continuityIssueSchema), doc: 'Continuity issues of a project, newest first.' }),
  'continuity.check': method({ input: continuityCheckSchema, output: jobSchema, doc: 'Checks a scene or the whole book for contradictions, as a job.' }),
  'continuity.proposeCodexChange': method({
    input: z.object({ issueId: idSchema }).strict(),
    output: codexChangeProposalSchema,
    doc: 'The codex change that would settle an issue (before/after), for the writer to approve; changes nothing.',
  }),
  'continuity.resolve': method({
    input: continuityResolveSchema,
    output: continuityIssueSchema,
    doc: 'Resolves an issue: intended (never flagged again), codex-updated (applies the approved proposal) or fixed-text (checks the scene again).',
  }),
} as const;
