import { Ajv, type ValidateFunction } from 'ajv';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { Agent, AgentCapability } from '../../../shared/models/agents';
import { estimateTokens, type CallPlan, type LlmService } from '../llm';
import type { Clock } from '../platform/clock';
import { REPLY_RESERVE, type PromptRenderer, type PromptRoomDeps, type RenderedPrompt } from '../writing-ai';
import type { AgentContextSource } from './agent-context';
import type { AgentRegistry } from './agent-registry';
import { answersJson } from './agent-variables';
import { readProseAnswer } from './prose-answer';
import type { AgentStepExecutor, AgentStepRequest, AgentStepResult } from '../runs';

// The executor fills the run engine's port: the request, result and errors are the engine's (runs/run.types.ts).
export type { AgentStepExecutor, AgentStepRequest, AgentStepResult };

/** The project fields every agent prompt gets. */
export interface ProjectBrief {
  title: string;
  genre: string;
  tone: string;
  description: string;
}

export interface AgentStepExecutorDeps {
  registry: Pick<AgentRegistry, 'get' | 'capability'>;
  prompts: PromptRenderer;
  llm: Pick<LlmService, 'run' | 'runStructured'>;
  context: Pick<AgentContextSource, 'gather'>;
  project(projectId: string): ProjectBrief | undefined;
  /** The models file, route resolution and model table: how much room the agent's first model has. */
  sizing: PromptRoomDeps;
  clock: Clock;
}

/** With no model routed the call fails anyway; a small room keeps the sizing honest meanwhile. */
const NO_MODEL_ROOM = 4_096 - REPLY_RESERVE;

/**
 * The agent step executor. Renders the capability's prompt with the agent's persona, the project
 * and the step's inputs; gives it context from retrieval within the agent's memory scope and
 * what is left of its context budget once the inputs are counted (never more than the model's
 * room); calls the model on the agent's route (`agentId`: the models file's `agents:` entry wins
 * over the agent's task class, a `prompts:` entry over both), streaming through `onDelta`; and
 * returns the answer checked against the prompt's outputSchema. JSON prompts go through
 * `runStructured` (one repair, then INVALID_OUTPUT); prose prompts stream plain text, read as
 * `{text, notes}` and checked against the same kind of schema (INVALID_OUTPUT when it fails).
 */
export function createAgentStepExecutor(deps: AgentStepExecutorDeps): AgentStepExecutor {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const compiled = new WeakMap<object, ValidateFunction>();
  const validatorFor = (schema: Record<string, unknown>) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };

  const room = (agent: Agent, promptId: string, projectId: string): number => {
    const { config, resolveRoute, windows } = deps.sizing;
    const route = resolveRoute(config.get(), { taskClass: agent.taskClass, agentId: agent.id, promptId, assignmentKey: projectId });
    const first = route.models[0];
    return first ? Math.min(windows.contextWindow(first) - REPLY_RESERVE, windows.maxInputTokens(first)) : NO_MODEL_ROOM;
  };

  const render = async (agent: Agent, capability: AgentCapability, request: AgentStepRequest): Promise<RenderedPrompt> => {
    const project = deps.project(request.projectId);
    if (!project) throw new AppError(ErrorCode.NOT_FOUND, 'The project of this run no longer exists.');
    const values: Record<string, string> = {
      ...request.inputs,
      persona: agent.persona,
      project_title: project.title,
      genre: project.genre,
      tone: project.tone,
      premise: project.description,
    };
    const base = deps.prompts.render(capability.promptId, values);
    const inputTokens = Object.values(request.inputs).reduce((sum, value) => sum + estimateTokens(value), 0);
    const fixed = estimateTokens(base.system) + estimateTokens(base.user);
    // The budget covers what the step brings (earlier results, the book) and what retrieval adds.
    const budget = Math.max(0, Math.min(agent.contextBudget - inputTokens, room(agent, capability.promptId, request.projectId) - fixed));
    const query = capability.inputs.map((name) => request.inputs[name] ?? '').join('\n');
    const gathered = await deps.context.gather(agent, { projectId: request.projectId, query, budget, signal: request.signal });
    if (!gathered.memory && !gathered.passages) return base;
    return deps.prompts.render(capability.promptId, { ...values, memory: gathered.memory, passages: gathered.passages });
  };

  return {
    async execute(request) {
      const started = deps.clock.now();
      const agent = deps.registry.get(request.agentId);
      if (!agent) throw new AppError(ErrorCode.NOT_FOUND, `There is no agent “${request.agentId}” in the crew.`);
      const capability = deps.registry.capability(agent.id, request.capability);
      if (!capability) throw new AppError(ErrorCode.NOT_FOUND, `The ${agent.name} cannot “${request.capability}”.`);
      const unknown = Object.keys(request.inputs).filter((name) => !capability.inputs.includes(name));
      if (unknown.length > 0) {
        throw new AppError(ErrorCode.INVALID_INPUT, `The ${agent.name}’s “${capability.id}” does not take ${unknown.map((n) => `“${n}”`).join(', ')} (it takes ${capability.inputs.join(', ') || 'no inputs'}).`);
      }

      // A cancelled run asks nothing of the model (a node resumed after cancel must not call it).
      const stopIfCancelled = () => {
        if (request.signal.aborted) throw new AppError(ErrorCode.CANCELLED, 'Stopped.');
      };
      stopIfCancelled();
      const rendered = await render(agent, capability, request);
      stopIfCancelled();
      const schema = rendered.outputSchema;
      if (!schema) throw new AppError(ErrorCode.INTERNAL, `The prompt “${capability.promptId}” has no output schema.`);
      const plan: CallPlan = {
        taskClass: agent.taskClass,
        messages: [
          { role: 'system', content: rendered.system },
          { role: 'user', content: rendered.user },
        ],
        assignmentKey: request.projectId,
        projectId: request.projectId,
        promptId: capability.promptId,
        promptVersion: rendered.version,
        agentId: agent.id,
        ...(rendered.temperature !== undefined && { temperature: rendered.temperature }),
        ...(rendered.maxTokens !== undefined && { maxTokens: rendered.maxTokens }),
      };
      const hooks = { signal: request.signal, ...(request.onDelta && { onDelta: request.onDelta }) };
      const modelStarted = deps.clock.now();
      const contextMs = modelStarted - started;

      const json = answersJson(rendered.taskClass);
      const outcome = json ? await deps.llm.runStructured({ ...plan, jsonSchema: schema }, hooks) : await deps.llm.run(plan, hooks);
      const validateStarted = deps.clock.now();
      const output = 'value' in outcome ? outcome.value : readProseAnswer(outcome.text);
      const validate = validatorFor(schema);
      if (!validate(output)) {
        const problems = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(answer)'} ${e.message ?? 'is invalid'}`).join('; ');
        throw new AppError(ErrorCode.INVALID_OUTPUT, `The ${agent.name}’s answer did not have the expected shape (${problems}).`);
      }
      const finished = deps.clock.now();
      return {
        output,
        text: outcome.text,
        model: `${outcome.model.provider}/${outcome.model.model}`,
        promptId: capability.promptId,
        promptVersion: rendered.version,
        tokensIn: outcome.tokensIn,
        tokensOut: outcome.tokensOut,
        costUsd: outcome.costUsd,
        timings: { contextMs, modelMs: validateStarted - modelStarted, validateMs: finished - validateStarted },
      };
    },
  };
}
