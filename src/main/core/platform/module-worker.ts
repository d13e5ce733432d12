import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on the module at `url`. A built `.js` module (the packaged app) runs
 * as it is. A `.ts` source — the core run from the repository by tsx (browser mode,
 * benchmarks) or vitest — is loaded through tsx inside the worker, as Node 20 cannot run
 * TypeScript by itself and a worker does not share its parent's loaders.
 */
export function startModuleWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const tsxApi = tsxEsmApi();
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}));`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * The ES module entry of `tsx/esm/api`. `require.resolve` would give its CommonJS twin, whose
 * `tsImport` fails inside a worker (it looks for `esm/api/esm/index.mjs`), so the `import`
 * condition of tsx's exports map is read instead.
 */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const entry = exports['./esm/api']?.import.default;
  if (!entry) throw new Error('tsx/esm/api has no ES module entry.');
  return pathToFileURL(path.join(path.dirname(manifest), entry)).href;
}
