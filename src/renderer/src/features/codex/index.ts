export { CodexPanel } from './CodexPanel';
export { useCodex, useCodexStore } from './codex.store';
