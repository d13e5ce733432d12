export { createPromptHandlers } from './handlers';
export { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from './prompt-loader';
export { hashDefinition } from './prompt-checks';
export { createPromptService, type PromptService, type PromptServiceDeps, type PromptEdit, type PromptValues, type RenderedPrompt } from './prompt.service';
