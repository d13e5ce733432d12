import { createRequire } from 'node:module';
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
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}));`;
  return new Worker(bootstrap, { eval: true });
}
