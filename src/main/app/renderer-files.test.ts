import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRouteLike, mimeTypeOf, resolveRendererFile } from './renderer-files';

const root = path.resolve('/srv/nova/dist/renderer');

describe('resolveRendererFile', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveRendererFile(root, 'app://nova/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://nova/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveRendererFile(root, 'app://nova/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://nova/assets/a%20b.css?v=1#x')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('keeps dot segments inside the root (the URL parser already collapsed them)', () => {
    expect(resolveRendererFile(root, 'app://nova/../package.json')).toBe(path.join(root, 'package.json'));
  });

  it('never returns a path outside the root', () => {
    for (const url of ['app://nova/%2e%2e/%2e%2e/etc/passwd', 'app://nova/..%5c..%5csecret', 'app://nova//etc/passwd', 'app://nova/C:/Windows/win.ini']) {
      const resolved = resolveRendererFile(root, url);
      expect(resolved === null || resolved.startsWith(root + path.sep), url).toBe(true);
    }
  });

  it('refuses encoded traversal, NUL bytes, bad encodings and other hosts', () => {
    for (const url of [
      'app://nova/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret',
      'app://nova/%00index.html',
      'app://nova/%E0%A4%A',
      'app://other/index.html',
      'not a url',
    ]) {
      expect(resolveRendererFile(root, url), url).toBeNull();
    }
  });

  it('treats extensionless paths as routes and types files by extension', () => {
    expect(isRouteLike(path.join(root, 'projects'))).toBe(true);
    expect(isRouteLike(path.join(root, 'app.js'))).toBe(false);
    expect(mimeTypeOf('x.js')).toMatch(/^text\/javascript/);
    expect(mimeTypeOf('x.CSS')).toMatch(/^text\/css/);
    expect(mimeTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
