// Test-only: used by the providers' integration tests, never by the app.
import { afterAll, beforeEach } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer } from '../../../testing/fake-llm-server';

/**
 * The fake provider server for one test file, started at once (await it at the top of the file)
 * and closed after the file's tests. Before each test, `reset` sets what the file's tests expect
 * (models, reply…), then the failures and recorded requests of the previous test are cleared.
 */
export async function useFakeLlmServer(reset: (server: FakeLlmServer) => void): Promise<FakeLlmServer> {
  const server = await startFakeLlmServer();
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    reset(server);
    server.clearFailures();
    server.clearRequests();
  });
  return server;
}
