import type { Context, Hono } from 'hono';
import { CredentialsRequestSchema, CursorRequestSchema, type DeviceListResponse } from '../../shared/cloud/accounts';
import { OpaqueIdSchema } from '../../shared/cloud/common';
import type { CloudDeps, CloudEnv } from '../app-deps';
import { bodyLimit } from 'hono/body-limit';
import { issueSession, rateLimited } from '../auth/session';
import { fail } from '../http/errors';
import { jsonBody, paramOf } from '../http/validate';
import { AUTH_RATE_LIMIT, scaled } from '../limits/rate-limiter';

/** Sign-in bodies are small: anything bigger is refused before it is read. */
const smallBody = bodyLimit({ maxSize: 16 * 1024, onError: () => fail('TOO_LARGE', 'The request body is larger than this route accepts.') });

/** The client's address for per-IP limits (the proxy's header only when configured to trust it). */
function clientAddress(c: Context<CloudEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env.incoming?.socket.remoteAddress ?? 'unknown';
}

/** Sign-up and sign-in (no token needed; limited per client address). */
export function registerSignInRoutes(routes: Hono<CloudEnv>, deps: CloudDeps): void {
  // A hash to verify against when the email is unknown, so a miss costs what a hit costs.
  let decoyHash: Promise<string> | null = null;
  const decoy = (): Promise<string> => (decoyHash ??= deps.passwords.hash(`decoy-${deps.newId()}`));

  const limitByAddress = async (c: Context<CloudEnv>, next: () => Promise<void>): Promise<void> => {
    const taken = deps.limiter.take(`address:${clientAddress(c, deps.config.trustProxy)}`, scaled(AUTH_RATE_LIMIT, deps.config.rateLimitScale));
    if (!taken.ok) throw rateLimited(taken.retryAfterSeconds);
    await next();
  };

  routes.post('/accounts/sign-up', limitByAddress, smallBody, async (c) => {
    const body = await jsonBody(c, CredentialsRequestSchema);
    // Hash before looking the email up, so "taken" and "new" take the same time.
    const passwordHash = await deps.passwords.hash(body.password);
    const accountId = deps.newId();
    const now = deps.clock.now();
    const created = await deps.store.createAccount({ id: accountId, email: body.email, passwordHash, tier: deps.config.defaultTier, createdAt: now });
    let account = await deps.store.getAccount(accountId);
    if (created === 'email-taken') {
      // A retried sign-up (its first answer lost) with the same password signs in.
      const existing = await deps.store.findAccountByEmail(body.email);
      if (!existing || !(await deps.passwords.verify(existing.passwordHash, body.password))) {
        fail('EMAIL_TAKEN', 'An account with this email exists: sign in instead.');
      }
      account = existing;
    }
    if (!account) fail('INTERNAL', 'The account could not be created.');
    await deps.store.upsertDevice({ accountId: account.id, deviceId: body.device.id, nameCiphertext: Buffer.from(body.device.name, 'base64'), at: now });
    return c.json(await issueSession(deps, account.id, body.device.id, account.tier), created === 'created' ? 201 : 200);
  });

  routes.post('/accounts/sign-in', limitByAddress, smallBody, async (c) => {
    const body = await jsonBody(c, CredentialsRequestSchema);
    const account = await deps.store.findAccountByEmail(body.email);
    const matches = await deps.passwords.verify(account?.passwordHash ?? (await decoy()), body.password);
    if (!account || !matches) fail('INVALID_CREDENTIALS', 'The email or the password is wrong.');
    await deps.store.upsertDevice({
      accountId: account.id,
      deviceId: body.device.id,
      nameCiphertext: Buffer.from(body.device.name, 'base64'),
      at: deps.clock.now(),
    });
    return c.json(await issueSession(deps, account.id, body.device.id, account.tier), 200);
  });

}

/** Sign-out, devices and the device's feed cursor (registered after the auth middleware). */
export function registerAccountRoutes(authed: Hono<CloudEnv>, deps: CloudDeps): void {
  authed.post('/accounts/sign-out', async (c) => {
    await deps.store.revokeToken(c.get('auth').tokenHash, deps.clock.now());
    return c.body(null, 204);
  });
  authed.get('/devices', async (c) => {
    const auth = c.get('auth');
    const devices = await deps.store.listDevices(auth.accountId);
    const body: DeviceListResponse = {
      devices: devices.map((device) => ({
        id: device.deviceId,
        name: Buffer.from(device.nameCiphertext).toString('base64'),
        createdAt: device.createdAt,
        lastSeenAt: device.lastSeenAt,
        revokedAt: device.revokedAt,
        cursor: device.cursor,
        current: device.deviceId === auth.deviceId,
      })),
    };
    return c.json(body);
  });
  authed.delete('/devices/:deviceId', async (c) => {
    const deviceId = paramOf(c, 'deviceId', OpaqueIdSchema);
    const revoked = await deps.store.revokeDevice(c.get('auth').accountId, deviceId, deps.clock.now());
    if (!revoked) fail('NOT_FOUND', 'No device by that id on this account.');
    return c.body(null, 204);
  });
  authed.put('/cursor', smallBody, async (c) => {
    const { seq } = await jsonBody(c, CursorRequestSchema);
    const auth = c.get('auth');
    const head = await deps.store.readFeed(auth.accountId, Number.MAX_SAFE_INTEGER, 1);
    if (seq > head.head.seq) fail('INVALID_INPUT', `The feed ends at ${head.head.seq}; a device cannot acknowledge past it.`);
    await deps.store.setDeviceCursor(auth.accountId, auth.deviceId, seq);
    return c.body(null, 204);
  });
}
