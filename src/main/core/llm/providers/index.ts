export { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_OUTPUT_TOOL, createAnthropicProvider, type AnthropicProviderOptions } from './anthropic.provider';
export { createOllamaProvider, type OllamaProviderOptions } from './ollama.provider';
export { createOpenAIProvider, type OpenAIProviderOptions } from './openai.provider';
export type { ChatRequest, ChatResult, LlmMessage, ModelProvider, PullProgress } from './provider';
