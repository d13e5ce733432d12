import { z } from 'zod';
import { idSchema, Limits, textSchema, timestampSchema } from './common';

/**
 * What the studio remembers about a book (seeds 000 and 004). `core`: standing facts and the
 * writer's preferences; `episodic`: summaries of what happened (scenes, chats, agent runs);
 * `associative`: links between entities ("Mara — sister of — Tomas").
 */
export const MemoryKind = { core: 'core', episodic: 'episodic', associative: 'associative' } as const;
export type MemoryKind = (typeof MemoryKind)[keyof typeof MemoryKind];
export const memoryKindSchema = z.enum(Object.values(MemoryKind) as [MemoryKind, ...MemoryKind[]]);

/** A typed marker `type:value` (`character:Mara`, `chapter:12`, `theme:grief`). */
export const markerSchema = textSchema()
  .trim()
  .max(160)
  .regex(/^[a-z][a-z0-9_-]{0,31}:\S.*$/u, 'A marker is type:value, like character:Mara or theme:grief.');
export const markersSchema = z.array(markerSchema).max(50, 'At most 50 markers.');

/** Which agents may read a memory: `*` for all, else agent ids from the crew registry. */
export const agentScopeSchema = z.array(z.string().trim().min(1).max(64)).min(1).max(50);

export const MemorySourceType = { scene: 'scene', codex: 'codex', chat: 'chat', run: 'run', writer: 'writer' } as const;
export type MemorySourceType = (typeof MemorySourceType)[keyof typeof MemorySourceType];
export const memorySourceTypeSchema = z.enum(Object.values(MemorySourceType) as [MemorySourceType, ...MemorySourceType[]]);

/** Where a memory came from: the scene/codex entry/chat/run id and, for text, the character range. */
export const memorySourceSchema = z.object({
  type: memorySourceTypeSchema,
  id: idSchema.nullable(),
  range: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).nullable(),
});
export type MemorySource = z.infer<typeof memorySourceSchema>;

export const memoryContentSchema = textSchema().trim().min(1, 'A memory cannot be empty.').max(Limits.shortText * 5);

export const memoryEntrySchema = z.object({
  id: idSchema,
  projectId: idSchema,
  kind: memoryKindSchema,
  content: z.string(),
  markers: z.array(z.string()),
  agentScope: z.array(z.string()),
  source: memorySourceSchema,
  /** 1 when made; +1 on every edit (the earlier versions are kept, see `memory.history`). */
  version: z.number().int().positive(),
  pinned: z.boolean(),
  archived: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type MemoryEntry = z.infer<typeof memoryEntrySchema>;

export const memoryVersionSchema = z.object({
  version: z.number().int().positive(),
  content: z.string(),
  markers: z.array(z.string()),
  editedAt: timestampSchema,
});
export type MemoryVersion = z.infer<typeof memoryVersionSchema>;

/** Which passages a search may return: scene chunks, codex entries, memory entries. */
export const PassageSourceType = { scene: 'scene', codex: 'codex', memory: 'memory' } as const;
export type PassageSourceType = (typeof PassageSourceType)[keyof typeof PassageSourceType];
export const passageSourceTypeSchema = z.enum(Object.values(PassageSourceType) as [PassageSourceType, ...PassageSourceType[]]);

export const SearchMode = { hybrid: 'hybrid', text: 'text', meaning: 'meaning' } as const;
export type SearchMode = (typeof SearchMode)[keyof typeof SearchMode];
export const searchModeSchema = z.enum(Object.values(SearchMode) as [SearchMode, ...SearchMode[]]);

export const retrievalQuerySchema = z
  .object({
    projectId: idSchema,
    query: textSchema().trim().min(1, 'Type something to search for.').max(Limits.query),
    mode: searchModeSchema.default('hybrid'),
    limit: z.number().int().min(1).max(100).default(20),
    sources: z.array(passageSourceTypeSchema).max(3).optional(),
    kinds: z.array(memoryKindSchema).max(3).optional(),
    /** Every marker must be present (AND). */
    markers: markersSchema.optional(),
    /** Only memories this agent may read (`*`-scoped ones included). */
    agent: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type RetrievalQuery = z.input<typeof retrievalQuerySchema>;

/** One passage a search found, with where it lives so the UI can link to it. */
export const passageSchema = z.object({
  /** Stable id of the indexed chunk. */
  chunkId: z.string(),
  source: z.object({
    type: passageSourceTypeSchema,
    /** Scene, codex entry or memory id. */
    id: idSchema,
    /** Human label: "Chapter 12 · The Harbour", "Codex · Mara", "Memory". */
    label: z.string(),
    chapterId: idSchema.nullable(),
    range: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).nullable(),
  }),
  text: z.string(),
  /** Fused score (higher is better). */
  score: z.number(),
  /** Which retrievers found it. */
  matchedBy: z.array(z.enum(['text', 'meaning'])),
});
export type Passage = z.infer<typeof passageSchema>;

/** Whether meaning search is available, and if not why (the UI says how to enable it). */
export const MeaningStatus = {
  ready: 'ready',
  /** No embedding model answers the `embed` route: search is full-text only. */
  noModel: 'no-model',
  /** The embedding model or its dimension changed; a re-index job is running. */
  rebuilding: 'rebuilding',
  /** Nothing indexed yet in this project. */
  notIndexed: 'not-indexed',
} as const;
export type MeaningStatus = (typeof MeaningStatus)[keyof typeof MeaningStatus];
export const meaningStatusSchema = z.enum(Object.values(MeaningStatus) as [MeaningStatus, ...MeaningStatus[]]);

export const retrievalResultSchema = z.object({
  passages: z.array(passageSchema),
  meaning: meaningStatusSchema,
  /** What the writer should know ("Meaning search is off: install nomic-embed-text…"). */
  notice: z.string().nullable(),
});
export type RetrievalResult = z.infer<typeof retrievalResultSchema>;
