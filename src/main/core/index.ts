import path from 'node:path';
import type { Logger } from 'pino';
import type { AppInfo } from '../../shared/models/app';
import { composeAgents, type AgentsServices } from './agents';
import { createAppInfoHandlers } from './app-info';
import { createAuditHandlers, createAuditLog, type AuditLog } from './audit';
import { createIntentRouter } from './crew-routing';
import { createPlaybookHandlers, createPlaybookRepo, createPlaybookService, loadShippedPlaybooks } from './playbooks';
import { createCodexHandlers, createCodexRepo, createCodexService } from './codex';
import { composeContinuity, createMemoryLinks } from './continuity';
import { composeAi } from './compose-ai';
import { composeMedia, type MediaSurface } from './compose-media';
import { composeSync } from './compose-sync';
import { createMemorySecretStore } from './platform/secrets';
import type { CoreConfig } from './config';
import { openDatabase } from './db/connection';
import { createEventBus, type EventBus } from './events';
import { createExportHandlers, createExportService } from './export';
import type { Handlers } from './handlers';
import { createJobRunner, createJobsHandlers, type JobRunner } from './jobs';
import { withKeyEventLogs } from './key-events';
import {
  createChapterRepo,
  createManuscriptHandlers,
  createManuscriptService,
  createSceneIndex,
  createSceneRepo,
  createTextWorker,
  defaultTextWorkerUrl,
  recountWordsIfStale,
  type ManuscriptService,
} from './manuscript';
import { startModuleWorker } from './platform/module-worker';
import { mathRandom, randomIds, systemClock, systemTimers } from './platform/clock';
import { acquireDataFolderLock } from './platform/data-folder-lock';
import { createLogger } from './platform/logger';
import { ensurePrivateFile, securePrivateFolder } from './platform/private-files';
import { createAnnVectorStore, createMemory, defaultAnnWorkerUrl, type Memory } from './memory';
import { createPrefsHandlers, createPrefsService } from './prefs';
import { composeRuns, continuityStepOver, createRunBook, type RunService } from './runs';
import { createProjectHandlers, createProjectRepo, createProjectService, type ProjectService } from './projects';
import { createProposalHandlers, createProposalService, type ProposalService } from './proposals';
import { createSearchHandlers, createSearchService } from './search';
import { createSnapshotHandlers, createSnapshotRepo, createSnapshotService } from './snapshots';
import { createStatsHandlers, createWritingSessionService } from './stats';
import { applyPendingRestore, createSceneDocs, createSyncChanges, type BackupService, type SceneDocs, type SyncChanges, type SyncEngine } from './sync';
import { createTrashHandlers, createTrashRepo, createTrashService } from './trash';
import { episodicFromMemory } from './summaries';
import { pinnedFromMemory } from './writing-ai';

export type { CoreConfig } from './config';
export type { Handlers, CallContext } from './handlers';
export type { EventBus } from './events';
export { MEDIA_URL_PREFIX } from './media';
export { DataFolderInUseError, describeLockHolder, acquireDataFolderLock, type DataFolderLock } from './platform/data-folder-lock';

/** The headless core: every service, reachable through `handlers`, with push `events`. */
export interface Core {
  handlers: Handlers;
  events: EventBus;
  logger: Logger;
  info: { dataDir: string; dbFile: string };
  /** The media files' signed URLs and their server, for the shells (`/media-files/…`). */
  media: MediaSurface;
  /** Direct access for benchmarks and tests that measure without a transport. */
  services: {
    projects: ProjectService;
    manuscript: ManuscriptService;
    ai: ReturnType<typeof composeAi>['services'];
    jobs: JobRunner;
    memory: Memory;
    /** The proposals inbox; its `propose` is the engine's ProposalSink. */
    proposals: ProposalService;
    /** The agent audit log the router, the engine and the proposals write. */
    audit: AuditLog;
    /** The agent crew: registry, step executor and content policy (for the run engine and the proposals). */
    agents: AgentsServices;
    /** Agent runs: start, list, the run view, recovery. */
    runs: RunService;
    /** Captured changes as record states, and remote states merged in (the sync layer's local side). */
    syncChanges: SyncChanges;
    /** Scene text as Yjs documents: the state, remote updates, the update log, compaction. */
    sceneDocs: SceneDocs;
    /** The sync engine: session, keys, rounds, status (the backup part reaches the server through it). */
    sync: SyncEngine;
    /** Encrypted backups and restores (null for an in-memory database). */
    backups: BackupService | null;
  };
  /**
   * A transport's connection (see {@link CallContext.connectionId}) went away. What it started
   * stops: at once when it cannot come back (a closed or reloaded window), after a grace when it
   * may (a browser page whose socket dropped reconnects and claims its streams).
   */
  connectionClosed(connectionId: string, options: { mayReconnect: boolean }): void;
  /**
   * Closes the database and releases the data folder. Running jobs are aborted, not awaited:
   * they stay `running` in the table and resume (idempotently) at the next start.
   */
  close(): void;
}

export const DB_FILE_NAME = 'nova.db';
/** The memory's vector indexes, beside the database (derived data: safe to delete). */
export const MEMORY_INDEX_FOLDER = 'memory-index';

/**
 * The composition root: takes the data folder (one core per folder, see
 * {@link acquireDataFolderLock}; throws {@link DataFolderInUseError} naming the owner), opens the
 * database and builds every service from the config. Runs under plain Node (tests, benchmarks,
 * the browser mode) and inside Electron alike.
 */
export function createCore(config: CoreConfig): Core {
  const lock =
    config.dataFolderLock ??
    (config.dbFile === ':memory:' ? null : acquireDataFolderLock({ dataDir: config.dataDir, mode: config.transport === 'electron' ? 'desktop app' : 'browser mode' }));
  try {
    return buildCore(config, () => lock?.release());
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function buildCore(config: CoreConfig, releaseFolder: () => void): Core {
  const logger = config.logger ?? createLogger();
  const clock = config.clock ?? systemClock;
  const ids = config.ids ?? randomIds;
  const dbFile = config.dbFile ?? path.join(config.dataDir, DB_FILE_NAME);
  if (dbFile !== ':memory:') {
    securePrivateFolder(config.dataDir);
    // Created private before SQLite opens it: SQLite gives its WAL and shared-memory files the database's mode.
    ensurePrivateFile(dbFile);
    // An in-place restore of a backup is swapped in here, before the database opens (sync/backup).
    const restored = dbFile === path.join(config.dataDir, DB_FILE_NAME) ? applyPendingRestore(config.dataDir) : null;
    if (restored) logger.info({ backupId: restored.backupId, snapshot: restored.snapshot }, 'restored a backup in place');
  }
  const database = openDatabase({ file: dbFile, ...(config.migrationsFolder !== undefined && { migrationsFolder: config.migrationsFolder }) });
  const recounted = recountWordsIfStale(database, clock.now());
  if (recounted > 0) logger.info({ scenes: recounted }, 'word counts updated to the current counter');
  const events = createEventBus((error) => logger.error({ err: error }, 'event listener failed'));
  // Before any service writes: from here on every change of a synced table is captured.
  const syncChanges = createSyncChanges({ database, clock, ids, events });
  // Created early so every domain can register its kinds; started once they all have.
  const jobs = createJobRunner({ database, events, clock, ids, logger, timers: config.timers ?? systemTimers, random: config.random ?? mathRandom });

  const projects = createProjectRepo(database.orm);
  const chapters = createChapterRepo(database.orm);
  const sceneIndex = createSceneIndex(database.sqlite);
  const scenes = createSceneRepo(database, sceneIndex);
  const base = { database, events, clock, ids };

  const sessions = createWritingSessionService({ database, projects, clock });
  const workerUrl = config.textWorker === undefined ? defaultTextWorkerUrl() : config.textWorker;
  const textWorker = createTextWorker({ start: workerUrl === null ? null : () => startModuleWorker(workerUrl), logger });
  const sceneDocs = createSceneDocs({ ...base, scenes, random: config.random ?? mathRandom });
  const manuscript = createManuscriptService({ ...base, projects, chapters, scenes, sessions, sceneText: sceneDocs, measure: (content) => textWorker.measure(content) });
  const projectService = createProjectService({ ...base, projects, manuscript });
  const codexEntries = createCodexRepo(database.orm);
  const codex = createCodexService({ ...base, projects, codex: codexEntries });
  const snapshots = createSnapshotService({ ...base, projects, chapters, scenes, snapshots: createSnapshotRepo(database.orm) });
  const trash = createTrashService({
    ...base,
    projects,
    chapters,
    scenes,
    codex: codexEntries,
    sceneIndex,
    trash: createTrashRepo(database.orm),
    // The memory index forgets what the trash deletes for good (memory is built below; purges come later).
    forget: { sources: (type, ids) => memory.forget.sources(type, ids), project: (projectId) => memory.forget.project(projectId) },
  });
  const search = createSearchService({ projects, index: sceneIndex });
  const prefs = createPrefsService({ database, clock });
  const exporter = createExportService({
    loadManuscript: (projectId, chapterIds) => manuscript.readManuscript(projectId, chapterIds),
    clock,
    ...(config.fontsFolder !== undefined && { fontsFolder: config.fontsFolder }),
  });

  const secrets = config.secrets ?? createMemorySecretStore();
  const ai = composeAi(
    { dataDir: config.dataDir, secrets, ...config.ai },
    {
      database,
      events,
      clock,
      ids,
      logger,
      projects,
      manuscript,
      codex,
      // Memory is built below (it embeds through the AI's llm service): these reach it when called.
      retriever: config.retriever ?? { retrieve: (query, options) => memory.retriever.retrieve(query, options) },
      memories: config.pinnedMemories ?? pinnedFromMemory((filter) => memory.service.list(filter)),
      jobs,
      episodic:
        config.episodicMemories ??
        episodicFromMemory({
          list: (filter) => memory.service.list(filter),
          create: (input) => memory.service.create(input),
          update: (input) => memory.service.update(input),
        }),
      ...(config.summaryIdleMs && { summaryIdleMs: config.summaryIdleMs }),
      // The router and the runs are built below (the router classifies through the AI's prompts and llm service).
      crew: {
        router: { route: (request) => router.route(request), explicit: (request) => router.explicit(request) },
        runs: { start: (input) => (config.chatRuns ?? runs.service).start(input) },
        onRouteFailed: (error) => logger.warn({ err: error }, 'routing a chat message failed; answered as plain chat'),
      },
    },
  );


  // sqlite-vec holds the vectors (the truth); an HNSW index per project beside the database, in a
  // worker thread, answers large projects' searches and is rebuilt from SQLite when missing or stale.
  const vectors = createAnnVectorStore({
    sqlite: database.sqlite,
    dir: path.join(config.dataDir, MEMORY_INDEX_FOLDER),
    logger,
    startWorker: config.textWorker === null ? null : () => startModuleWorker(defaultAnnWorkerUrl()),
  });
  const memory = createMemory({
    database,
    events,
    clock,
    ids,
    logger,
    jobs,
    vectors,
    embed: (inputs, hooks) => ai.services.llm.embed(inputs, hooks),
    projectTitle: (projectId) => projects.findLive(projectId)?.title ?? null,
    ...(config.memory?.indexDelayMs !== undefined && { indexDelayMs: config.memory.indexDelayMs }),
    ...(config.memory?.embedBatchSize !== undefined && { embedBatchSize: config.memory.embedBatchSize }),
  });

  const continuity = composeContinuity({
    database,
    events,
    clock,
    ids,
    projects,
    manuscript,
    codex,
    prompts: ai.services.prompts,
    llm: ai.services.llm,
    jobs,
    // Relationships a scene states become associative memories.
    memory: createMemoryLinks(memory.service),
    ...(config.continuityIdleMs !== undefined && { idleMs: config.continuityIdleMs }),
  });

  const agents = composeAgents(
    { dataDir: config.dataDir, ...config.agents },
    {
      prompts: ai.services.prompts,
      llm: ai.services.llm,
      retriever: config.retriever ?? memory.retriever,
      memories: { list: (filter) => memory.service.list(filter) },
      project: (projectId) => projects.findLive(projectId),
      sizing: ai.services.sizing,
      clock,
      logger,
    },
  );

  const audit = createAuditLog({ database, clock, ids });
  const projectTitle = (projectId: string) => projects.findLive(projectId)?.title ?? null;
  // The engine and the proposals need each other (a run proposes; a decided proposal moves its
  // run on): the proposals reach the runs built just below through these.
  const runTitle = (runId: string): string | null => runs.service.title(runId);
  const proposals = createProposalService({
    database,
    clock,
    ids,
    manuscript,
    codex,
    memories: memory.service,
    snapshots,
    audit,
    projectExists: (projectId) => projectTitle(projectId) !== null,
    policy: agents.services.policy,
    runTitle,
    onRunProposalsChanged: (runId) => runs.service.onRunProposalsChanged(runId),
  });

  // The agent crew's playbooks (shipped and the writer's copies) and the chat's intent router.
  const agentRegistry = config.crew?.registry ?? agents.services.registry;
  const playbooks = createPlaybookService({ shipped: loadShippedPlaybooks(), repo: createPlaybookRepo(database.orm), registry: agentRegistry, events, clock, ids });
  const router = createIntentRouter({
    prompts: ai.services.prompts,
    llm: ai.services.llm,
    registry: agentRegistry,
    playbooks,
    book: (projectId) => ({ outline: manuscript.outline(projectId), entries: codex.list(projectId), title: projects.findLive(projectId)?.title ?? '' }),
    audit: config.crew?.audit ?? audit,
    clock,
  });

  const runs = composeRuns({
    database,
    events,
    clock,
    ids,
    logger,
    timers: config.timers ?? systemTimers,
    random: config.random ?? mathRandom,
    jobs,
    dataDir: config.dataDir,
    inMemory: dbFile === ':memory:',
    book: createRunBook({ project: (projectId) => projects.findLive(projectId), manuscript, codex }),
    streams: ai.services.streams,
    continuity: continuityStepOver({
      outline: (projectId) => manuscript.outline(projectId),
      checkScene: continuity.check,
      openIssues: (projectId) => continuity.service.list(projectId, 'open'),
    }),
    crew: {
      executor: agents.services.executor,
      sink: proposals,
      proposals,
      audit,
      registry: agents.services.registry,
      playbooks,
      ...config.crew,
    },
    ...(config.runs?.retry && { retry: config.runs.retry }),
  });

  const media = composeMedia({
    ...base,
    dataDir: config.dataDir,
    logger,
    jobs,
    projects,
    manuscript,
    runs: runs.service,
    getOpenAIKey: () => ai.services.keys.getKey('openai'),
    ...(config.fontsFolder !== undefined && { fontsFolder: config.fontsFolder }),
    config: config.media ?? {},
  });

  const sync = composeSync({
    database,
    changes: syncChanges,
    sceneDocs,
    jobs,
    events,
    secrets,
    clock,
    timers: config.timers ?? systemTimers,
    random: config.random ?? mathRandom,
    logger,
    dataDir: dbFile === ':memory:' ? null : config.dataDir,
    ...(config.sync !== undefined && { config: config.sync }),
    ...(config.syncBackup !== undefined && { backup: config.syncBackup }),
  });

  const info: AppInfo = {
    version: config.version ?? '0.0.0-dev',
    dataDir: config.dataDir,
    sqliteVersion: database.sqliteVersion,
    vecVersion: database.vecVersion,
    transport: config.transport ?? 'websocket',
  };

  const handlers: Handlers = withKeyEventLogs({
    ...createAppInfoHandlers(info),
    ...createPrefsHandlers(prefs),
    ...createProjectHandlers(projectService),
    ...createManuscriptHandlers(manuscript),
    ...createCodexHandlers(codex),
    ...createSnapshotHandlers(snapshots),
    ...createTrashHandlers(trash),
    ...createSearchHandlers(search),
    ...createStatsHandlers(sessions),
    ...createExportHandlers(exporter),
    ...ai.handlers,
    ...createJobsHandlers(jobs),
    ...memory.handlers,
    ...continuity.handlers,
    ...createProposalHandlers(proposals),
    ...createAuditHandlers(audit, { projectTitle, runTitle }),
    ...agents.handlers,
    ...runs.handlers,
    ...createPlaybookHandlers(playbooks),
    ...media.handlers,
    ...sync.handlers,
  }, logger);

  config.jobKinds?.(jobs, { database });
  runs.service.recover();
  jobs.start();
  // Scene documents' old update history is folded into their bases once per start (and every
  // 100 updates of a scene as it is saved), after the first screen has had the database.
  const cancelCompaction = (config.timers ?? systemTimers).schedule(() => {
    try {
      const result = sceneDocs.compactAll();
      if (result.folded > 0) logger.info(result, 'scene document history compacted');
    } catch (error) {
      logger.warn({ err: error }, 'compacting scene documents failed; it is tried again at the next start');
    }
  }, 10_000);

  logger.info({ dbFile, sqlite: database.sqliteVersion, vec: database.vecVersion }, 'core started');
  return {
    handlers,
    events,
    logger,
    info: { dataDir: config.dataDir, dbFile },
    media: media.surface,
    services: { projects: projectService, manuscript, ai: ai.services, jobs, memory, proposals, audit, agents: agents.services, runs: runs.service, syncChanges, sceneDocs, sync: sync.engine, backups: sync.backups },
    connectionClosed: (connectionId, options) => ai.connectionClosed(connectionId, options),
    close() {
      cancelCompaction();
      sync.close();
      continuity.close();
      memory.close();
      // Not awaited (close is synchronous): an index not saved yet is rebuilt from SQLite at the next start.
      void vectors.close();
      // Runs aborted now resume at the next start; they must not record themselves cancelled.
      runs.beginClose();
      // Aborts running jobs at once; their handlers' late endings are not recorded (see JobRunner.close).
      void jobs.close();
      ai.close();
      media.close();
      textWorker.close();
      database.close();
      runs.close();
      releaseFolder();
      logger.info('core closed');
    },
  };
}
