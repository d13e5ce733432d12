/**
 * Browser mode: `npm run web [-- --data DIR] [-- --port N]`. Starts the headless core with the
 * same data folder the desktop app uses and serves the built renderer on 127.0.0.1, for people
 * without the Electron binary and for the end-to-end tests.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { acquireDataFolderLock, createCore, DataFolderInUseError, describeLockHolder, type DataFolderLock } from './core';
import { closeLogger, createLogger } from './core/platform/logger';
import { defaultDataDir } from './core/platform/paths';
import { logUnhandledRejections } from './core/platform/process-guards';
import { startBrowserMode } from './web/server';
import { createWebSecretStore } from './web/web-secrets';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '5180' },
    'log-level': { type: 'string', default: 'info' },
    /** Another built renderer folder (tests). */
    renderer: { type: 'string' },
    /** Where the key that encrypts stored API keys lives (default: outside the data folder, see README). */
    'key-file': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (got “${values.port}”).`);
  process.exit(2);
}
const dataDir = path.resolve(values.data ?? defaultDataDir());
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataFolderLock = takeDataFolder(dataDir);
const logger = createLogger({ level: values['log-level'], file: path.join(dataDir, 'logs', 'web.log') });
logUnhandledRejections(logger);

const keyFile = values['key-file'] ?? process.env.NOVA_WEB_KEY_FILE;
const { secrets } = createWebSecretStore({ dataDir, ...(keyFile !== undefined && { keyFile }) });
const core = createCore({ dataDir, dataFolderLock, logger, secrets, transport: 'websocket', version: process.env.npm_package_version });
const web = await startBrowserMode({
  core,
  port,
  staticDir: values.renderer ? path.resolve(values.renderer) : path.join(repoRoot, 'dist', 'renderer'),
  ...(process.env.NOVA_WEB_TOKEN && { token: process.env.NOVA_WEB_TOKEN }),
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await web.close();
  core.close();
  await closeLogger(logger);
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
// Printed last: whoever waits for this line (a person, a test) finds the process fully set up.
console.log(`Nova Studio is running in browser mode.\n  Data: ${dataDir}\n  Open: ${web.url}`);

/** First thing, before anything writes to the folder: one core per data folder (the desktop app too). */
function takeDataFolder(folder: string): DataFolderLock {
  try {
    return acquireDataFolderLock({ dataDir: folder, mode: 'browser mode' });
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    console.error(`${describeLockHolder(error.holder)} Close it first or use --data for another folder.`);
    process.exit(1);
  }
}
