import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the layering rules of ARCHITECTURE.md are enforced by `npm run lint`: each forbidden
 * import is an error, and the imports each layer is allowed still pass. The file paths are
 * virtual; the imported targets are real files, because zone checks work on resolved paths.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const ZONE_RULES = new Set(['no-restricted-imports', 'import-x/no-restricted-paths', 'no-restricted-syntax', 'nova/domain-boundaries']);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: `${repoRoot}eslint.config.js` });
});

async function zoneErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}${filePath}` });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`parse error: ${fatal.map((m) => m.message).join('; ')}`);
  return messages.filter((message) => message.ruleId !== null && ZONE_RULES.has(message.ruleId)).map((message) => message.ruleId ?? '');
}

const forbidden: [layer: string, file: string, code: string][] = [
  ['core → electron', 'src/main/core/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['core → electron/main', 'src/main/core/x.ts', "import { app } from 'electron/main';\nexport const a = app;"],
  ['core → dynamic electron', 'src/main/core/x.ts', "export const load = () => import('electron');"],
  ['core → main/ipc', 'src/main/core/x.ts', "import { createRouter } from '../ipc/router';\nexport const r = createRouter;"],
  ['core → main/app', 'src/main/core/x.ts', "import { createMainWindow } from '../app/window';\nexport const w = createMainWindow;"],
  ['core → preload', 'src/main/core/x.ts', "import '../../preload/index';"],
  ['core → renderer', 'src/main/core/x.ts', "import { createTransport } from '../../renderer/src/lib/transport';\nexport const t = createTransport;"],
  ['shared → node:fs', 'src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;"],
  ['shared → path', 'src/shared/x.ts', "import path from 'path';\nexport const p = path;"],
  ['shared → electron', 'src/shared/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['shared → react', 'src/shared/x.ts', "import { useState } from 'react';\nexport const u = useState;"],
  ['shared → main/core', 'src/shared/x.ts', "import { createEventBus } from '../main/core/events';\nexport const e = createEventBus;"],
  ['shared → renderer', 'src/shared/x.ts', "import { createTransport } from '../renderer/src/lib/transport';\nexport const t = createTransport;"],
  ['renderer → node:path', 'src/renderer/src/x.ts', "import path from 'node:path';\nexport const p = path;"],
  ['renderer → fs', 'src/renderer/src/x.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;"],
  ['renderer → electron', 'src/renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;"],
  ['renderer → better-sqlite3', 'src/renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;"],
  ['renderer → main/core', 'src/renderer/src/x.ts', "import { createEventBus } from '../../main/core/events';\nexport const e = createEventBus;"],
  ['renderer → main/ipc', 'src/renderer/src/x.ts', "import type { Router } from '../../main/ipc/router';\nexport type R = Router;"],
  ['renderer → preload', 'src/renderer/src/x.ts', "import '../../preload/index';"],
  ['preload → node:fs', 'src/preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;"],
  ['preload → zod', 'src/preload/x.ts', "import { z } from 'zod';\nexport const s = z.string();"],
  ['preload → main/core', 'src/preload/x.ts', "import { createEventBus } from '../main/core/events';\nexport const e = createEventBus;"],
  ['ipc router → electron', 'src/main/ipc/x.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;"],
  ['main/app → renderer', 'src/main/app/x.ts', "import { createTransport } from '../../renderer/src/lib/transport';\nexport const t = createTransport;"],
  ['enum anywhere', 'src/main/app/x.ts', 'export enum Color { Red }'],
  // Rule 3: another domain only through its index.ts.
  ['domain → another domain’s file', 'src/main/core/chat/x.ts', "import type { LlmService } from '../llm/llm.service';\nexport type L = LlmService;"],
  ['domain → another domain’s nested file', 'src/main/core/chat/x.ts', "import type { LlmMessage } from '../llm/providers/provider';\nexport type M = LlmMessage;"],
  ['domain → another domain’s sub-folder index', 'src/main/core/chat/x.ts', "import { resolveRoute } from '../llm/routing';\nexport const r = resolveRoute;"],
  ['domain → another domain’s file, re-exported', 'src/main/core/chat/index.ts', "export { estimateTokens } from '../llm/token-estimate';"],
  ['domain → another domain’s file, dynamic', 'src/main/core/chat/x.ts', "export const load = () => import('../llm/retry');"],
  ['domain test → another domain’s file', 'src/main/core/chat/x.test.ts', "import { withRetry } from '../llm/retry';\nexport const w = withRetry;"],
  ['composition root → a domain’s file', 'src/main/core/x.ts', "import { resolveRoute } from './llm/routing/route-resolver';\nexport const r = resolveRoute;"],
  ['shell → a domain’s file', 'src/main/web/x.ts', "import { createLlmService } from '../core/llm/llm.service';\nexport const c = createLlmService;"],
  ['domain → the composition root', 'src/main/core/chat/x.ts', "import { createCore } from '..';\nexport const c = createCore;"],
  ['renderer feature → a transport of its own', 'src/renderer/src/features/x.ts', "import { createTransport } from '../lib/transport';\nexport const t = createTransport();"],
  ['renderer store → a client of its own', 'src/renderer/src/features/codex/x.store.ts', "import { createApi } from '../../lib/api';\nexport const a = createApi;"],
  ['domain → compose-ai', 'src/main/core/chat/x.ts', "import { composeAi } from '../compose-ai';\nexport const c = composeAi;"],
  ['cloud → main/core', 'src/cloud/x.ts', "import { createEventBus } from '../main/core/events';\nexport const e = createEventBus;"],
  ['cloud → main/ipc', 'src/cloud/x.ts', "import { createRouter } from '../main/ipc/router';\nexport const r = createRouter;"],
  ['cloud → renderer', 'src/cloud/x.ts', "import { createTransport } from '../renderer/src/lib/transport';\nexport const t = createTransport;"],
  ['cloud → electron', 'src/cloud/x.ts', "import { app } from 'electron';\nexport const a = app;"],
];

const allowed: [layer: string, file: string, code: string][] = [
  ['core → shared', 'src/main/core/x.ts', "import { ErrorCode } from '../../shared/ipc/errors';\nexport const c = ErrorCode;"],
  ['core → itself', 'src/main/core/x.ts', "import { createEventBus } from './events';\nexport const e = createEventBus;"],
  ['core → node:fs and npm', 'src/main/core/x.ts', "import { readFileSync } from 'node:fs';\nimport pino from 'pino';\nexport const r = [readFileSync, pino];"],
  ['shared → zod', 'src/shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();"],
  ['shared → shared', 'src/shared/x.ts', "import { ErrorCode } from './ipc/errors';\nexport const c = ErrorCode;"],
  ['renderer → shared', 'src/renderer/src/x.ts', "import { ErrorCode } from '../../shared/ipc/errors';\nexport const c = ErrorCode;"],
  ['renderer → itself', 'src/renderer/src/x.ts', "import type { ConnectionStatus } from './lib/transport';\nexport type S = ConnectionStatus;"],
  ['renderer start-up → the one transport and client', 'src/renderer/src/main.tsx', "import { createApi } from './lib/api';\nimport { createTransport } from './lib/transport';\nexport const api = createApi(createTransport());"],
  ['renderer → the client’s type and errors', 'src/renderer/src/features/x.ts', "import { ApiError, type Api } from '../lib/api';\nexport const x: [typeof ApiError, Api?] = [ApiError];"],
  ['renderer → react', 'src/renderer/src/x.ts', "import { useState } from 'react';\nexport const u = useState;"],
  ['preload → electron + shared', 'src/preload/x.ts', "import { ipcRenderer } from 'electron';\nimport { IPC_CHANNEL } from '../shared/ipc/events';\nexport const x = [ipcRenderer, IPC_CHANNEL];"],
  ['main/app → electron + core', 'src/main/app/x.ts', "import { app } from 'electron';\nimport { createEventBus } from '../core/events';\nexport const x = [app, createEventBus];"],
  ['electron binding → electron', 'src/main/ipc/electron.binding.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;"],
  ['domain → another domain’s index', 'src/main/core/chat/x.ts', "import type { LlmService } from '../llm';\nimport { withRetry } from '../llm/index';\nexport const x: [LlmService?, typeof withRetry?] = [];"],
  ['domain → its own files, nested too', 'src/main/core/llm/providers/x.ts', "import { resolveRoute } from '../routing/route-resolver';\nimport { withRetry } from '../retry';\nexport const x = [resolveRoute, withRetry];"],
  ['domain → db and platform files', 'src/main/core/chat/x.ts', "import { chatSessions } from '../db/schema';\nimport type { Clock } from '../platform/clock';\nexport const x: [typeof chatSessions, Clock?] = [chatSessions];"],
  ['domain → core kernel files', 'src/main/core/chat/x.ts', "import type { EventBus } from '../events';\nimport type { DomainHandlers } from '../handlers';\nexport type X = [EventBus, DomainHandlers<'chat.list'>];"],
  ['composition root → a domain’s index', 'src/main/core/x.ts', "import { createLlmService } from './llm';\nexport const c = createLlmService;"],
  ['cloud → shared, itself and npm', 'src/cloud/x.ts', "import { Hono } from 'hono';\nimport { TierSchema } from '../shared/cloud/tiers';\nimport { createMetrics } from './observability/metrics';\nexport const x = [Hono, TierSchema, createMetrics];"],
  ['shell → a platform file', 'src/main/web/x.ts', "import { createLogger } from '../core/platform/logger';\nexport const c = createLogger;"],
];

describe('lint import zones', () => {
  it.each(forbidden)('rejects %s', async (_layer, file, code) => {
    expect(await zoneErrors(file, code)).not.toEqual([]);
  });

  it.each(allowed)('allows %s', async (_layer, file, code) => {
    expect(await zoneErrors(file, code)).toEqual([]);
  });
});
