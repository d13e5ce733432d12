import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../shared/ipc/contract';
import { createRouter } from '../ipc/router';
import type { DocNode } from '../../shared/models/document';
import { createCore, type Core, type CoreConfig } from '../core';
import { plainTextToDocument } from '../core/manuscript';
import { silentLogger } from '../core/platform/logger';

export interface TestCore {
  core: Core;
  dataDir: string;
  /** Calls through the real router (parsing, error mapping) and unwraps the result. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls through the router and returns the raw result, for error-path tests. */
  raw(method: string, input: unknown): ReturnType<ReturnType<typeof createRouter>['call']>;
  dispose(): void;
}

/** A real core on a throwaway data folder (real SQLite file, migrations, sqlite-vec). */
export function createTestCore(options: { inMemory?: boolean; dataDir?: string; config?: Partial<Omit<CoreConfig, 'dataDir'>> } = {}): TestCore {
  // A given folder is reused as is: a second core on it is the app after a restart.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'nova-test-'));
  const core = createCore({ dataDir, logger: silentLogger(), ...(options.inMemory && { dbFile: ':memory:' }), ...options.config });
  const router = createRouter({ handlers: core.handlers, logger: core.logger });
  return {
    core,
    dataDir,
    async call(method, input) {
      const result = await router.call(method, input, { transport: 'direct' });
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return contract[method].output.parse(result.data) as MethodOutput<typeof method>;
    },
    raw: (method, input) => router.call(method, input, { transport: 'direct' }),
    dispose() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A document of plain paragraphs. */
export function doc(...paragraphs: string[]): DocNode {
  return plainTextToDocument(paragraphs.join('\n\n'));
}
