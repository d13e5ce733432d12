/**
 * The Electron entry: one instance, one headless core, one window bound to it over typed IPC.
 * Everything interesting lives in the core; this file only wires the platform to it.
 */
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import path from 'node:path';
import { contentSecurityPolicy } from './app/csp';
import { installAppMenu } from './app/menu';
import { appOrigins, devServerUrl, originOf, startUrl } from './app/origin';
import { redirectDevMediaRequests, registerAppScheme, serveRenderer } from './app/protocol';
import { applySecurityPolicy, enforceSandbox } from './app/security';
import { createMainWindow } from './app/window';
import { createSafeStorageSecretStore } from './app/safe-storage-secrets';
import { createCore, type Core } from './core';
import { acquireDataFolderLock } from './core/platform/data-folder-lock';
import { closeLogger, createLogger, type Logger } from './core/platform/logger';
import { logUnhandledRejections } from './core/platform/process-guards';
import { bindElectronIpc } from './ipc/electron.binding';
import { createRouter } from './ipc/router';

// Both must happen before `ready`.
registerAppScheme();
enforceSandbox();

if (app.requestSingleInstanceLock()) {
  main();
} else {
  // Another instance owns the database; it will focus its window (see 'second-instance').
  app.quit();
}

/** What the shell holds while running. One of each; created on ready, released on quit. */
interface ShellState {
  core: Core | null;
  logger: Logger | null;
  window: BrowserWindow | null;
  unbindIpc: (() => void) | null;
}

function main(): void {
  const state: ShellState = { core: null, logger: null, window: null, unbindIpc: null };

  app.on('second-instance', () => focusOrOpenWindow(state));
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the user quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (state.core && BrowserWindow.getAllWindows().length === 0) openWindow(state, state.core);
  });
  // 'will-quit' comes after 'before-quit' and after every window has closed, so a save the
  // renderer sends while its window is closing still reaches an open database.
  app.on('will-quit', () => shutdown(state));

  app
    .whenReady()
    .then(() => start(state))
    .catch((error: unknown) => failToStart(state, error));
}

function start(state: ShellState): void {
  const isDev = !app.isPackaged;
  const dataDir = app.getPath('userData');
  // Electron's single-instance lock only sees other copies of the app; this one also sees the
  // browser mode. Taken before anything writes to the folder; a holder makes start-up fail with
  // a sentence naming it (see failToStart).
  const dataFolderLock = acquireDataFolderLock({ dataDir, mode: 'desktop app' });
  const logger = createLogger({ file: path.join(dataDir, 'logs', 'main.log') });
  state.logger = logger;
  logUnhandledRejections(logger);
  // Packaged, the shipped files sit in resources/ (electron-builder.yml extraResources); in
  // development they are read from the repository.
  const shipped = (packaged: string, repo: string) => (app.isPackaged ? path.join(process.resourcesPath, packaged) : path.join(app.getAppPath(), repo));
  const core = createCore({
    dataDir,
    dataFolderLock,
    migrationsFolder: shipped('migrations', path.join('src', 'main', 'core', 'db', 'migrations')),
    version: app.getVersion(),
    transport: 'electron',
    logger,
    fontsFolder: shipped(path.join('resources', 'fonts'), path.join('resources', 'fonts')),
    secrets: createSafeStorageSecretStore({ safeStorage, file: path.join(dataDir, 'secrets.json') }),
    ai: {
      promptsFolder: shipped('prompts', 'prompts'),
      modelsDefaultsFile: shipped(path.join('resources', 'models.yaml'), path.join('resources', 'models.yaml')),
      modelTableFile: shipped(path.join('resources', 'model-table.yaml'), path.join('resources', 'model-table.yaml')),
    },
    // Exports go to the OS Videos folder's "Nova Studio" by default.
    media: { videosDir: app.getPath('videos') },
    agents: {
      agentsFolder: shipped(path.join('resources', 'agents'), path.join('resources', 'agents')),
      policyFile: shipped(path.join('resources', 'policy.yaml'), path.join('resources', 'policy.yaml')),
    },
  });
  state.core = core;

  const dev = devServerUrl(app.isPackaged);
  const csp = contentSecurityPolicy({ devServerOrigin: dev ? originOf(dev) : null });
  applySecurityPolicy({ origins: appOrigins(app.isPackaged), csp, logger });
  serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'), csp, (request) => core.media.serve(request));
  if (dev) redirectDevMediaRequests(originOf(dev));
  installAppMenu({ isDev });
  if (isDev) reloadOnPreloadRebuild();
  openWindow(state, core);
}

function openWindow(state: ShellState, core: Core): void {
  const window = createMainWindow({
    preload: path.join(app.getAppPath(), 'dist-electron', 'preload.cjs'),
    url: startUrl(app.isPackaged),
    stateFile: path.join(app.getPath('userData'), 'window-state.json'),
    title: app.name,
    logger: core.logger,
  });
  const router = createRouter({ handlers: core.handlers, logger: core.logger, validateOutput: !app.isPackaged });
  state.unbindIpc = bindElectronIpc({
    router,
    events: core.events,
    window,
    allowedOrigins: appOrigins(app.isPackaged),
    logger: core.logger,
    // A window's page never comes back to claim its streams: stop them at once.
    onConnectionClosed: (connectionId) => core.connectionClosed(connectionId, { mayReconnect: false }),
  });
  window.on('closed', () => {
    state.unbindIpc?.();
    state.unbindIpc = null;
    state.window = null;
  });
  state.window = window;
}

function focusOrOpenWindow(state: ShellState): void {
  const { window, core } = state;
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  } else if (core) {
    // macOS: the app may be running with no window open.
    openWindow(state, core);
  }
}

/** Idempotent: unbinds IPC, closes the database and flushes the log. */
function shutdown(state: ShellState): void {
  state.unbindIpc?.();
  state.unbindIpc = null;
  const { core } = state;
  state.core = null;
  try {
    core?.close();
  } finally {
    // Ends the log file; what is already written is on its way to disk as the app exits.
    if (state.logger) void closeLogger(state.logger);
  }
}

/** Typically the database could not be opened or migrated: say so in words, log the cause, exit. */
function failToStart(state: ShellState, error: unknown): void {
  state.logger?.fatal({ err: error }, 'start-up failed');
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Nova Studio could not start', `${detail}\n\nYour data folder: ${app.getPath('userData')}`);
  shutdown(state);
  app.exit(1);
}

/** vite-plugin-electron tells the running app when the preload script was rebuilt. */
function reloadOnPreloadRebuild(): void {
  process.on('message', (message) => {
    if (message !== 'electron-vite&type=hot-reload') return;
    for (const window of BrowserWindow.getAllWindows()) window.webContents.reload();
  });
}
