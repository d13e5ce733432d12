import { z } from 'zod';
import { idSchema, okSchema } from '../../models/common';
import { jobSchema } from '../../models/jobs';
import {
  agentScopeSchema,
  markersSchema,
  memoryContentSchema,
  memoryEntrySchema,
  memoryKindSchema,
  memorySourceTypeSchema,
  memoryVersionSchema,
  meaningStatusSchema,
  retrievalQuerySchema,
  retrievalResultSchema,
} from '../../models/memory';
import { byId, byProject, method } from './method';

export const memoryListQuerySchema = z
  .object({
    projectId: idSchema,
    kinds: z.array(memoryKindSchema).max(3).optional(),
    /** Every marker must be present. */
    markers: markersSchema.optional(),
    /** Memories this agent may read (`*`-scoped included). */
    agent: z.string().trim().min(1).max(64).optional(),
    sourceTypes: z.array(memorySourceTypeSchema).max(5).optional(),
    includeArchived: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const memoryCreateSchema = z
  .object({
    projectId: idSchema,
    kind: memoryKindSchema,
    content: memoryContentSchema,
    markers: markersSchema.default([]),
    agentScope: agentScopeSchema.default(['*']),
  })
  .strict();

export const memoryUpdateSchema = z
  .object({
    id: idSchema,
    /** The version the writer edited; a newer one in the database is a conflict. */
    version: z.number().int().positive(),
    content: memoryContentSchema.optional(),
    markers: markersSchema.optional(),
    agentScope: agentScopeSchema.optional(),
  })
  .strict();

export const indexStatusSchema = z.object({
  projectId: idSchema,
  meaning: meaningStatusSchema,
  /** "nomic-embed-text:latest · 768 dimensions", or null with no model. */
  embeddingModel: z.string().nullable(),
  chunks: z.number().int().nonnegative(),
  /** Chunks that still wait for their embedding. */
  pendingChunks: z.number().int().nonnegative(),
  /** The running indexing job, for the progress bar. */
  job: jobSchema.nullable(),
  notice: z.string().nullable(),
});

/** The memory domain: what the studio remembers, indexing, and one retrieval API. */
export const memoryContract = {
  'memory.list': method({ input: memoryListQuerySchema, output: z.array(memoryEntrySchema), doc: 'Memories of a project, filtered; pinned first, then newest.' }),
  'memory.create': method({ input: memoryCreateSchema, output: memoryEntrySchema, doc: 'The writer adds a memory (core facts and preferences usually).' }),
  'memory.update': method({ input: memoryUpdateSchema, output: memoryEntrySchema, doc: 'Edits a memory; the previous text is kept as a version.' }),
  'memory.history': method({ input: byId, output: z.array(memoryVersionSchema), doc: 'Earlier versions of a memory, newest first.' }),
  'memory.setPinned': method({ input: z.object({ id: idSchema, pinned: z.boolean() }).strict(), output: memoryEntrySchema, doc: 'Pins a memory (always in the AI context) or unpins it.' }),
  'memory.setArchived': method({ input: z.object({ id: idSchema, archived: z.boolean() }).strict(), output: memoryEntrySchema, doc: 'Archives a memory (kept, never retrieved) or brings it back.' }),
  'memory.delete': method({ input: byId, output: okSchema, doc: 'Deletes a memory for good: its row, versions, vectors and full-text rows.' }),
  'memory.search': method({ input: retrievalQuerySchema, output: retrievalResultSchema, doc: 'Hybrid retrieval: full-text + meaning + filters, fused, with sources.' }),
  'memory.indexStatus': method({ input: byProject, output: indexStatusSchema, doc: 'How far a project is indexed and whether meaning search is on.' }),
  'memory.reindex': method({ input: byProject, output: jobSchema, doc: 'Indexes a project again from scratch, as a job.' }),
} as const;
