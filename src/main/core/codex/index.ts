export { createCodexRepo, toCodexEntry, type CodexRepo, type CodexRow, type CodexFields } from './codex.repo';
export { createCodexService, type CodexService, type CodexDeps, type CodexCreate, type CodexUpdate } from './codex.service';
export { createCodexHandlers } from './handlers';
