import type { PassageSourceType } from '../../../shared/models/memory';
import type { Clock } from '../platform/clock';
import type { ChunkRepo, StoredChunk } from './chunk.repo';
import { chunkText, embeddingInput, wholeChunk, type Chunk } from './chunking';
import type { Embedder } from './embedder';
import type { IndexSources, SourceText } from './index-sources';
import type { VectorStore } from './vector-store/vector-store.types';

/** Codex entries and memories longer than this are chunked like scenes. */
const WHOLE_ENTRY_CHARS = 1_800;

export interface IndexerDeps {
  chunks: ChunkRepo;
  sources: IndexSources;
  embedder: Embedder;
  vectors: VectorStore;
  clock: Clock;
  /** The vectors of every project were dropped (a new model or dimension): re-index the others. */
  onSpaceChanged(projectIds: string[]): void;
  /** Inputs per embedding call. */
  batchSize?: number;
}

export interface EmbedProgress {
  done: number;
  total: number;
}

/** How an embedding pass ended. */
export type EmbedResult = { embedded: number; meaning: 'ready' } | { embedded: number; meaning: 'no-model'; reason: string };

/** How long one slice of a project sync may hold the event loop (ms). */
const SYNC_SLICE_MS = 8;

/** Yields to the event loop between sources, so indexing a large book never stalls the core. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps the chunk index in step with the sources and embeds what waits. Every step is keyed by
 * stable chunk keys and content hashes, so running it twice (a job killed and resumed) gives
 * the same rows, and an edit re-embeds only the chunks whose text changed.
 */
export function createIndexer(deps: IndexerDeps) {
  const { chunks, sources, embedder, vectors, clock } = deps;
  const batchSize = deps.batchSize ?? 32;

  const chunksOf = (type: PassageSourceType, source: SourceText): { list: Chunk[]; whole: boolean } => {
    const key = `${type}:${source.id}`;
    if (type !== 'scene' && source.text.length <= WHOLE_ENTRY_CHARS) return { list: source.text.trim() ? [wholeChunk(key, source.text)] : [], whole: true };
    return { list: chunkText(key, source.text), whole: false };
  };

  /** Syncs one source's chunks; returns how many were added. Vectors of removed chunks go too. */
  const syncSource = (type: PassageSourceType, source: SourceText): number => {
    const { list, whole } = chunksOf(type, source);
    const { added, removedIds } = chunks.sync(source.projectId, type, source.id, list, clock.now(), whole);
    if (removedIds.length > 0) vectors.delete(removedIds);
    return added;
  };

  const forgetSources = (type: PassageSourceType, ids: readonly string[]) => {
    if (ids.length === 0) return;
    const removed = chunks.removeSources(type, ids);
    if (removed.length > 0) vectors.delete(removed);
  };

  /** Chunks of sources no longer there (deleted for good) leave with their vectors. */
  const collectGone = (projectId: string) => {
    const scenes = sources.existingSceneIds(projectId);
    const codex = sources.existingCodexIds(projectId);
    const memories = new Set(sources.memories(projectId).map((m) => m.id));
    forgetSources('scene', chunks.sourceIds(projectId, 'scene').filter((id) => !scenes.has(id)));
    forgetSources('codex', chunks.sourceIds(projectId, 'codex').filter((id) => !codex.has(id)));
    forgetSources('memory', chunks.sourceIds(projectId, 'memory').filter((id) => !memories.has(id)));
  };

  const storeVectors = (batch: readonly StoredChunk[], vectorsOf: readonly Float32Array[]): number =>
    chunks.batch(() => {
      // Only chunks that still hold the text that was embedded: one edited meanwhile waits for the next pass.
      const current = chunks.stillCurrent(batch);
      const rows = batch.flatMap((chunk, i) => {
        const vector = vectorsOf[i];
        return current.has(chunk.id) && vector ? [{ id: chunk.id, projectId: chunk.projectId, vector }] : [];
      });
      vectors.upsert(rows);
      return chunks.markEmbedded(batch.filter((chunk) => current.has(chunk.id))).size;
    });

  /** Makes the answering model's space current; true when that dropped every vector. */
  const adoptSpace = (projectId: string, space: { model: string; dimensions: number }): boolean => {
    const stored = vectors.space();
    if (stored && stored.model === space.model && stored.dimensions === space.dimensions) return false;
    const { changed } = vectors.useSpace(space);
    if (!changed) return false;
    chunks.markAllPending();
    deps.onSpaceChanged(chunks.projectsWithChunks().filter((id) => id !== projectId));
    return true;
  };

  return {
    /** Re-chunks one scene (a save). Returns how many chunks were added. */
    syncScene(sceneId: string): number {
      const scene = sources.scene(sceneId);
      if (!scene) {
        forgetSources('scene', [sceneId]);
        return 0;
      }
      return syncSource('scene', scene);
    },
    /** Re-chunks a project's codex entries. */
    syncCodex(projectId: string): number {
      let added = 0;
      for (const entry of sources.codex(projectId)) added += syncSource('codex', entry);
      const live = new Set(sources.codex(projectId).map((entry) => entry.id));
      forgetSources('codex', chunks.sourceIds(projectId, 'codex').filter((id) => !live.has(id)));
      return added;
    },
    /** Re-chunks one memory entry (in the caller's transaction: its words are searchable at once). */
    syncMemory(memoryId: string): number {
      const memory = sources.memory(memoryId);
      if (!memory) {
        forgetSources('memory', [memoryId]);
        return 0;
      }
      return syncSource('memory', memory);
    },
    /** Re-chunks every source of a project and drops chunks of sources deleted for good. */
    async syncProject(projectId: string, signal: AbortSignal): Promise<number> {
      let added = 0;
      const scenes = sources.scenes(projectId);
      // Scenes are written a group per transaction: each commit is an fsync, so one per scene would
      // dominate; a group is cut after a few milliseconds so the event loop is never held long.
      for (let next = 0; next < scenes.length; ) {
        signal.throwIfAborted();
        const started = performance.now();
        added += chunks.batch(() => {
          let groupAdded = 0;
          while (next < scenes.length && performance.now() - started < SYNC_SLICE_MS) {
            const scene = scenes[next];
            next += 1;
            if (scene) groupAdded += syncSource('scene', scene);
          }
          return groupAdded;
        });
        await yieldToLoop();
      }
      added += chunks.batch(() => {
        let rest = 0;
        for (const entry of sources.codex(projectId)) rest += syncSource('codex', entry);
        for (const memory of sources.memories(projectId)) rest += syncSource('memory', memory);
        return rest;
      });
      collectGone(projectId);
      return added;
    },
    forgetSources,
    /** Drops a project's vectors and marks its chunks waiting (a rebuild from scratch). */
    dropVectors(projectId: string): void {
      vectors.deleteProject(projectId);
      chunks.markAllPending(projectId);
    },
    /** The project is gone for good: its vectors go (its rows cascade). */
    forgetProject(projectId: string): void {
      vectors.deleteProject(projectId);
    },
    /**
     * Embeds the project's waiting chunks in batches, reporting progress; stops at `signal`.
     * With no embedding model the chunks stay waiting (full-text search still finds them).
     */
    async embedPending(projectId: string, signal: AbortSignal, onProgress: (progress: EmbedProgress) => void): Promise<EmbedResult> {
      let done = 0;
      let afterId = 0;
      let total: number = chunks.counts(projectId).pending;
      onProgress({ done, total });
      for (;;) {
        signal.throwIfAborted();
        const batch = chunks.pending(projectId, batchSize, afterId);
        if (batch.length === 0) return { embedded: done, meaning: 'ready' };
        const outcome = await embedder.embed(batch.map(embeddingInput), signal);
        if (!outcome.ok) return { embedded: done, meaning: 'no-model', reason: outcome.reason };
        signal.throwIfAborted();
        if (adoptSpace(projectId, outcome.space) && done > 0) {
          // The space changed under this pass: what it embedded before is gone too; start over.
          afterId = 0;
          done = 0;
        }
        done += storeVectors(batch, outcome.vectors);
        await vectors.whenIdle?.();
        afterId = batch.at(-1)?.id ?? afterId;
        total = done + chunks.pendingAfter(projectId, afterId);
        onProgress({ done, total });
      }
    },
  };
}

export type Indexer = ReturnType<typeof createIndexer>;
