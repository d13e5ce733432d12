import { afterEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, appOrigins, devServerUrl, isAppUrl, originOf, startUrl } from './origin';

const saved = process.env['VITE_DEV_SERVER_URL'];
afterEach(() => {
  if (saved === undefined) delete process.env['VITE_DEV_SERVER_URL'];
  else process.env['VITE_DEV_SERVER_URL'] = saved;
});

describe('app origins', () => {
  it('uses app://nova when there is no dev server', () => {
    delete process.env['VITE_DEV_SERVER_URL'];
    expect(startUrl(false)).toBe(`${APP_ORIGIN}/index.html`);
    expect([...appOrigins(false)]).toEqual(['app://nova']);
  });

  it('adds the dev server in development only', () => {
    process.env['VITE_DEV_SERVER_URL'] = 'http://localhost:5173/';
    expect(startUrl(false)).toBe('http://localhost:5173/');
    expect(appOrigins(false).has('http://localhost:5173')).toBe(true);
    expect(devServerUrl(true)).toBeNull();
    expect([...appOrigins(true)]).toEqual(['app://nova']);
  });

  it('ignores a dev server URL with another scheme', () => {
    process.env['VITE_DEV_SERVER_URL'] = 'file:///etc/passwd';
    expect(devServerUrl(false)).toBeNull();
  });

  it('matches URLs by scheme, host and port', () => {
    const origins = new Set(['app://nova', 'http://localhost:5173']);
    expect(originOf('app://nova/assets/x.js')).toBe('app://nova');
    expect(isAppUrl('app://nova/index.html', origins)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', origins)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', origins)).toBe(false);
    expect(isAppUrl('app://evil/index.html', origins)).toBe(false);
    expect(isAppUrl('https://example.com/', origins)).toBe(false);
    expect(isAppUrl('garbage', origins)).toBe(false);
  });
});
