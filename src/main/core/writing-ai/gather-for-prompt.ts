import type { ContextSource } from '../../../shared/models/context-source';
import { estimateTokens } from '../llm';
import { contextBudget, promptRoom, type PromptRoomDeps } from './context-budget';
import type { PromptRenderer, RenderedPrompt } from './prompt-renderer';
import { usesVariable, type RetrievedContext } from './retrieved-context';

export interface GatherForDeps extends PromptRoomDeps {
  prompts: PromptRenderer;
  retrieved: RetrievedContext;
}

export interface GatherForRequest {
  promptId: string;
  projectId: string;
  /** The prompt's other variables (the writing context, the selection, the message…). */
  values: Readonly<Record<string, string>>;
  /** What retrieval looks for. */
  query: string;
  /** Text the prompt already holds, so the same passage is not given twice. */
  alreadyShown?: string;
  signal?: AbortSignal;
}

export interface PromptWithSources {
  rendered: RenderedPrompt;
  /** What the prompt was given from memory: only what its templates actually use. */
  sources: ContextSource[];
  /** The tokens the prompt may take with its route's first model (the chat fits its history into it). */
  room: number;
}

/**
 * Renders a prompt with its context taken from retrieval: the prompt is sized without it first,
 * the pinned memories and passages fill a share of what is left (see {@link contextBudget}), and
 * the prompt is rendered again with them. The codex list of the older prompts stands in only when
 * retrieval found nothing (nothing indexed yet, no embedding model and no words in common).
 */
export async function gatherFor(deps: GatherForDeps, request: GatherForRequest): Promise<PromptWithSources> {
  const base = deps.prompts.render(request.promptId, request.values);
  const room = promptRoom(deps, { taskClass: base.taskClass, promptId: request.promptId, projectId: request.projectId });
  const givesPassages = usesVariable(base.definition, 'passages');
  const givesMemory = usesVariable(base.definition, 'memory');
  if (!givesPassages && !givesMemory) return { rendered: base, sources: [], room };

  const budget = contextBudget(room, estimateTokens(base.system) + estimateTokens(base.user));
  const gathered = await deps.retrieved.gather({
    projectId: request.projectId,
    query: request.query,
    budget,
    ...(request.alreadyShown !== undefined && { alreadyShown: request.alreadyShown }),
    ...(request.signal && { signal: request.signal }),
  });
  const passages = givesPassages ? gathered.passages : '';
  const memory = givesMemory ? gathered.memory : '';
  const sources = gathered.sources.filter((source) => (source.pinned ? givesMemory : givesPassages));
  if (sources.length === 0) return { rendered: base, sources, room };
  const values = { ...request.values, memory, passages, ...(passages && { codex: '' }) };
  return { rendered: deps.prompts.render(request.promptId, values), sources, room };
}
