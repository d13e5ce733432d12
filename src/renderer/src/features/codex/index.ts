export { CodexPanel } from './CodexPanel';
export { createCodexStore, useCodex, type CodexStore } from './codex.store';
