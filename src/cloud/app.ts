import { Hono } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { CloudError } from '../shared/cloud/errors';
import type { CloudDeps, CloudEnv } from './app-deps';
import { requireAuth } from './auth/session';
import { errorResponse } from './http/errors';
import { registerAccountRoutes, registerSignInRoutes } from './routes/accounts.routes';
import { registerCheckoutRoute, registerWebhookRoute } from './routes/billing.routes';
import { registerBlobRoutes } from './routes/blobs.routes';
import { registerHealthRoutes } from './routes/health.routes';
import { registerRecordRoutes } from './routes/records.routes';
import { registerUploadRoutes } from './routes/uploads.routes';

/**
 * The endpoint's routes. Public routes (sign-up, sign-in, Stripe's webhook) are registered
 * before the auth middleware; everything after it needs a live token and spends the account's
 * rate limit.
 */
export function createCloudApp(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, not the path: ids must not explode the metric's label set.
    const route = matchedRoutes(c).filter((matched) => !matched.path.endsWith('*')).at(-1)?.path ?? 'unmatched';
    deps.metrics.observe(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
  });
  app.onError((error, c) => errorResponse(error, c, deps.log));
  app.notFound((c) => c.json({ code: 'NOT_FOUND', message: 'No such route.' } satisfies CloudError, 404));

  registerHealthRoutes(app, deps);
  const v1 = new Hono<CloudEnv>();
  registerSignInRoutes(v1, deps);
  registerWebhookRoute(v1, deps);
  v1.use('*', requireAuth(deps));
  registerAccountRoutes(v1, deps);
  registerRecordRoutes(v1, deps);
  registerUploadRoutes(v1, deps);
  registerBlobRoutes(v1, deps);
  registerCheckoutRoute(v1, deps);
  app.route('/v1', v1);
  return app;
}
