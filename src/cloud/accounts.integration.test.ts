import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceListResponseSchema, SessionResponseSchema } from '../shared/cloud/accounts';
import { CloudErrorSchema } from '../shared/cloud/errors';
import { startTestCloud, type TestCloud } from './testing/cloud-test-server';

const device = (id: string) => ({ id, name: Buffer.from(`sealed ${id}`).toString('base64') });
const credentials = (email: string, password: string, deviceId = 'laptop') => ({ email, password, device: device(deviceId) });

describe('cloud accounts, tokens and devices', () => {
  let cloud: TestCloud;
  beforeEach(async () => {
    cloud = await startTestCloud();
  });
  afterEach(async () => {
    await cloud.dispose();
  });

  it('signs up, signs in on a second device, lists both devices, and signs out', async () => {
    const up = await cloud.call('POST', '/v1/accounts/sign-up', { json: credentials('Ada@Example.com', 'correct horse battery') });
    expect(up.status).toBe(201);
    const session = SessionResponseSchema.parse(up.json);
    expect(session.token).toMatch(/^nct_/);
    expect(session.tier).toBe('team');

    cloud.clock.advance(1000);
    // Emails compare case-insensitively.
    const second = await cloud.call('POST', '/v1/accounts/sign-in', { json: credentials('ada@example.com', 'correct horse battery', 'desktop') });
    expect(second.status).toBe(200);
    const desktop = SessionResponseSchema.parse(second.json);
    expect(desktop.accountId).toBe(session.accountId);

    const list = await cloud.call('GET', '/v1/devices', { token: desktop.token });
    const { devices } = DeviceListResponseSchema.parse(list.json);
    expect(devices.map((d) => [d.id, d.current, d.revokedAt])).toEqual([
      ['laptop', false, null],
      ['desktop', true, null],
    ]);
    expect(Buffer.from(devices[1]!.name, 'base64').toString()).toBe('sealed desktop');

    expect((await cloud.call('POST', '/v1/accounts/sign-out', { token: desktop.token })).status).toBe(204);
    const after = await cloud.call('GET', '/v1/devices', { token: desktop.token });
    expect(after.status).toBe(401);
    expect(CloudErrorSchema.parse(after.json).code).toBe('UNAUTHORIZED');
    // The other device's token is untouched.
    expect((await cloud.call('GET', '/v1/devices', { token: session.token })).status).toBe(200);
  });

  it('answers a wrong password and an unknown email with the same error', async () => {
    await cloud.signUp({ email: 'known@example.com', password: 'the right password' });
    const wrong = await cloud.call('POST', '/v1/accounts/sign-in', { json: credentials('known@example.com', 'not the password') });
    const unknown = await cloud.call('POST', '/v1/accounts/sign-in', { json: credentials('nobody@example.com', 'not the password') });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect(CloudErrorSchema.parse(wrong.json).code).toBe('INVALID_CREDENTIALS');
  });

  it('treats a retried sign-up with the same password as a sign-in, and refuses a different one', async () => {
    const first = await cloud.signUp({ email: 'retry@example.com', password: 'same password here' });
    const again = await cloud.call('POST', '/v1/accounts/sign-up', { json: credentials('retry@example.com', 'same password here') });
    expect(again.status).toBe(200);
    expect(SessionResponseSchema.parse(again.json).accountId).toBe(first.accountId);
    const other = await cloud.call('POST', '/v1/accounts/sign-up', { json: credentials('retry@example.com', 'another password') });
    expect(other.status).toBe(409);
    expect(CloudErrorSchema.parse(other.json).code).toBe('EMAIL_TAKEN');
  });

  it('rejects malformed requests with INVALID_INPUT and a sentence', async () => {
    const short = await cloud.call('POST', '/v1/accounts/sign-up', { json: credentials('a@example.com', 'short') });
    expect(short.status).toBe(400);
    const error = CloudErrorSchema.parse(short.json);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('password');
    const notJson = await cloud.call('POST', '/v1/accounts/sign-in', { body: 'nope', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    const badDevice = await cloud.call('POST', '/v1/accounts/sign-in', {
      json: { email: 'a@example.com', password: 'long enough password', device: { id: '../etc', name: 'x' } },
    });
    expect(badDevice.status).toBe(400);
    const huge = await cloud.call('POST', '/v1/accounts/sign-in', { json: credentials('a@example.com', 'x'.repeat(20_000)) });
    expect(huge.status).toBe(413);
    expect(CloudErrorSchema.parse(huge.json).code).toBe('TOO_LARGE');
  });

  it('refuses missing, unknown and expired tokens', async () => {
    const session = await cloud.signUp();
    expect((await cloud.call('GET', '/v1/plan')).status).toBe(401);
    expect((await cloud.call('GET', '/v1/plan', { token: 'nct_forged' })).status).toBe(401);
    expect((await cloud.call('GET', '/v1/plan', { token: session.token })).status).toBe(200);
    cloud.clock.set(session.expiresAt - 1);
    expect((await cloud.call('GET', '/v1/plan', { token: session.token })).status).toBe(200);
    cloud.clock.set(session.expiresAt);
    const expired = await cloud.call('GET', '/v1/plan', { token: session.token });
    expect(expired.status).toBe(401);
    expect(CloudErrorSchema.parse(expired.json).code).toBe('UNAUTHORIZED');
  });

  it('revoking a device revokes its tokens; signing in again brings it back', async () => {
    const laptop = await cloud.signUp({ email: 'two@example.com', password: 'two devices here', deviceId: 'laptop' });
    const desktopAnswer = await cloud.call('POST', '/v1/accounts/sign-in', { json: credentials('two@example.com', 'two devices here', 'desktop') });
    const desktop = SessionResponseSchema.parse(desktopAnswer.json);

    expect((await cloud.call('DELETE', '/v1/devices/desktop', { token: laptop.token })).status).toBe(204);
    expect((await cloud.call('GET', '/v1/plan', { token: desktop.token })).status).toBe(401);
    const { devices } = DeviceListResponseSchema.parse((await cloud.call('GET', '/v1/devices', { token: laptop.token })).json);
    expect(devices.find((d) => d.id === 'desktop')?.revokedAt).toBe(cloud.clock.now());
    expect((await cloud.call('DELETE', '/v1/devices/nowhere', { token: laptop.token })).status).toBe(404);

    const back = await cloud.call('POST', '/v1/accounts/sign-in', { json: credentials('two@example.com', 'two devices here', 'desktop') });
    expect(back.status).toBe(200);
    expect((await cloud.call('GET', '/v1/plan', { token: SessionResponseSchema.parse(back.json).token })).status).toBe(200);
  });

  it('stores each device cursor, never beyond the feed head and never backwards', async () => {
    const session = await cloud.signUp();
    const ciphertext = Buffer.from('x').toString('base64');
    await cloud.call('POST', '/v1/records', { token: session.token, json: { records: [{ id: 'a', version: 1, ciphertext }, { id: 'b', version: 1, ciphertext }] } });
    expect((await cloud.call('PUT', '/v1/cursor', { token: session.token, json: { seq: 3 } })).status).toBe(400);
    expect((await cloud.call('PUT', '/v1/cursor', { token: session.token, json: { seq: 2 } })).status).toBe(204);
    expect((await cloud.call('PUT', '/v1/cursor', { token: session.token, json: { seq: 1 } })).status).toBe(204);
    const { devices } = DeviceListResponseSchema.parse((await cloud.call('GET', '/v1/devices', { token: session.token })).json);
    expect(devices[0]?.cursor).toBe(2);
  });
});

describe('cloud sign-in rate limit', () => {
  it('answers 429 with Retry-After once an address spends its burst, and lets it in after the wait', async () => {
    const cloud = await startTestCloud({ config: { rateLimitScale: 1 } });
    try {
      const attempt = () => cloud.call('POST', '/v1/accounts/sign-in', { json: credentials('guess@example.com', 'guessing password') });
      for (let i = 0; i < 10; i += 1) expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      const error = CloudErrorSchema.parse(limited.json);
      expect(error.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('retry-after')).toBe(String(error.retryAfterSeconds));
      cloud.clock.advance(Number(limited.headers.get('retry-after')) * 1000);
      expect((await attempt()).status).toBe(401);
    } finally {
      await cloud.dispose();
    }
  });
});
