import { z } from 'zod';
import { emptySchema } from '../../models/common';
import {
  diffLineSchema,
  promptAuditEntrySchema,
  promptEditSchema,
  promptIdSchema,
  promptSummarySchema,
  promptVersionSchema,
} from '../../models/prompts';
import { method } from './method';

/** The prompts domain: the versioned prompt registry. */
export const promptsContract = {
  'prompts.list': method({ input: emptySchema, output: z.array(promptSummarySchema), doc: 'Every prompt with its active version.' }),
  'prompts.get': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive().optional() }).strict(),
    output: promptVersionSchema,
    doc: 'One version of a prompt (the active one by default).',
  }),
  'prompts.history': method({
    input: z.object({ id: promptIdSchema }).strict(),
    output: z.object({ versions: z.array(promptVersionSchema), audit: z.array(promptAuditEntrySchema) }),
    doc: 'All versions of a prompt and its audit trail.',
  }),
  'prompts.edit': method({ input: promptEditSchema, output: promptVersionSchema, doc: 'Saves an edit as a new version (refused for locked prompts).' }),
  'prompts.diff': method({
    input: z.object({ id: promptIdSchema, from: z.number().int().positive(), to: z.number().int().positive() }).strict(),
    output: z.array(diffLineSchema),
    doc: 'A line diff between two versions.',
  }),
  'prompts.pin': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive().nullable() }).strict(),
    output: promptSummarySchema,
    doc: 'Pins a version (null unpins: the latest is used).',
  }),
  'prompts.revert': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive() }).strict(),
    output: promptVersionSchema,
    doc: 'Makes an older version the newest again, as a new version.',
  }),
  'prompts.adoptUpdate': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive() }).strict(),
    output: promptSummarySchema,
    doc: 'Uses the newest shipped version instead of the writer’s edit or pin (the update the list offers).',
  }),
  'prompts.dismissUpdate': method({
    input: z.object({ id: promptIdSchema, version: z.number().int().positive() }).strict(),
    output: promptSummarySchema,
    doc: 'Keeps the version in use and stops offering this shipped version.',
  }),
} as const;
