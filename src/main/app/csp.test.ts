import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts in production', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: null });
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('allows the dev server HMR socket and the refresh preamble in development', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(csp).toContain("connect-src 'self' ws://localhost:5173");
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    // Media files are redirected from the dev server to app://nova, where the core serves them.
    expect(csp).toContain("media-src 'self' blob: app://nova;");
    expect(csp).toContain("img-src 'self' data: blob: app://nova;");
  });

  it('loads media files from the page’s own origin only in production', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: null });
    expect(csp).toContain("media-src 'self' blob:;");
    expect(csp).toContain("img-src 'self' data: blob:;");
  });
});
