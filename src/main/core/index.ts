import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AppInfo } from '../../shared/models/app';
import { createAppInfoHandlers } from './app-info';
import { createCodexHandlers, createCodexRepo, createCodexService } from './codex';
import { composeAi } from './compose-ai';
import { createMemorySecretStore } from './platform/secrets';
import type { CoreConfig } from './config';
import { openDatabase } from './db/connection';
import { createEventBus, type EventBus } from './events';
import { createExportHandlers, createExportService } from './export';
import type { Handlers } from './handlers';
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
import { randomIds, systemClock } from './platform/clock';
import { createLogger } from './platform/logger';
import { createPrefsHandlers, createPrefsService } from './prefs';
import { createProjectHandlers, createProjectRepo, createProjectService, type ProjectService } from './projects';
import { createSearchHandlers, createSearchService } from './search';
import { createSnapshotHandlers, createSnapshotRepo, createSnapshotService } from './snapshots';
import { createTrashHandlers, createTrashRepo, createTrashService } from './trash';

export type { CoreConfig } from './config';
export type { Handlers, CallContext } from './handlers';
export type { EventBus } from './events';

/** The headless core: every service, reachable through `handlers`, with push `events`. */
export interface Core {
  handlers: Handlers;
  events: EventBus;
  logger: Logger;
  info: { dataDir: string; dbFile: string };
  /** Direct access for benchmarks and tests that measure without a transport. */
  services: { projects: ProjectService; manuscript: ManuscriptService; ai: ReturnType<typeof composeAi>['services'] };
  close(): void;
}

export const DB_FILE_NAME = 'nova.db';

/**
 * The composition root: opens the database and builds every service from the config.
 * Runs under plain Node (tests, benchmarks, the browser mode) and inside Electron alike.
 */
export function createCore(config: CoreConfig): Core {
  const logger = config.logger ?? createLogger();
  const clock = config.clock ?? systemClock;
  const ids = config.ids ?? randomIds;
  if (config.dbFile !== ':memory:') mkdirSync(config.dataDir, { recursive: true });
  const dbFile = config.dbFile ?? path.join(config.dataDir, DB_FILE_NAME);
  const database = openDatabase({ file: dbFile, ...(config.migrationsFolder !== undefined && { migrationsFolder: config.migrationsFolder }) });
  const recounted = recountWordsIfStale(database, clock.now());
  if (recounted > 0) logger.info({ scenes: recounted }, 'word counts updated to the current counter');
  const events = createEventBus((error) => logger.error({ err: error }, 'event listener failed'));

  const projects = createProjectRepo(database.orm);
  const chapters = createChapterRepo(database.orm);
  const sceneIndex = createSceneIndex(database.sqlite);
  const scenes = createSceneRepo(database, sceneIndex);
  const base = { database, events, clock, ids };

  const workerUrl = config.textWorker === undefined ? defaultTextWorkerUrl() : config.textWorker;
  const textWorker = createTextWorker({ start: workerUrl === null ? null : () => startModuleWorker(workerUrl), logger });
  const manuscript = createManuscriptService({ ...base, projects, chapters, scenes, measure: (content) => textWorker.measure(content) });
  const projectService = createProjectService({ ...base, projects, manuscript });
  const codexEntries = createCodexRepo(database.orm);
  const codex = createCodexService({ ...base, projects, codex: codexEntries });
  const snapshots = createSnapshotService({ ...base, projects, chapters, scenes, snapshots: createSnapshotRepo(database.orm) });
  const trash = createTrashService({ ...base, projects, chapters, scenes, codex: codexEntries, sceneIndex, trash: createTrashRepo(database.orm) });
  const search = createSearchService({ projects, index: sceneIndex });
  const prefs = createPrefsService({ database, clock });
  const exporter = createExportService({ loadManuscript: (projectId, chapterIds) => manuscript.readManuscript(projectId, chapterIds), clock });

  const ai = composeAi(
    { dataDir: config.dataDir, secrets: config.secrets ?? createMemorySecretStore(), ...config.ai },
    { database, events, clock, ids, logger, projects, manuscript, codex },
  );

  const info: AppInfo = {
    version: config.version ?? '0.0.0-dev',
    dataDir: config.dataDir,
    sqliteVersion: database.sqliteVersion,
    vecVersion: database.vecVersion,
    transport: config.transport ?? 'websocket',
  };

  const handlers: Handlers = {
    ...createAppInfoHandlers(info),
    ...createPrefsHandlers(prefs),
    ...createProjectHandlers(projectService),
    ...createManuscriptHandlers(manuscript),
    ...createCodexHandlers(codex),
    ...createSnapshotHandlers(snapshots),
    ...createTrashHandlers(trash),
    ...createSearchHandlers(search),
    ...createExportHandlers(exporter),
    ...ai.handlers,
  };

  logger.info({ dbFile, sqlite: database.sqliteVersion, vec: database.vecVersion }, 'core started');
  return {
    handlers,
    events,
    logger,
    info: { dataDir: config.dataDir, dbFile },
    services: { projects: projectService, manuscript, ai: ai.services },
    close() {
      ai.close();
      textWorker.close();
      database.close();
      logger.info('core closed');
    },
  };
}
