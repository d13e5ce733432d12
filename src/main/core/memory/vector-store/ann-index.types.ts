/**
 * The messages between the vector store and its ANN worker (ann-index.worker.ts), which owns
 * one usearch HNSW index per project so that building and adding never run on the core's
 * event loop. The worker answers requests one at a time, in the order they were sent: a search
 * sent after an add sees the added vectors.
 */

/** How an index is built; recorded beside it so a change of settings forces a rebuild. */
export interface AnnSettings {
  dimensions: number;
  /** Scalar type of the HNSW copy of the vectors (the floats stay in SQLite). */
  quantization: 'i8' | 'f16' | 'f32';
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
}

/** What an index file reflects, written beside it (`<file>.json`) after every save. */
export interface AnnIndexMeta {
  format: number;
  model: string;
  settings: AnnSettings;
  /** The project's generation in `memory_vector_index_state` when the index was saved. */
  generation: number;
  count: number;
  /** SHA-1 of the index file: a torn or damaged file is rebuilt instead of loaded. */
  sha1: string;
}

export type AnnRequest =
  /** Loads the index at `file` if its meta matches `expect`; otherwise answers `{ loaded: false }`. */
  | { op: 'load'; project: string; file: string; expect: Omit<AnnIndexMeta, 'sha1'> }
  /** Starts an empty index for a project (replacing any in memory): the first step of a build. */
  | { op: 'create'; project: string; settings: AnnSettings }
  /** Adds or replaces vectors: `vectors` holds `keys.length` rows back to back. */
  | { op: 'add'; project: string; keys: Float64Array; vectors: Float32Array }
  | { op: 'remove'; project: string; keys: Float64Array }
  | { op: 'search'; project: string; vector: Float32Array; k: number }
  /** Writes the index and its meta (atomically, through temporary files and renames). */
  | { op: 'save'; project: string; file: string; meta: Omit<AnnIndexMeta, 'sha1' | 'count'> }
  /** Forgets a project's index and deletes its files. */
  | { op: 'drop'; project: string; file: string }
  /** Answers once every earlier request is done. */
  | { op: 'sync' }
  /** Forgets every index and deletes every file in `dir`. */
  | { op: 'drop-all'; dir: string };

export type AnnReplyValue =
  | { loaded: boolean; reason?: string }
  | { keys: number[]; distances: number[] }
  | { count: number }
  | null;

export type AnnReply = { id: number; ok: true; value: AnnReplyValue } | { id: number; ok: false; error: string };

export type AnnEnvelope = AnnRequest & { id: number };

/** Bumped when the file layout or the meta's meaning changes: older files are rebuilt. */
export const ANN_FORMAT = 1;
