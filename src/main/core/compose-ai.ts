import path from 'node:path';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { CodexEntry } from '../../shared/models/codex';
import { createChatHandlers, createChatRepo, createChatService, type ChatCrew } from './chat';
import type { AppDatabase } from './db/connection';
import type { EventBus } from './events';
import type { DomainHandlers } from './handlers';
import { createKeysHandlers, createKeysService } from './keys';
import {
  createAnthropicProvider,
  createCallHealth,
  createLlmHandlers,
  createLlmService,
  createLlmStatusService,
  createOllamaProvider,
  createOpenAIProvider,
  createOutputValidator,
  createProviderRegistry,
  createStreamRegistry,
  DEFAULT_MODEL_TABLE_FILE,
  loadModelTable,
  withCallHealth,
  withRetry,
  createModelsConfigStore,
  createRoutesHandlers,
  DEFAULT_MODELS_FILE,
  resolveRoute,
  USER_MODELS_FILE_NAME,
  type RetryOptions,
} from './llm';
import type { JobRunner } from './jobs';
import type { ManuscriptService } from './manuscript';
import type { Clock, IdGenerator } from './platform/clock';
import type { SecretStore } from './platform/secrets';
import type { ProjectRepo } from './projects';
import { createPromptHandlers, createPromptService, DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from './prompts';
import { createSummaries, type EpisodicMemories, type Summaries } from './summaries';
import { createUsageHandlers, createUsageService } from './usage';
import {
  createInlineHandlers,
  createInlineService,
  createRetrievedContext,
  createWritingContext,
  type PassageRetriever,
  type PinnedMemorySource,
} from './writing-ai';

export interface AiConfig {
  dataDir: string;
  secrets: SecretStore;
  promptsFolder?: string;
  modelsDefaultsFile?: string;
  /** Prices and context windows (resources/model-table.yaml by default). */
  modelTableFile?: string;
  /** Where the OpenAI / Anthropic SDKs send requests; only tests point them at a local stand-in. */
  providerEndpoints?: { openai?: string; anthropic?: string };
  /** Retry tuning (tests use short waits). */
  retry?: Pick<RetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'>;
  firstTokenTimeoutMs?: number;
  /**
   * How long the streams of a dropped browser connection go on, waiting for the page to
   * reconnect and claim them (ms, default {@link STREAM_RECONNECT_GRACE_MS}).
   */
  streamReconnectGraceMs?: number;
}

/**
 * A page whose socket dropped reconnects within a few seconds (its retries back off to 5 s);
 * a closed tab never does. Its streams go on this long, then stop.
 */
export const STREAM_RECONNECT_GRACE_MS = 15_000;

export interface AiDeps {
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  projects: ProjectRepo;
  manuscript: ManuscriptService;
  codex: { list(projectId: string): CodexEntry[] };
  /** Hybrid retrieval over the book and memory: chat and inline AI take their context from it. */
  retriever: PassageRetriever;
  /** The pinned core memories, given with every request. */
  memories: PinnedMemorySource;
  /** The job runner (summaries are durable jobs). */
  jobs: JobRunner;
  /**
   * Where chat and scene summaries are written as episodic memories (the memory domain's
   * entries); without it no summaries are made.
   */
  episodic?: EpisodicMemories;
  /** Quiet time before a summary (ms; tests pass 0). */
  summaryIdleMs?: { chat?: number; scene?: number };
  /** The agent crew chat hands messages to (router, run starter); absent, chat is only chat. */
  crew?: ChatCrew;
}

type AiMethods =
  | 'llm.status'
  | 'llm.setOllamaUrl'
  | 'llm.setOllamaTag'
  | 'llm.pull'
  | 'routes.get'
  | 'routes.update'
  | 'routes.reset'
  | 'routes.test'
  | 'keys.list'
  | 'keys.set'
  | 'keys.test'
  | 'keys.delete'
  | 'prompts.list'
  | 'prompts.get'
  | 'prompts.history'
  | 'prompts.edit'
  | 'prompts.diff'
  | 'prompts.pin'
  | 'prompts.revert'
  | 'prompts.adoptUpdate'
  | 'prompts.dismissUpdate'
  | 'chat.list'
  | 'chat.create'
  | 'chat.rename'
  | 'chat.delete'
  | 'chat.messages'
  | 'chat.send'
  | 'chat.regenerate'
  | 'ai.inline'
  | 'stream.cancel'
  | 'stream.status'
  | 'stream.replay'
  | 'usage.summary'
  | 'usage.byArm';

/**
 * Builds the AI features (issue 3): models file and routing, providers behind their SDKs,
 * keys, prompt registry, usage accounting, streams, chat and inline actions.
 */
export function composeAi(config: AiConfig, deps: AiDeps) {
  const { database, events, clock, ids, logger } = deps;

  const modelsConfig = createModelsConfigStore({
    defaultsFile: config.modelsDefaultsFile ?? DEFAULT_MODELS_FILE,
    userFile: path.join(config.dataDir, USER_MODELS_FILE_NAME),
  });
  const warning = modelsConfig.warning();
  if (warning) logger.warn({ warning }, 'the user models file is invalid; using the defaults');

  const definitions = loadPromptDefinitions(config.promptsFolder ?? DEFAULT_PROMPTS_FOLDER);
  const prompts = createPromptService({ database, clock, ids, definitions });
  const modelTable = loadModelTable(config.modelTableFile ?? DEFAULT_MODEL_TABLE_FILE);
  const usage = createUsageService({ database, clock, ids, prices: modelTable });
  const streams = createStreamRegistry({ events, ids, logger, clock });

  // The registry reads keys and the keys service checks them through the registry; each
  // closure runs only after both exist.
  const providers = createProviderRegistry({
    factories: { ollama: createOllamaProvider, openai: createOpenAIProvider, anthropic: createAnthropicProvider },
    ollamaBaseUrl: () => modelsConfig.get().ollama.baseUrl,
    getKey: (provider) => keys.getKey(provider),
    ...(config.providerEndpoints && { endpoints: config.providerEndpoints }),
  });
  const keys = createKeysService({
    secrets: config.secrets,
    events,
    // The cheapest authenticated call each provider has: listing models.
    checkKey: async (provider, key, signal) => {
      await providers.withKey(provider, key).listModels(signal);
    },
  });

  const health = createCallHealth({ events, clock });
  const baseLlm = createLlmService({
    config: modelsConfig,
    resolveRoute,
    providers,
    usage,
    validator: createOutputValidator(),
    retry: (fn, options) => withRetry(fn, { ...config.retry, ...options }),
    clock,
    ...(config.firstTokenTimeoutMs !== undefined && { firstTokenTimeoutMs: config.firstTokenTimeoutMs }),
  });
  // Every call the features make goes through this one, so the AI status follows the last call.
  const llm = withCallHealth(baseLlm, health);
  const status = createLlmStatusService({ config: modelsConfig, providers, llm, streams, events, clock, health });
  const context = createWritingContext({ projects: deps.projects, manuscript: deps.manuscript, codex: deps.codex });
  const retrieved = createRetrievedContext({ retriever: deps.retriever, memories: deps.memories, logger });
  const sizing = { config: modelsConfig, resolveRoute, windows: modelTable };

  const liveScene = (sceneId: string) => {
    try {
      return deps.manuscript.getScene(sceneId);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return undefined;
      throw error;
    }
  };

  const chatRepo = createChatRepo(database.orm);
  const closed = chatRepo.closeDanglingStreams();
  if (closed > 0) logger.info({ closed }, 'closed chat replies left streaming by the last run');
  const chat = createChatService({
    repo: chatRepo,
    projectExists: (projectId) => deps.projects.findLive(projectId) !== undefined,
    sceneIsLive: (projectId, sceneId) => liveScene(sceneId)?.projectId === projectId,
    context,
    retrieved,
    prompts,
    llm,
    streams,
    ...sizing,
    events,
    clock,
    ids,
    onConversation: (session) => summaries?.chatChanged(session),
    ...(deps.crew && { crew: deps.crew }),
  });
  const summaries: Summaries | null = deps.episodic
    ? createSummaries({
        context,
        prompts,
        llm,
        memories: deps.episodic,
        chats: { session: (id) => chatRepo.findLiveSession(id), messages: (id) => chatRepo.listMessages(id) },
        scene: liveScene,
        jobs: deps.jobs,
        events,
        clock,
        logger,
        ...(deps.summaryIdleMs?.chat !== undefined && { chatIdleMs: deps.summaryIdleMs.chat }),
        ...(deps.summaryIdleMs?.scene !== undefined && { sceneIdleMs: deps.summaryIdleMs.scene }),
      })
    : null;
  const inline = createInlineService({ manuscript: deps.manuscript, context, retrieved, prompts, llm, streams, ...sizing });

  const handlers: DomainHandlers<AiMethods> = {
    ...createLlmHandlers(status, streams),
    ...createRoutesHandlers({ store: modelsConfig, events }),
    ...createKeysHandlers(keys),
    ...createPromptHandlers(prompts),
    ...createChatHandlers(chat),
    ...createInlineHandlers(inline),
    ...createUsageHandlers(usage),
  };
  return {
    handlers,
    /** `sizing`: the models file, route resolution and model table, for features that size prompts (the agent crew). */
    services: { llm, chat, prompts, keys, streams, usage, sizing },
    /** A transport's connection went away: its streams stop (after a grace when it may come back). */
    connectionClosed(connectionId: string, options: { mayReconnect: boolean }): void {
      streams.release(connectionId, options.mayReconnect ? (config.streamReconnectGraceMs ?? STREAM_RECONNECT_GRACE_MS) : 0);
    },
    close: () => {
      summaries?.close();
      streams.cancelAll();
    },
  };
}
