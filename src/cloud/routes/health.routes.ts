import type { Hono } from 'hono';
import type { CloudDeps, CloudEnv } from '../app-deps';
import { fail } from '../http/errors';

/** `/healthz` (both stores answer) and `/metrics` (Prometheus text). */
export function registerHealthRoutes(app: Hono<CloudEnv>, deps: CloudDeps): void {
  app.get('/healthz', async (c) => {
    try {
      await Promise.all([deps.store.ping(), deps.blobs.ping()]);
    } catch (error) {
      deps.log.error({ err: error }, 'health check failed');
      fail('STORAGE_UNAVAILABLE', 'The storage behind the endpoint is not answering.');
    }
    return c.json({ status: 'ok' });
  });
  app.get('/metrics', async (c) => {
    const text = deps.metrics.render(await deps.store.totalStoredBytes());
    return c.text(text, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
}
