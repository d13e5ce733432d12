import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Nova Studio';

/**
 * The per-user data folder, computed exactly as Electron's `app.getPath('userData')` does for
 * an app named {@link PRODUCT_NAME}, so the browser mode opens the same projects as the app.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'win32') return p.join(env.APPDATA ?? p.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return p.join(env.XDG_CONFIG_HOME ?? p.join(home, '.config'), PRODUCT_NAME);
}

/**
 * The user's videos folder when no shell gave one (the browser mode): what Electron's
 * `app.getPath('videos')` usually is — `~/Movies` on macOS, `~/Videos` elsewhere.
 */
export function defaultVideosDir(platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(home, platform === 'darwin' ? 'Movies' : 'Videos');
}
