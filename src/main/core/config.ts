import type { Logger } from 'pino';
import type { AgentsConfig } from './agents';
import type { AiConfig } from './compose-ai';
import type { MediaConfig } from './compose-media';
import type { AppDatabase } from './db/connection';
import type { JobRunner } from './jobs';
import type { Clock, IdGenerator, Random, Timers } from './platform/clock';
import type { DataFolderLock } from './platform/data-folder-lock';
import type { SecretStore } from './platform/secrets';
import type { RunStarter } from './crew-routing';
import type { BackupOverrides, SyncEngineConfig } from './sync';
import type { EpisodicMemories } from './summaries';
import type { CrewParts } from './runs';
import type { PassageRetriever, PinnedMemorySource } from './writing-ai';

/** Everything the core needs from its shell. Nothing here is Electron-specific. */
export interface CoreConfig {
  /** The per-user data folder; the database lives at `<dataDir>/nova.db`. */
  dataDir: string;
  /**
   * The shell's lock on the data folder, taken before it wrote anything there (its log). When
   * absent the core takes the lock itself; either way `close()` releases it.
   */
  dataFolderLock?: DataFolderLock;
  /** Overrides the database file (':memory:' in unit tests). */
  dbFile?: string;
  /** Folder of drizzle-kit migrations (the packaged app keeps them in its resources). */
  migrationsFolder?: string;
  /** The app's version, reported by `app.info`. */
  version?: string;
  /** Which shell is hosting the core, reported by `app.info`. */
  transport?: 'electron' | 'websocket';
  logger?: Logger;
  /** Where BYOK keys live (OS keychain in the app, an encrypted file in the browser mode); in memory when absent. */
  secrets?: SecretStore;
  /** The fonts PDF exports embed (the packaged app's resources/fonts); the repository's when absent. */
  fontsFolder?: string;
  /** AI settings a shell or a test may change: prompt folder, models file, provider endpoints, retries. */
  ai?: Omit<AiConfig, 'dataDir' | 'secrets'>;
  /** The agent crew's shipped files (resources/agents, resources/policy.yaml) when not the repository's. */
  agents?: Omit<AgentsConfig, 'dataDir'>;
  clock?: Clock;
  ids?: IdGenerator;
  /** After a save, how long a scene stays untouched before its continuity check (ms; tests use 0). */
  continuityIdleMs?: number;
  /** Timers (job back-offs, debounces, progress throttling); real ones when absent. */
  timers?: Timers;
  /** Randomness (back-off jitter, the Yjs client ids of scene documents); Math.random when absent. */
  random?: Random;
  /**
   * Registers extra job kinds before the runner starts. Only tests and the test server use
   * it (a kind that writes rows, to kill mid-run); the app's own kinds are wired in createCore.
   */
  jobKinds?: (runner: JobRunner, deps: { database: AppDatabase }) => void;
  /** Replaces the memory domain's retriever (tests that control what chat and inline AI are given). */
  retriever?: PassageRetriever;
  /** Replaces the memory domain's pinned memories (tests). */
  pinnedMemories?: PinnedMemorySource;
  /** Replaces where the chat starts the runs it routes (tests that record what was started). */
  chatRuns?: RunStarter;
  /** Replaces where chat and scene summaries are written (tests). */
  episodicMemories?: EpisodicMemories;
  /** Quiet time before a chat or scene is summarised (ms; tests pass 0). */
  summaryIdleMs?: { chat?: number; scene?: number };
  /**
   * The module of the worker thread that measures big documents (default: beside the core's
   * code, see manuscript/text-worker.ts); null measures every document on the main thread.
   */
  textWorker?: URL | null;
  /** Memory indexing tuning: the wait after an edit before it is indexed (tests use 0), inputs per embedding call. */
  memory?: { indexDelayMs?: number; embedBatchSize?: number };
  /**
   * Parts of the agent crew given from outside (tests pass a deterministic executor and an
   * in-memory proposal sink); the composed ones are used for the rest.
   */
  crew?: Partial<CrewParts>;
  /** Media settings: the speech stand-in, the voice catalogue (tests point both at local servers). */
  media?: MediaConfig;
  /** Sync: the round interval, the debounce after a change, retries, Argon2id work (tests lower it), libsodium. */
  sync?: SyncEngineConfig;
  /** Backups: ports instead of the sync engine's session (tests and benchmarks use a test endpoint and keyring). */
  syncBackup?: BackupOverrides;
  /** Step retry tuning of agent runs (tests use short waits). */
  runs?: { retry?: { maxAttempts?: number; backoff?: { baseMs: number; maxMs: number } } };
}
