/**
 * The vector side of memory search. SQLite (sqlite-vec `vec0`) is the source of truth; an
 * accelerating index may sit beside it, rebuilt from SQLite when missing or stale. Row ids are
 * the integer rowids of indexed chunks, so a delete removes a chunk's vector by the same key.
 */
export interface VectorSpace {
  /** The embedding model that made the vectors ("ollama:nomic-embed-text:latest"). */
  model: string;
  dimensions: number;
}

export interface VectorRow {
  id: number;
  projectId: string;
  vector: Float32Array;
}

export interface VectorHit {
  id: number;
  /** Cosine distance (0 = same direction, 2 = opposite). */
  distance: number;
}

export interface VectorStore {
  /** The space the stored vectors live in, or null before the first embedding. */
  space(): VectorSpace | null;
  /**
   * Makes `space` current. When it differs from the stored one every vector is dropped and
   * `{ changed: true }` is returned: the caller re-indexes (as a job).
   */
  useSpace(space: VectorSpace): { changed: boolean };
  /** Adds or replaces vectors (by id). Dimensions must match the current space. */
  upsert(rows: readonly VectorRow[]): void;
  delete(ids: readonly number[]): void;
  deleteProject(projectId: string): void;
  /** The `k` nearest vectors of one project, nearest first. */
  search(projectId: string, vector: Float32Array, k: number): Promise<VectorHit[]>;
  count(projectId?: string): number;
  /**
   * Resolves when every change so far reached the store's index (an accelerating index applies
   * them in a worker). Indexing awaits it after each batch so changes never pile up unbounded.
   */
  whenIdle?(): Promise<void>;
  close(): Promise<void>;
}
