/**
 * The memory view ("What the AI knows" and every memory, filterable), the index status area
 * (shared with search), and their stores.
 *
 * Test ids: `memory-panel`, `memory-page-core|all`, `memory-core`, `memory-all`, `memory-row`
 * (`data-memory-id`), `memory-content`, `memory-marker`, `memory-source`, `memory-pinned`,
 * `memory-archived`, actions `memory-edit|pin|archive|history|delete`, `memory-delete-confirm`,
 * editor `memory-editor`, `memory-editor-text|scope|save|cancel`, `memory-editor-markers-text`,
 * `memory-kind-<kind>`, `memory-add`, conflict `memory-conflict`, `memory-conflict-reload`,
 * `memory-reloaded`, `memory-gone`; filters `memory-filter-kind-<k>`, `memory-filter-source-<s>`,
 * `memory-filter-markers-text`, `marker-suggestion`, `memory-filter-agent`,
 * `memory-filter-archived`, `memory-filter-clear`, `memory-count`; index `index-status`
 * (`data-meaning`), `index-status-title`, `index-status-detail`, `index-progress`,
 * `index-reindex`, `index-open-models`.
 */
export { MemoryPanel } from './MemoryPanel';
export { IndexStatusArea } from './IndexStatusArea';
export { createMemoryStore, type MemoryStore } from './memory.store';
export { createIndexStatusStore, type IndexStatusStore } from './index-status.store';
