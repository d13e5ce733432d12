import type Database from 'better-sqlite3';
import type { PassageSourceType } from '../../../shared/models/memory';
import type { Chunk } from './chunking';

/** A chunk waiting for (or holding) its embedding. */
export interface StoredChunk {
  id: number;
  projectId: string;
  sourceType: PassageSourceType;
  sourceId: string;
  text: string;
  overlap: string;
  contentHash: string;
}

/** What a sync changed: chunks added (to embed) and removed (their vectors to drop). */
export interface SyncResult {
  added: number;
  removedIds: number[];
}

/**
 * Storage of indexed chunks (`memory_chunks`; its words follow by trigger into
 * `memory_chunk_fts`, migration 0010). Writes are keyed by the stable chunk key, so syncing a
 * source twice (a job killed and run again) leaves the same rows.
 */
export function createChunkRepo(sqlite: Database.Database) {
  const ofSource = sqlite.prepare<[string, string], { id: number; chunkKey: string; position: number; rangeFrom: number | null; rangeTo: number | null }>(
    'select id, chunk_key as chunkKey, position, range_from as rangeFrom, range_to as rangeTo from memory_chunks where source_type = ? and source_id = ?',
  );
  const insert = sqlite.prepare(
    `insert into memory_chunks (project_id, chunk_key, source_type, source_id, position, range_from, range_to, text, overlap, content_hash, embedded, updated_at)
     values (@projectId, @key, @sourceType, @sourceId, @position, @from, @to, @text, @overlap, @hash, 0, @now)
     on conflict(chunk_key) do nothing`,
  );
  const place = sqlite.prepare('update memory_chunks set position = ?, range_from = ?, range_to = ? where id = ?');
  const removeById = sqlite.prepare('delete from memory_chunks where id = ?');
  const markEmbedded = sqlite.prepare('update memory_chunks set embedded = 1 where id = ? and content_hash = ?');
  const check = sqlite.prepare<[number, string], number>('select 1 from memory_chunks where id = ? and content_hash = ?').pluck();

  const sync = sqlite.transaction(
    (projectId: string, sourceType: PassageSourceType, sourceId: string, chunks: readonly Chunk[], now: number, whole: boolean): SyncResult => {
      const existing = new Map(ofSource.all(sourceType, sourceId).map((row) => [row.chunkKey, row]));
      const removedIds: number[] = [];
      const wanted = new Set(chunks.map((chunk) => chunk.key));
      for (const [key, row] of existing) {
        if (!wanted.has(key)) {
          removeById.run(row.id);
          removedIds.push(row.id);
        }
      }
      let added = 0;
      for (const chunk of chunks) {
        const from = whole ? null : chunk.from;
        const to = whole ? null : chunk.to;
        const row = existing.get(chunk.key);
        if (row) {
          if (row.position !== chunk.position || row.rangeFrom !== from || row.rangeTo !== to) place.run(chunk.position, from, to, row.id);
          continue;
        }
        added += insert.run({ projectId, key: chunk.key, sourceType, sourceId, position: chunk.position, from, to, text: chunk.text, overlap: chunk.overlap, hash: chunk.hash, now }).changes;
      }
      return { added, removedIds };
    },
  );

  const removeSource = sqlite.transaction((sourceType: PassageSourceType, sourceIds: readonly string[]): number[] => {
    const ids: number[] = [];
    for (const sourceId of sourceIds) {
      for (const row of ofSource.all(sourceType, sourceId)) {
        removeById.run(row.id);
        ids.push(row.id);
      }
    }
    return ids;
  });

  return {
    /** Runs `work` in one transaction (one commit, one fsync, for a whole batch). */
    batch<T>(work: () => T): T {
      return sqlite.transaction(work).immediate();
    },
    /**
     * Makes a source's chunks equal `chunks`: unchanged keys keep their row (and vector), new
     * keys are added unembedded, keys no longer there are removed. `whole` stores no range (a
     * codex entry or memory is one passage).
     */
    sync: (projectId: string, sourceType: PassageSourceType, sourceId: string, chunks: readonly Chunk[], now: number, whole = false) =>
      sync.immediate(projectId, sourceType, sourceId, chunks, now, whole),
    /** Removes every chunk of these sources; returns their ids (the vectors to drop). */
    removeSources: (sourceType: PassageSourceType, sourceIds: readonly string[]) => removeSource.immediate(sourceType, sourceIds),
    /** Source ids of a type that have chunks in a project. */
    sourceIds(projectId: string, sourceType: PassageSourceType): string[] {
      return sqlite
        .prepare<[string, string], string>('select distinct source_id from memory_chunks where project_id = ? and source_type = ?')
        .pluck()
        .all(projectId, sourceType);
    },
    chunkIdsOfSource(sourceType: PassageSourceType, sourceId: string): number[] {
      return ofSource.all(sourceType, sourceId).map((row) => row.id);
    },
    /** The next chunks waiting for their embedding, oldest first. */
    pending(projectId: string, limit: number, afterId = 0): StoredChunk[] {
      return sqlite
        .prepare<[string, number, number], StoredChunk>(
          `select id, project_id as projectId, source_type as sourceType, source_id as sourceId, text, overlap, content_hash as contentHash
           from memory_chunks where project_id = ? and embedded = 0 and id > ? order by id limit ?`,
        )
        .all(projectId, afterId, limit);
    },
    /** How many chunks wait after `afterId` (the rest of an embedding pass). */
    pendingAfter(projectId: string, afterId: number): number {
      return (sqlite.prepare('select count(*) as n from memory_chunks where project_id = ? and embedded = 0 and id > ?').get(projectId, afterId) as { n: number }).n;
    },
    /**
     * Marks chunks embedded, only where the row still holds the text that was embedded; returns
     * the ids that still do (a chunk edited or removed meanwhile is left to the next run).
     */
    markEmbedded(chunks: ReadonlyArray<{ id: number; contentHash: string }>): Set<number> {
      const done = new Set<number>();
      for (const chunk of chunks) if (markEmbedded.run(chunk.id, chunk.contentHash).changes > 0) done.add(chunk.id);
      return done;
    },
    /** Whether each chunk still exists with this hash (checked before its vector is stored). */
    stillCurrent(chunks: ReadonlyArray<{ id: number; contentHash: string }>): Set<number> {
      return new Set(chunks.filter((chunk) => check.get(chunk.id, chunk.contentHash) !== undefined).map((chunk) => chunk.id));
    },
    /** Every chunk (of one project, or all) needs embedding again: the vectors are gone. */
    markAllPending(projectId?: string): void {
      if (projectId === undefined) sqlite.prepare('update memory_chunks set embedded = 0 where embedded = 1').run();
      else sqlite.prepare('update memory_chunks set embedded = 0 where project_id = ? and embedded = 1').run(projectId);
    },
    counts(projectId: string): { chunks: number; pending: number } {
      const row = sqlite
        .prepare<[string], { chunks: number; pending: number | null }>('select count(*) as chunks, sum(embedded = 0) as pending from memory_chunks where project_id = ?')
        .get(projectId);
      return { chunks: row?.chunks ?? 0, pending: row?.pending ?? 0 };
    },
    /** Projects whose chunks wait for embeddings. */
    projectsWithPending(): string[] {
      return sqlite.prepare<[], string>('select distinct project_id from memory_chunks where embedded = 0').pluck().all();
    },
    /** Projects that have chunks. */
    projectsWithChunks(): string[] {
      return sqlite.prepare<[], string>('select distinct project_id from memory_chunks').pluck().all();
    },
    remove(ids: readonly number[]): void {
      sqlite.transaction(() => ids.forEach((id) => removeById.run(id)))();
    },
  };
}

export type ChunkRepo = ReturnType<typeof createChunkRepo>;
