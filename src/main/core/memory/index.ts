/**
 * The memory domain (issue 7): what the studio remembers about a book, the chunk index over
 * scenes, codex entries and memories (FTS5 words + vectors), its indexing jobs, and the one
 * retrieval API that search, chat, inline AI and agents take their context from.
 */
export { createMemory, INDEX_DELAY_MS, type Memory, type MemoryDeps } from './compose-memory';
export { createMemoryService, type MemoryService, type MemoryCreate, type MemoryUpdate } from './memory.service';
export { createMemoryHandlers, type MemoryMethods } from './handlers';
export { createRetriever, passageLabel, type RetrieverDeps } from './retriever';
export type { Retriever } from './retrieval.types';
export type { MemoryFilter } from './memory.repo';
export {
  MEMORY_INDEX_JOB,
  MEMORY_REINDEX_JOB,
  memoryIndexPayloadSchema,
  memoryReindexPayloadSchema,
  type MemoryIndexPayload,
  type MemoryReindexPayload,
  type IndexTarget,
} from './index-jobs';
export { NO_MODEL_NOTICE, REBUILDING_NOTICE, type EmbedCall } from './embedder';
export { chunkText, DEFAULT_CHUNKING, type Chunk, type ChunkingOptions } from './chunking';
export { createExactVectorStore } from './vector-store/exact-vector-store';
export { createAnnVectorStore, defaultAnnWorkerUrl, EXACT_BELOW, DEFAULT_ANN_SETTINGS } from './vector-store/ann-vector-store';
export type { AnnVectorStore, AnnVectorStoreOptions, AnnIndexStatus, AnnMode } from './vector-store/ann-vector-store.types';
export type { VectorStore, VectorSpace, VectorRow, VectorHit } from './vector-store/vector-store.types';
