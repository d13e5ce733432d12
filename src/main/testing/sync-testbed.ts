import { afterEach, beforeEach } from 'vitest';
import { createSyncClient, startTestCloud, type SyncClient, type TestCloud } from './sync-clients';

/**
 * A fresh endpoint for each test of the file that calls this at its top, and the devices made
 * against it, disposed after each test (vitest hooks; kept apart from sync-clients.ts, which the
 * benchmark imports outside vitest).
 */
export function syncTestbed(): { cloud: () => TestCloud; client: (name: string, options?: Parameters<typeof createSyncClient>[1]) => SyncClient } {
  let cloud: TestCloud | null = null;
  let clients: SyncClient[] = [];
  beforeEach(async () => {
    cloud = await startTestCloud();
    clients = [];
  });
  afterEach(async () => {
    for (const client of clients) client.dispose();
    await cloud?.dispose();
    cloud = null;
  });
  return {
    cloud: () => {
      if (!cloud) throw new Error('the test endpoint runs only inside a test');
      return cloud;
    },
    client: (name, options = {}) => {
      const made = createSyncClient(name, options);
      clients.push(made);
      return made;
    },
  };
}
