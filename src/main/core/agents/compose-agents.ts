import path from 'node:path';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { LlmService } from '../llm';
import type { Logger } from '../platform/logger';
import type { PromptService } from '../prompts';
import type { PassageRetriever, PromptRoomDeps } from '../writing-ai';
import type { Clock } from '../platform/clock';
import { createAgentContext, type ScopedMemorySource } from './agent-context';
import { DEFAULT_AGENTS_FOLDER, loadAgentDefinitions } from './agent-loader';
import { createAgentRegistry, type AgentRegistry } from './agent-registry';
import { createAgentStepExecutor, type AgentStepExecutor, type ProjectBrief } from './agent-step-executor';
import { createAgentsHandlers } from './handlers';
import { createPolicyService, DEFAULT_POLICY_FILE, USER_POLICY_FILE_NAME, type PolicyService } from './policy.service';

/** Where the crew's shipped files are (a packaged app passes its resources; tests may pass their own). */
export interface AgentsConfig {
  dataDir: string;
  /** resources/agents by default. */
  agentsFolder?: string;
  /** resources/policy.yaml by default. */
  policyFile?: string;
}

export interface AgentsDeps {
  prompts: Pick<PromptService, 'get' | 'render'>;
  llm: Pick<LlmService, 'run' | 'runStructured'>;
  retriever: PassageRetriever;
  memories: ScopedMemorySource;
  project(projectId: string): ProjectBrief | undefined;
  sizing: PromptRoomDeps;
  clock: Clock;
  logger: Logger;
}

/** What the run engine and the proposals domain use of the crew. */
export interface AgentsServices {
  registry: AgentRegistry;
  executor: AgentStepExecutor;
  policy: PolicyService;
}

/**
 * Builds the agent crew's part of the core: the registry with the shipped agents (each checked
 * against its prompts), the step executor, the content policy, and their handlers.
 */
export function composeAgents(config: AgentsConfig, deps: AgentsDeps) {
  const registry = createAgentRegistry({
    prompt: (id) => {
      try {
        return deps.prompts.get(id).definition;
      } catch (error) {
        if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return undefined;
        throw error;
      }
    },
  });
  for (const definition of loadAgentDefinitions(config.agentsFolder ?? DEFAULT_AGENTS_FOLDER)) registry.register(definition, 'builtin');

  const policy = createPolicyService({ shippedFile: config.policyFile ?? DEFAULT_POLICY_FILE, userFile: path.join(config.dataDir, USER_POLICY_FILE_NAME) });
  const problem = policy.get().problem;
  if (problem) deps.logger.warn({ problem }, 'the writer’s policy file is invalid; the shipped policy applies');

  const executor = createAgentStepExecutor({
    registry,
    prompts: deps.prompts,
    llm: deps.llm,
    context: createAgentContext({ retriever: deps.retriever, memories: deps.memories, logger: deps.logger }),
    project: deps.project,
    sizing: deps.sizing,
    clock: deps.clock,
  });
  const services: AgentsServices = { registry, executor, policy };
  return { handlers: createAgentsHandlers(registry, policy), services };
}
