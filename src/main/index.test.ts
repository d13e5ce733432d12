/**
 * The Electron binary cannot run on the build machines, so this drives the real entry point
 * against a fake `electron` module: start-up order, window options, the app:// protocol, the
 * security handlers, IPC binding and shutdown. The core is faked too; it has its own tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SecretStore } from './core/platform/secrets';
import { waitFor } from './testing/fake-llm-server/wait-for';

type Fn = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  const appRoot = '';
  return {
    appRoot,
    userData: '',
    appEvents: new Map<string, Fn[]>(),
    contentsEvents: new Map<string, Fn[]>(),
    windows: [] as { options: Record<string, unknown>; url: string | null }[],
    protocolHandler: null as ((request: Request) => Promise<Response>) | null,
    privileged: [] as unknown[],
    sandboxEnabled: false,
    ipcHandlers: new Map<string, Fn>(),
    permissionHandler: null as Fn | null,
    openExternal: [] as string[],
    quit: 0,
    core: { closed: 0, config: null as Record<string, unknown> | null, connectionsClosed: [] as Array<{ connectionId: string; mayReconnect: boolean }> },
    windowOpenHandler: null as ((details: { url: string }) => { action: string }) | null,
  };
});

function on(map: Map<string, Fn[]>, event: string, listener: Fn): void {
  map.set(event, [...(map.get(event) ?? []), listener]);
}
function emit(map: Map<string, Fn[]>, event: string, ...args: unknown[]): void {
  for (const listener of map.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
}

vi.mock('electron', () => {
  const contents = {
    id: 1,
    mainFrame: { processId: 1, routingId: 1, parent: null, url: 'app://nova/index.html' },
    isDestroyed: () => false,
    getURL: () => 'app://nova/index.html',
    send: () => undefined,
    reload: () => undefined,
    on: (event: string, listener: Fn) => on(fake.contentsEvents, event, listener),
    removeListener: (event: string, listener: Fn) => fake.contentsEvents.set(event, (fake.contentsEvents.get(event) ?? []).filter((l) => l !== listener)),
    setWindowOpenHandler: (handler: typeof fake.windowOpenHandler) => {
      fake.windowOpenHandler = handler;
    },
  };
  class BrowserWindow {
    static getAllWindows = () => fake.windows;
    webContents = contents;
    record: { options: Record<string, unknown>; url: string | null };
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: null };
      fake.windows.push(this.record);
      emit(fake.appEvents, 'web-contents-created', {}, contents);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    once() {}
    on() {}
    isDestroyed = () => false;
    maximize() {}
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
    isMaximized = () => false;
  }
  return {
    app: {
      name: 'Nova Studio',
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      enableSandbox: () => {
        fake.sandboxEnabled = true;
      },
      on: (event: string, listener: Fn) => on(fake.appEvents, event, listener),
      whenReady: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
      getAppPath: () => fake.appRoot,
      getPath: () => fake.userData,
      getVersion: () => '0.1.0',
      quit: () => {
        fake.quit += 1;
      },
      exit: () => undefined,
      showAboutPanel: () => undefined,
    },
    BrowserWindow,
    dialog: { showErrorBox: (title: string, body: string) => console.error(title, body) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
      handle: (_scheme: string, handler: typeof fake.protocolHandler) => {
        fake.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Fn) => {
          fake.permissionHandler = handler;
        },
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
        webRequest: { onHeadersReceived: () => undefined },
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: {
      openExternal: (url: string) => {
        fake.openExternal.push(url);
        return Promise.resolve();
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Fn) => fake.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => undefined },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (value: string) => Buffer.from(value).reverse(),
      decryptString: (value: Buffer) => Buffer.from(value).reverse().toString(),
    },
  };
});

vi.mock('./core', async () => {
  const { createEventBus } = await import('./core/events');
  const { silentLogger } = await import('./core/platform/logger');
  const { MEDIA_URL_PREFIX } = await import('./core/media');
  return {
    MEDIA_URL_PREFIX,
    createCore: (config: Record<string, unknown>) => {
      fake.core.config = config;
      return {
        handlers: {},
        events: createEventBus(() => undefined),
        logger: silentLogger(),
        info: { dataDir: String(config['dataDir']), dbFile: ':memory:' },
        connectionClosed: (connectionId: string, options: { mayReconnect: boolean }) => {
          fake.core.connectionsClosed.push({ connectionId, mayReconnect: options.mayReconnect });
        },
        close: () => {
          fake.core.closed += 1;
        },
      };
    },
  };
});

const root = mkdtempSync(path.join(tmpdir(), 'nova-shell-'));
fake.appRoot = path.join(root, 'app');
fake.userData = path.join(root, 'user-data');
mkdirSync(path.join(fake.appRoot, 'dist', 'renderer', 'assets'), { recursive: true });
writeFileSync(path.join(fake.appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Nova</title>');
writeFileSync(path.join(fake.appRoot, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(fake.appRoot, 'secret.txt'), 'outside');
delete process.env['VITE_DEV_SERVER_URL'];

await import('./index');
/** The entry builds the core and the window once `whenReady` resolves: wait for the window, not for a fixed time. */
const ready = waitFor(() => fake.windows.length > 0);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Electron entry', () => {
  it('registers the app:// scheme and sandboxing before ready', () => {
    expect(fake.sandboxEnabled).toBe(true);
    expect(fake.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('creates the core in userData with the repo migrations, then one locked-down window', async () => {
    await ready;
    expect(fake.core.config).toMatchObject({
      dataDir: fake.userData,
      migrationsFolder: path.join(fake.appRoot, 'src', 'main', 'core', 'db', 'migrations'),
      transport: 'electron',
      ai: { promptsFolder: path.join(fake.appRoot, 'prompts'), modelsDefaultsFile: path.join(fake.appRoot, 'resources', 'models.yaml') },
    });
    // API keys go to the OS keychain-backed store: what is saved is safeStorage's ciphertext in
    // userData/secrets.json (the fake safeStorage reverses bytes), never the plain key.
    const secrets = fake.core.config?.secrets as SecretStore;
    await secrets.set('openai', 'sk-test-keychain-proof');
    const saved = readFileSync(path.join(fake.userData, 'secrets.json'), 'utf8');
    expect(saved).not.toContain('sk-test-keychain-proof');
    expect(saved).toContain(Buffer.from('sk-test-keychain-proof').reverse().toString('base64'));
    expect(await secrets.get('openai')).toBe('sk-test-keychain-proof');
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window?.url).toBe('app://nova/index.html');
    expect(window?.options['webPreferences']).toMatchObject({
      preload: path.join(fake.appRoot, 'dist-electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    });
    expect(fake.ipcHandlers.has('nova:invoke')).toBe(true);
    // The app owns its data folder the way the browser mode does (one core per folder).
    expect(JSON.parse(readFileSync(path.join(fake.userData, 'nova.lock'), 'utf8'))).toMatchObject({ mode: 'desktop app', pid: process.pid });
  });

  it('serves the built renderer on app:// with a CSP, and nothing outside it', async () => {
    const handler = fake.protocolHandler;
    if (!handler) throw new Error('no protocol handler');
    const page = await handler(new Request('app://nova/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Nova</title>');
    const script = await handler(new Request('app://nova/assets/app.js'));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await handler(new Request('app://nova/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://nova/missing.js'))).status).toBe(404);
    expect(await (await handler(new Request('app://nova/some/route'))).text()).toContain('<title>Nova</title>');
    expect((await handler(new Request('app://nova/index.html', { method: 'POST' }))).status).toBe(405);
  });

  it('denies permissions, new windows and navigation away from the app', () => {
    const decisions: boolean[] = [];
    (fake.permissionHandler as ((...args: unknown[]) => void) | null)?.({}, 'media', (granted: boolean) => decisions.push(granted));
    expect(decisions).toEqual([false]);

    expect(fake.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(fake.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const prevented: string[] = [];
    const navigate = (url: string) => emit(fake.contentsEvents, 'will-navigate', { preventDefault: () => prevented.push(url) }, url);
    navigate('app://nova/index.html');
    navigate('https://example.org/');
    navigate('smb://server/share');
    expect(prevented).toEqual(['https://example.org/', 'smb://server/share']);
    expect(fake.openExternal).toEqual(['https://example.com/', 'https://example.org/']);

    const attached: string[] = [];
    emit(fake.contentsEvents, 'will-attach-webview', { preventDefault: () => attached.push('blocked') });
    expect(attached).toEqual(['blocked']);
  });

  it('quits on window-all-closed (not on macOS) and closes the core once', () => {
    emit(fake.appEvents, 'window-all-closed');
    expect(fake.quit).toBe(process.platform === 'darwin' ? 0 : 1);
    emit(fake.appEvents, 'will-quit');
    emit(fake.appEvents, 'will-quit');
    expect(fake.core.closed).toBe(1);
    expect(fake.ipcHandlers.has('nova:invoke')).toBe(false);
    // The window's page is gone for good: the streams it started stop at once.
    expect(fake.core.connectionsClosed).toEqual([{ connectionId: expect.stringMatching(/^electron-/) as unknown, mayReconnect: false }]);
  });
});
