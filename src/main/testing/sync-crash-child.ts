/**
 * A syncing core in its own process for the sync engine's crash test: opens `DIR` with the
 * secrets in `SECRETS` (JSON, written by the test), writes `COUNT` codex entries, prints `ready`,
 * syncs in small batches and prints `push <done>` at each uploaded batch, so the test can
 * SIGKILL it mid-round.
 *
 *   node --import tsx src/main/testing/sync-crash-child.ts DIR SECRETS COUNT
 */
import { readFileSync } from 'node:fs';
import { createCore } from '../core';
import { createRouter } from '../ipc/router';
import { silentLogger } from '../core/platform/logger';
import { createMemorySecretStore } from '../core/platform/secrets';
import type { SyncStatus } from '../../shared/models/sync';
import { TEST_SYNC_CONFIG } from './sync-clients';

const [dataDir, secretsFile, count] = process.argv.slice(2);
if (!dataDir || !secretsFile || !count) throw new Error('usage: sync-crash-child.ts DIR SECRETS COUNT');
const secrets = createMemorySecretStore();
for (const [name, value] of Object.entries(JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>)) await secrets.set(name, value);
const core = createCore({ dataDir, logger: silentLogger(), textWorker: null, secrets, sync: { ...TEST_SYNC_CONFIG, batchSize: 25 } });
await core.services.sync.ready;
core.events.subscribe((name, payload) => {
  const status = payload as SyncStatus;
  if (name === 'sync.changed' && status.progress?.stage === 'push') process.stdout.write(`push ${status.progress.done}\n`);
});
const router = createRouter({ handlers: core.handlers, logger: core.logger });
const call = async (method: string, input: unknown): Promise<{ id: string }> => {
  const result = await router.call(method, input, { transport: 'direct' });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.data as { id: string };
};
const project = await call('project.create', { title: 'Crash book' });
for (let i = 0; i < Number(count); i += 1) await call('codex.create', { projectId: project.id, kind: 'character', name: `Person ${i}`, description: `Described ${i}` });
process.stdout.write('ready\n');
await call('sync.now', {});
process.stdout.write('done\n');
