export { createWritingContext, type WritingContext, type WritingContextSource } from './writing-context';
export { createInlineService, formatStructured, type InlineService } from './inline.service';
export { createInlineHandlers } from './handlers';
export type { PromptRenderer, RenderedPrompt } from './prompt-renderer';
