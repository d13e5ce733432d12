/**
 * The project's chat with the assistant. Test ids: `chat-panel`, `chat-new`, `chat-sessions-toggle`,
 * `chat-sessions`, `chat-session` (`data-session-id`, `data-active`), `chat-session-rename`,
 * `chat-session-rename-input`, `chat-session-delete`, `chat-delete-confirm`, `chat-input`, `chat-send`,
 * `chat-stop`, `chat-message` (`data-role`, `data-status`), `chat-stopped`, `chat-regenerate`,
 * `chat-copy`, `chat-insert`, `chat-notice`, `chat-error` (`data-code`), `chat-open-settings`,
 * `chat-retry`, `chat-context-scene`, `chat-context-selection` (and `…-remove`), `chat-empty`,
 * `chat-route` (who answers: Auto, Just chat, a playbook, an agent), `chat-run-card` (`data-run-id`,
 * `data-status`), `chat-run-title`, `chat-run-status`, `chat-run-open`.
 */
export { ChatPanel } from './ChatPanel';
export { createChatLiveTextStore, createChatStore, type ChatLiveTextStore, type ChatStore } from './chat.store';
