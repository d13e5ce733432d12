/** The custom scheme that serves the built renderer (see protocol.ts). */
export const APP_SCHEME = 'app';
/** A fixed host so the scheme behaves like a normal, standard origin: `app://nova`. */
export const APP_HOST = 'nova';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The Vite dev server URL, set by vite-plugin-electron during `npm start`. Only honoured when the
 * app is not packaged, so a stray environment variable cannot point an installed app elsewhere.
 */
export function devServerUrl(isPackaged: boolean): string | null {
  const value = process.env['VITE_DEV_SERVER_URL'];
  if (isPackaged || !value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The URL the window loads: the dev server in development, the `app://` origin otherwise. */
export function startUrl(isPackaged: boolean): string {
  return devServerUrl(isPackaged) ?? `${APP_ORIGIN}/index.html`;
}

/** The origins our own UI may live at. Anything else is foreign content. */
export function appOrigins(isPackaged: boolean): ReadonlySet<string> {
  const origins = new Set<string>([APP_ORIGIN]);
  const dev = devServerUrl(isPackaged);
  if (dev) origins.add(originOf(dev));
  return origins;
}

/**
 * `scheme://host[:port]` of a URL. Node's `URL#origin` is `"null"` for schemes it does not know
 * (such as `app:`), while Chromium treats our privileged standard scheme as a real origin; this
 * computes the same string for both kinds.
 */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** True when `url` belongs to one of `origins`. Unparsable URLs are never ours. */
export function isAppUrl(url: string, origins: ReadonlySet<string>): boolean {
  try {
    return origins.has(originOf(url));
  } catch {
    return false;
  }
}
