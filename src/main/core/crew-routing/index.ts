export {
  createIntentRouter,
  ROUTE_INTENT_PROMPT,
  type ClassifyAudit,
  type IntentRouter,
  type IntentRouterDeps,
  type RouteRequest,
  type RoutedIntent,
} from './intent-router';
export { defaultInputRef, defaultInputs, targetOfRefs } from './input-conventions';
export { chapterLabel, findChapter, findEntry, namedInMessage, resolveTarget, type BookIndex, type NamedTarget } from './target-resolver';
export type { RunStarter, RunStartInput } from './run-starter';
