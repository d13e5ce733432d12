import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { CloudProvider, ModelRef, TaskClass } from '../../../shared/models/llm';
import { aiSettingsTab } from '../../../shared/text/settings-names';
import { PROVIDER_NAMES } from './errors';

/** A route entry that was tried and failed. */
export interface RouteAttemptFailure {
  model: ModelRef;
  error: AppError;
}

export interface RouteFailureInput {
  taskClass: TaskClass;
  /** Entries tried, in order, with why each failed. */
  failures: readonly RouteAttemptFailure[];
  /** Cloud providers the route lists but that have no key (skipped without a word). */
  missingKeys: readonly CloudProvider[];
  /** Named when Ollama is not running. */
  ollamaBaseUrl: string;
}

/** What went wrong with one provider, as a clause, and what fixes it. */
interface Problem {
  clause: string;
  fix: string;
}

/**
 * The one error a writer sees when no model in a route could answer: what is wrong with each
 * provider the route lists and what to do, in two sentences — e.g. "Ollama isn’t running at
 * http://127.0.0.1:11434 and no OpenAI or Anthropic key is set. Start Ollama or add a key in
 * AI settings → Keys." A single failure with nothing skipped keeps its own message, which
 * already says what to do. The code and retryability are those of the first failure.
 */
export function routeFailure(input: RouteFailureInput): AppError {
  const { failures, missingKeys } = input;
  const first = failures[0];
  if (first && failures.length === 1 && missingKeys.length === 0) return first.error;
  const problems = firstPerProvider(failures).map((f) => describe(f, input.ollamaBaseUrl));
  if (missingKeys.length > 0) {
    problems.push({ clause: `no ${orList(missingKeys.map((p) => PROVIDER_NAMES[p]))} key is set`, fix: `add a key in ${aiSettingsTab('Keys')}` });
  }
  if (!first) {
    const keys = problems[0]?.clause ?? 'no model is set up';
    return new AppError(
      ErrorCode.NO_MODEL_AVAILABLE,
      `${capitalize(keys)}, and the ${input.taskClass} route lists no other model. Add a key in ${aiSettingsTab('Keys')}, or add a model to the route in ${aiSettingsTab('Routes')}.`,
    );
  }
  const clauses = andList(problems.map((p) => p.clause));
  const fixes = orList([...new Set(problems.map((p) => p.fix))]);
  return new AppError(first.error.code, `${capitalize(clauses)}. ${capitalize(fixes)}.`, { retryable: first.error.retryable, cause: first.error });
}

function firstPerProvider(failures: readonly RouteAttemptFailure[]): RouteAttemptFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => !seen.has(f.model.provider) && seen.add(f.model.provider));
}

function describe({ model, error }: RouteAttemptFailure, ollamaBaseUrl: string): Problem {
  const name = PROVIDER_NAMES[model.provider];
  const local = model.provider === 'ollama';
  switch (error.code) {
    case ErrorCode.PROVIDER_UNREACHABLE:
      return local
        ? { clause: `Ollama isn’t running at ${ollamaBaseUrl}`, fix: 'start Ollama' }
        : { clause: `${name} can’t be reached`, fix: 'check your internet connection' };
    case ErrorCode.PROVIDER_AUTH:
      return local
        ? { clause: `Ollama at ${ollamaBaseUrl} refused access`, fix: `check its address in ${aiSettingsTab('Models')}` }
        : { clause: `${name} rejected your key`, fix: `check your ${name} key in ${aiSettingsTab('Keys')}` };
    case ErrorCode.MODEL_MISSING:
      return local
        ? { clause: `the model ${model.model} isn’t installed in Ollama`, fix: `download ${model.model} in ${aiSettingsTab('Models')}` }
        : { clause: `the model ${model.model} isn’t available with your ${name} key`, fix: `choose another model in ${aiSettingsTab('Routes')}` };
    case ErrorCode.RATE_LIMITED:
      return { clause: `${name} is limiting requests`, fix: 'wait a moment and try again' };
    case ErrorCode.TIMEOUT:
      return { clause: `${name} took too long to answer`, fix: 'try again' };
    case ErrorCode.CONTEXT_TOO_LONG:
      return { clause: `the text is too long for ${model.model}`, fix: 'shorten the selection or the conversation' };
    default:
      return { clause: `${name} couldn’t answer`, fix: 'try again in a moment' };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  return joinLast(items, ' and ');
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  return joinLast(items, ' or ');
}

function joinLast(items: readonly string[], last: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')}${last}${items.at(-1) ?? ''}`;
}
