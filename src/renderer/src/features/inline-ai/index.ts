/**
 * Inline AI in the editor: actions (continue, rewrite, expand, describe, brainstorm) that stream
 * into a suggestion the writer accepts, edits or discards. Test ids: `ai-menu-button`, `ai-bubble`,
 * `ai-menu`, `ai-instruction`, `ai-action-<action>`, `ai-suggestion` (with `data-phase`),
 * `ai-suggestion-text`, `ai-accept`, `ai-edit`, `ai-reject`, `ai-stop`, `ai-retry`, `ai-notice`,
 * `ai-error`, `ai-open-settings`.
 */
export { AiToolbarButton } from './AiToolbarButton';
export { InlineAiExtension } from './inline-ai.extension';
export { InlineAiLayer } from './InlineAiLayer';
export { offerSuggestion, useInlineAi } from './inline-ai.store';
