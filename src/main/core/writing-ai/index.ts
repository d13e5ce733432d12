export { createWritingContext, type WritingContext, type WritingContextSource } from './writing-context';
export { createInlineService, formatStructured, inlineQuery, type InlineService } from './inline.service';
export { createInlineHandlers } from './handlers';
export { structuredCallOf, type PromptRenderer, type RenderedPrompt } from './prompt-renderer';
export { contextBudget, promptRoom, MAX_CONTEXT_TOKENS, REPLY_RESERVE, type ContextWindows, type PromptRoomDeps } from './context-budget';
export { gatherFor, type GatherForDeps, type GatherForRequest, type PromptWithSources } from './gather-for-prompt';
export {
  createRetrievedContext,
  excerptOf,
  fitPassages,
  pinnedFromMemory,
  type GatheredContext,
  type PassageRetriever,
  type PinnedMemory,
  type PinnedMemorySource,
  type RetrievedContext,
} from './retrieved-context';
