import type { Exchange, FakeState } from './exchange';
import { answersAgentPrompt, fakeAgentAnswer } from './fake-agents';
import { answersFactExtraction, fakeFactExtraction } from './fake-facts';
import { answersRouteIntent, fakeRouteIntent } from './fake-route-intent';
import { countTokens, ollamaName, promptTokens, splitTokens } from './fake-text';
import type { FakeChatRequest, FakeModel, FakeProvider } from './fake-llm-server.types';
import { contextTooLong, modelMissing, type ErrorAnswer } from './provider-errors';

export function findModel(state: FakeState, provider: FakeProvider, name: unknown): FakeModel | undefined {
  if (typeof name !== 'string') return undefined;
  const wanted = provider === 'ollama' ? ollamaName(name) : name;
  return state.models[provider].find((m) => (provider === 'ollama' ? ollamaName(m.name) : m.name) === wanted);
}

export function sendError(ex: Exchange, answer: ErrorAnswer, headers: Record<string, string> = {}): Promise<void> {
  return ex.json(answer.status, answer.body, headers);
}

/** What a chat answer is made of, or the error a real provider would give instead. */
export type PreparedChat =
  | { ok: true; text: string; tokens: string[]; promptTokens: number; completionTokens: number }
  | { ok: false; error: ErrorAnswer };

/** Checks the model and the context window, then makes the scripted reply. */
export function prepareChat(ex: Exchange, request: FakeChatRequest): PreparedChat {
  const model = findModel(ex.state, request.provider, request.model);
  if (!model) return { ok: false, error: modelMissing(request.provider, request.model, ex.record.path) };
  const used = promptTokens(request.messages);
  const window = model.contextWindow ?? Number.POSITIVE_INFINITY;
  if (ex.failure?.contextTooLong || used > window) {
    return { ok: false, error: contextTooLong(request.provider, used, Number.isFinite(window) ? window : Math.max(1, used - 1)) };
  }
  const reply = ex.state.reply;
  // The continuity extraction, the agent crew's prompts and its router are answered by rules, whatever reply a test scripted for the rest.
  const text = answersFactExtraction(request)
    ? fakeFactExtraction(request)
    : answersAgentPrompt(request)
      ? fakeAgentAnswer(request, ex.failure?.invalidAnswer === true)
      : answersRouteIntent(request)
        ? fakeRouteIntent(request)
        : typeof reply === 'function'
          ? reply(request)
          : reply;
  const tokens = splitTokens(text);
  return { ok: true, text, tokens, promptTokens: used, completionTokens: Math.max(tokens.length, countTokens(text)) };
}
