import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreConfig } from '../core';
import { silentLogger } from '../core/platform/logger';
import { startBrowserMode, type BrowserModeServer } from '../web/server';

/** A browser-mode server on a fresh data folder, as `npm run web` starts it, for tests. */
export interface BrowserModeFixture {
  dir: string;
  core: Core;
  web: BrowserModeServer;
  /** Stops the server and the core and removes the folder. */
  close(): Promise<void>;
}

export interface BrowserModeFixtureOptions {
  /** Extra files of the "built renderer", by path relative to it (an index.html is always there). */
  files?: Record<string, string>;
  /** Core settings beside the data folder and a silent logger. */
  core?: Partial<Omit<CoreConfig, 'dataDir'>>;
  /** Runs on the core before the server starts (e.g. to wrap handlers). */
  beforeStart?: (core: Core) => void | Promise<void>;
}

/** Starts the browser mode on 127.0.0.1 (any free port) over a minimal renderer folder. */
export async function startBrowserModeFixture(options: BrowserModeFixtureOptions = {}): Promise<BrowserModeFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-web-'));
  const staticDir = path.join(dir, 'renderer');
  const files = { 'index.html': '<!doctype html><title>Nova Studio</title>', ...options.files };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(staticDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const core = createCore({ dataDir: path.join(dir, 'data'), logger: silentLogger(), ...options.core });
  await options.beforeStart?.(core);
  const web = await startBrowserMode({ core, staticDir, port: 0 });
  return {
    dir,
    core,
    web,
    async close() {
      await web.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
