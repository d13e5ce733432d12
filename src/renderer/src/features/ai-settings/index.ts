/**
 * AI settings and status: the status indicator, the settings dialog (models, keys, routes,
 * prompts, usage) and the stores other features may read (llm status, the running pull).
 *
 * Test ids: `ai-status`; dialog `ai-settings`, tabs `ai-tab-<tab>`; Models: `ollama-url`,
 * `ollama-url-save`, `models-routes`, `models-route-<class>` (with `models-route-uses`),
 * `ollama-tag-<family>`, `models-pull-name`, `models-pull`, `pull-progress`, `pull-cancel`; Keys:
 * `key-input-<p>`, `key-save-<p>`, `key-test-<p>`, `key-remove-<p>`, `key-masked-<p>`,
 * `key-note-<p>`; Routes: `routes-task-<class>`, `route-test-<class>`, `route-test-result`,
 * `routes-save`, `routes-reset`, `routes-errors`; Prompts: `prompt-item`, `prompt-edit`,
 * `prompt-save`, `prompt-history`, `prompt-version`, `prompt-pin`, `prompt-unpin`,
 * `prompt-revert`, `prompt-diff-run`, `prompt-diff`; Usage: `usage-table`, `usage-empty`.
 */
export { AiSettingsDialog, AiSettingsLink } from './AiSettingsDialog';
export { AiStatusIndicator } from './AiStatusIndicator';
export { useAiSettings } from './ai-settings.store';
export type { AiSettingsTab } from './ai-settings.store';
export { approxModelSize, PROVIDER_NAMES } from './ai-format';
export { KeyForm, KeyNoteLine } from './KeyForm';
export { createKeysStore, type KeysStore } from './keys.store';
export { createLlmStatusStore, useLlmStatusSync, type LlmStatusStore } from './llm-status.store';
export { OllamaAddressForm } from './OllamaAddressForm';
export { ProviderStatusList } from './ProviderStatusList';
export { PullControl, PullProgressView } from './PullControl';
export { createPullStore, type PullStore } from './pull.store';
export { describeMissing, hasModel, isSetupComplete, missingWritingTasks, providerOf, summarizeStatus } from './status-summary';
export type { AiStatusSummary, AiTone } from './status-summary';
