import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { AnnSettings } from './ann-index.types';
import type { VectorStore } from './vector-store.types';

export interface AnnVectorStoreOptions {
  sqlite: Database.Database;
  /** Where index files live: `memory-index/` in the data folder. */
  dir: string;
  logger: Logger;
  /** Starts the ANN worker (`startModuleWorker(defaultAnnWorkerUrl())`); null keeps every search exact. */
  startWorker: (() => Worker) | null;
  exactBelow?: number;
  settings?: Partial<Omit<AnnSettings, 'dimensions'>>;
  /** HNSW candidates fetched per wanted result, then re-ranked with the float vectors. */
  oversample?: number;
  /** Idle time after a change before a changed index is saved. */
  saveAfterMs?: number;
}

/** How a project's searches are answered at the moment. */
export type AnnMode = 'exact' | 'loading' | 'building' | 'ann';

export interface AnnIndexStatus {
  mode: AnnMode;
  /** Why the index was rebuilt from SQLite ("missing", "stale", "corrupt", …), if it was. */
  rebuiltBecause?: string;
}

/** The {@link VectorStore} plus what its owner and the tests need to see of the index. */
export interface AnnVectorStore extends VectorStore {
  status(projectId: string): AnnIndexStatus;
  /** Opens (loads or rebuilds) a project's index now instead of on its first search. */
  prepare(projectId: string): Promise<void>;
  /**
   * Resolves when every index being loaded or built is ready and every change reached it. An
   * indexing job awaits it every few batches, so changes do not pile up in the worker's queue.
   */
  whenIdle(): Promise<void>;
  /** Saves every changed index now. */
  flush(): Promise<void>;
}
