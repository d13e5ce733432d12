import { BrowserWindow, screen } from 'electron';
import type { Logger } from 'pino';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  isVisibleOn,
  loadWindowState,
  saveWindowState,
  saveWindowStateSync,
  type WindowState,
} from './window-state';

export interface MainWindowOptions {
  /** The built preload script. CommonJS: a sandboxed preload cannot be an ES module. */
  preload: string;
  /** The dev server URL or `app://nova/index.html`. */
  url: string;
  /** Where the window's bounds are remembered between launches. */
  stateFile: string;
  title: string;
  logger: Logger;
}

/** Bounds are written this long after the last move or resize, not on every pixel. */
const SAVE_DELAY_MS = 500;

/** Creates the one main window, locked down, restored to where the user left it. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = restorableState(options.stateFile);
  const window = new BrowserWindow({
    title: options.title,
    ...(saved ? saved.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    },
  });
  if (saved?.maximized) window.maximize();
  // Showing only when the first paint is ready avoids a blank white flash.
  window.once('ready-to-show', () => window.show());
  trackWindowState(window, options.stateFile, options.logger);
  window.loadURL(options.url).catch((error: unknown) => {
    options.logger.error({ err: error, url: options.url }, 'the main window failed to load');
  });
  return window;
}

function restorableState(stateFile: string): WindowState | null {
  const saved = loadWindowState(stateFile);
  if (!saved) return null;
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  return isVisibleOn(saved.bounds, workAreas) ? saved : null;
}

function trackWindowState(window: BrowserWindow, stateFile: string, logger: Logger): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const current = (): WindowState => ({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  const scheduleSave = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (window.isDestroyed()) return;
      saveWindowState(stateFile, current()).catch((error: unknown) => logger.warn({ err: error }, 'could not save the window state'));
    }, SAVE_DELAY_MS);
  };
  window.on('resize', scheduleSave);
  window.on('move', scheduleSave);
  window.on('maximize', scheduleSave);
  window.on('unmaximize', scheduleSave);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      saveWindowStateSync(stateFile, current());
    } catch (error) {
      logger.warn({ err: error }, 'could not save the window state');
    }
  });
}
