/**
 * The Electron entry: one instance, one headless core, one window bound to it over typed IPC.
 * Everything interesting lives in the core; this file only wires the platform to it.
 */
import { app, BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import { contentSecurityPolicy } from './app/csp';
import { installAppMenu } from './app/menu';
import { appOrigins, devServerUrl, originOf, startUrl } from './app/origin';
import { registerAppScheme, serveRenderer } from './app/protocol';
import { applySecurityPolicy, enforceSandbox } from './app/security';
import { createMainWindow } from './app/window';
import { createCore, type Core } from './core';
import { createLogger, type Logger } from './core/platform/logger';
import { bindElectronIpc } from './ipc/electron.binding';
import { createRouter } from './ipc/router';

// Both must happen before `ready`.
registerAppScheme();
enforceSandbox();

if (app.requestSingleInstanceLock()) {
  runApp();
} else {
  // Another instance owns the database; it will focus its window (see 'second-instance').
  app.quit();
}

function runApp(): void {
  const isDev = !app.isPackaged;
  const appRoot = app.getAppPath();
  let core: Core | null = null;
  let logger: Logger | null = null;
  let mainWindow: BrowserWindow | null = null;
  let unbindIpc: (() => void) | null = null;

  const openWindow = (running: Core) => {
    const window = createMainWindow({
      preload: path.join(appRoot, 'dist-electron', 'preload.cjs'),
      url: startUrl(app.isPackaged),
      stateFile: path.join(app.getPath('userData'), 'window-state.json'),
      title: app.name,
      logger: running.logger,
    });
    const router = createRouter({ handlers: running.handlers, logger: running.logger, validateOutput: isDev });
    unbindIpc = bindElectronIpc({ router, events: running.events, window, allowedOrigins: appOrigins(app.isPackaged), logger: running.logger });
    window.on('closed', () => {
      unbindIpc?.();
      unbindIpc = null;
      mainWindow = null;
    });
    mainWindow = window;
  };

  const shutdown = () => {
    unbindIpc?.();
    unbindIpc = null;
    if (!core) return;
    const closing = core;
    core = null;
    try {
      closing.close();
    } finally {
      closing.logger.flush();
    }
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the user quits.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow(core);
  });

  app.on('before-quit', shutdown);

  app
    .whenReady()
    .then(() => {
      const dataDir = app.getPath('userData');
      logger = createLogger({ file: path.join(dataDir, 'logs', 'main.log') });
      core = createCore({
        dataDir,
        migrationsFolder: app.isPackaged
          ? path.join(process.resourcesPath, 'migrations')
          : path.join(appRoot, 'src', 'main', 'core', 'db', 'migrations'),
        version: app.getVersion(),
        transport: 'electron',
        logger,
      });
      const dev = devServerUrl(app.isPackaged);
      const csp = contentSecurityPolicy({ devServerOrigin: dev ? originOf(dev) : null });
      applySecurityPolicy({ origins: appOrigins(app.isPackaged), csp, logger });
      serveRenderer(path.join(appRoot, 'dist', 'renderer'), csp);
      installAppMenu({ isDev });
      if (isDev) reloadOnPreloadRebuild();
      openWindow(core);
    })
    .catch((error: unknown) => {
      // Typically the database could not be opened or migrated: say so, then exit.
      logger?.fatal({ err: error }, 'start-up failed');
      logger?.flush();
      const detail = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Nova Studio could not start', `${detail}\n\nYour data folder: ${app.getPath('userData')}`);
      shutdown();
      app.exit(1);
    });
}

/** vite-plugin-electron tells the running app when the preload script was rebuilt. */
function reloadOnPreloadRebuild(): void {
  process.on('message', (message) => {
    if (message !== 'electron-vite&type=hot-reload') return;
    for (const window of BrowserWindow.getAllWindows()) window.webContents.reload();
  });
}
