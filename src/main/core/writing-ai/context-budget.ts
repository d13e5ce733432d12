import type { ModelRef, ModelsConfig, TaskClass } from '../../../shared/models/llm';
import type { RouteResolver } from '../llm';

/** Context windows by model: the model table (resources/model-table.yaml). */
export interface ContextWindows {
  contextWindow(ref: ModelRef): number;
  maxInputTokens(ref: ModelRef): number;
}

/** What sizing a prompt needs: the routing config and the model table. */
export interface PromptRoomDeps {
  config: { get(): ModelsConfig };
  resolveRoute: RouteResolver;
  windows: ContextWindows;
}

/** Tokens kept free for the reply when fitting a prompt into the context window. */
export const REPLY_RESERVE = 1_024;
/** With no model routed the call fails anyway; a small budget keeps the sizing honest meanwhile. */
const NO_MODEL_WINDOW = 4_096 - REPLY_RESERVE;
/**
 * Retrieved context (pinned memories and passages) takes at most this share of the room, and
 * never more than {@link MAX_CONTEXT_TOKENS}: past a few thousand tokens more passages dilute
 * the answer more than they inform it, and the chat history needs the rest.
 */
const CONTEXT_SHARE = 0.25;
export const MAX_CONTEXT_TOKENS = 3_000;

/** The tokens a prompt may take with the first model of its route: its window less the reply's room. */
export function promptRoom(deps: PromptRoomDeps, plan: { taskClass: TaskClass; promptId: string; projectId: string }): number {
  const route = deps.resolveRoute(deps.config.get(), { taskClass: plan.taskClass, promptId: plan.promptId, assignmentKey: plan.projectId });
  const first = route.models[0];
  return first ? Math.min(deps.windows.contextWindow(first) - REPLY_RESERVE, deps.windows.maxInputTokens(first)) : NO_MODEL_WINDOW;
}

/** The tokens retrieved context may take in a prompt of `room` tokens whose fixed parts take `fixed`. */
export function contextBudget(room: number, fixed: number): number {
  return Math.max(0, Math.min(MAX_CONTEXT_TOKENS, Math.floor(room * CONTEXT_SHARE), room - fixed));
}
