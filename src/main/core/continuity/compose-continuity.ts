import { notFound } from '../../../shared/ipc/errors';
import type { CodexService } from '../codex';
import type { AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { JobRunner } from '../jobs';
import type { LlmService } from '../llm';
import type { ManuscriptService } from '../manuscript';
import type { Clock, IdGenerator } from '../platform/clock';
import type { ProjectRepo } from '../projects';
import type { PromptRenderer } from '../writing-ai';
import { noAssociativeMemory, type AssociativeMemory } from './associative-memory';
import { createSceneCheck } from './continuity-check';
import { createContinuityRepo } from './continuity.repo';
import { createContinuityService } from './continuity.service';
import { createFactExtractor } from './fact-extractor';
import { createContinuityHandlers } from './handlers';

export interface ContinuityCompositionDeps {
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  projects: ProjectRepo;
  manuscript: ManuscriptService;
  codex: CodexService;
  prompts: PromptRenderer;
  llm: Pick<LlmService, 'runStructured'>;
  jobs: JobRunner;
  /** Where relationship facts become associative memories (none: not remembered). */
  memory?: AssociativeMemory;
  /** After a save, how long a scene stays idle before it is checked (ms). */
  idleMs?: number;
}

/**
 * Builds continuity checks (issue 7): registers the `continuity.check` job kind with the runner
 * and starts checking scenes after they are saved and left idle. Call before the runner starts.
 */
export function composeContinuity(deps: ContinuityCompositionDeps) {
  const projectTitle = (projectId: string) => {
    const project = deps.projects.findLive(projectId);
    if (!project) throw notFound('The project');
    return project.title;
  };
  const repo = createContinuityRepo(deps.database.orm);
  const check = createSceneCheck({
    database: deps.database,
    repo,
    manuscript: deps.manuscript,
    codex: deps.codex,
    projectTitle,
    extractor: createFactExtractor({ prompts: deps.prompts, llm: deps.llm }),
    memory: deps.memory ?? noAssociativeMemory,
    clock: deps.clock,
    ids: deps.ids,
  });
  const service = createContinuityService({
    repo,
    check,
    jobs: deps.jobs,
    manuscript: deps.manuscript,
    codex: deps.codex,
    projectTitle,
    events: deps.events,
    clock: deps.clock,
    ...(deps.idleMs !== undefined && { idleMs: deps.idleMs }),
  });
  deps.jobs.register(service.kind);
  const stopObserving = service.observeSaves();
  return { service, check, handlers: createContinuityHandlers(service), close: stopObserving };
}
