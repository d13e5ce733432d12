import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { MethodName } from '../../shared/ipc/contract';
import type { AppDatabase } from './db/connection';
import type { EventBus } from './events';
import type { DomainHandlers } from './handlers';
import type { JobRunner } from './jobs';
import type { ManuscriptService } from './manuscript';
import type { Clock, IdGenerator } from './platform/clock';
import type { ProjectRepo } from './projects';
import type { RunService } from './runs';

/** Media settings a shell or a test may change. */
export interface MediaConfig {
  /** Where the OpenAI speech engine sends requests (tests: the local stand-in). */
  openaiBaseUrl?: string;
  /** The Piper voice catalogue's base URL (tests: a local server). */
  voiceCatalogueUrl?: string;
}

export interface MediaDeps {
  dataDir: string;
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  jobs: JobRunner;
  projects: ProjectRepo;
  manuscript: ManuscriptService;
  runs: RunService;
  /** The writer's OpenAI key, when one is stored (cloud TTS). */
  getOpenAIKey: () => Promise<string | null>;
  config: MediaConfig;
}

type MediaMethods = Extract<MethodName, `media.${string}`>;

/**
 * Builds the media domain (videos and scripts, assets, voices, renders, media files) and its
 * `media.*` handlers. Parts land one by one; a method whose part is not wired yet answers with
 * a clear error rather than not existing.
 */
export function composeMedia(deps: MediaDeps): { handlers: DomainHandlers<MediaMethods>; close(): void } {
  void deps;
  const notYet = (): never => {
    throw new AppError(ErrorCode.NOT_FOUND, 'Video making is not available in this build yet.');
  };
  const handlers: DomainHandlers<MediaMethods> = {
    // Videos, scripts and assets.
    'media.videos.list': notYet,
    'media.videos.get': notYet,
    'media.videos.create': notYet,
    'media.videos.update': notYet,
    'media.videos.delete': notYet,
    'media.script.generate': notYet,
    'media.script.useDraft': notYet,
    'media.script.discardDraft': notYet,
    'media.assets.list': notYet,
    'media.assets.beginUpload': notYet,
    'media.assets.uploadChunk': notYet,
    'media.assets.finishUpload': notYet,
    'media.assets.delete': notYet,
    // Voices.
    'media.voices.list': notYet,
    'media.voices.install': notYet,
    'media.voices.preview': notYet,
    // Renders.
    'media.renders.start': notYet,
    'media.renders.list': notYet,
    'media.renders.get': notYet,
    'media.renders.cancel': notYet,
    'media.renders.delete': notYet,
    // Render files.
    'media.renders.waveform': notYet,
    'media.renders.export': notYet,
  };
  return { handlers, close() {} };
}
