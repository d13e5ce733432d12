import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { Timers } from '../../platform/clock';
import { CloudCallError, createCloudClient } from './cloud-client';

type Answer = { status: number; body?: string; headers?: Record<string, string> };
let server: http.Server | null = null;

/** A scripted endpoint on 127.0.0.1: answers in turn, the last one repeated; records what arrived. */
async function scripted(answers: Answer[]) {
  const seen: Array<{ url: string; authorization: string | undefined }> = [];
  server = http.createServer((request, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)] as Answer;
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** Timers that record each wait and fire at once. */
function recordingTimers(): Timers & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    schedule(fn, ms) {
      // The per-attempt timeout (10,000,000 ms here) never fires; retry waits are recorded and fire at once.
      if (ms >= 1_000_000) return () => undefined;
      waits.push(ms);
      const timer = setTimeout(fn, 0);
      return () => clearTimeout(timer);
    },
  };
}

const ok = { status: 200, body: JSON.stringify({ version: 3 }) };
const schema = z.object({ version: z.number() });
const client = (url: string, timers: Timers, token: string | null = 'secret-token') =>
  createCloudClient({ baseUrl: url, token: () => token, timers, random: { next: () => 0.5 }, timeoutMs: 10_000_000, retry: { attempts: 4, baseMs: 100, maxMs: 1000, maxRetryAfterSeconds: 30 } });

describe('the cloud client', () => {
  it('honours Retry-After on 429 before trying again, and sends the bearer token', async () => {
    const endpoint = await scripted([{ status: 429, headers: { 'retry-after': '7' }, body: JSON.stringify({ code: 'RATE_LIMITED', message: 'slow down', retryAfterSeconds: 7 }) }, ok]);
    const timers = recordingTimers();
    await expect(client(endpoint.url, timers).request({ method: 'GET', route: '/keyring', schema })).resolves.toEqual({ version: 3 });
    expect(timers.waits).toEqual([7000]);
    expect(endpoint.seen.map((s) => s.authorization)).toEqual(['Bearer secret-token', 'Bearer secret-token']);
    expect(endpoint.seen[0]?.url).toBe('/v1/keyring');
  });

  it('gives up with RATE_LIMITED when the server asks for a longer wait than it will honour', async () => {
    const endpoint = await scripted([{ status: 429, headers: { 'retry-after': '3600' }, body: JSON.stringify({ code: 'RATE_LIMITED', message: 'slow down' }) }]);
    await expect(client(endpoint.url, recordingTimers()).request({ method: 'GET', route: '/keyring', schema })).rejects.toMatchObject({ code: ErrorCode.RATE_LIMITED });
    expect(endpoint.seen).toHaveLength(1);
  });

  it('backs off with jitter on 5xx, then reports the server failing', async () => {
    const endpoint = await scripted([{ status: 503, body: JSON.stringify({ code: 'STORAGE_UNAVAILABLE', message: 'disk' }) }]);
    const timers = recordingTimers();
    const failure = client(endpoint.url, timers).request({ method: 'GET', route: '/keyring', schema });
    await expect(failure).rejects.toMatchObject({ code: ErrorCode.SYNC_SERVER_FAILED, retryable: true });
    expect(endpoint.seen).toHaveLength(4);
    // random 0.5 × min(1000, 100 × 2^(n−1)).
    expect(timers.waits).toEqual([50, 100, 200]);
  });

  it('maps refusals to the app’s codes without retrying', async () => {
    const cases: Array<[Answer, string]> = [
      [{ status: 401, body: JSON.stringify({ code: 'UNAUTHORIZED', message: 'no' }) }, ErrorCode.SYNC_SIGNED_OUT],
      [{ status: 507, body: JSON.stringify({ code: 'QUOTA_EXCEEDED', message: 'full' }) }, ErrorCode.SYNC_QUOTA_EXCEEDED],
      [{ status: 401, body: JSON.stringify({ code: 'INVALID_CREDENTIALS', message: 'The email or the password is wrong.' }) }, ErrorCode.SYNC_REJECTED],
      [{ status: 409, body: JSON.stringify({ code: 'CONFLICT', message: 'changed', currentVersion: 4 }) }, ErrorCode.CONFLICT],
    ];
    for (const [answer, code] of cases) {
      const endpoint = await scripted([answer]);
      const error = await client(endpoint.url, recordingTimers())
        .request({ method: 'GET', route: '/keyring', schema })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CloudCallError);
      expect(error).toMatchObject({ code });
      expect(endpoint.seen).toHaveLength(1);
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = null;
    }
  });

  it('treats a malformed answer as the server failing, never a crash', async () => {
    for (const body of ['not json', JSON.stringify({ version: 'three' })]) {
      const endpoint = await scripted([{ status: 200, body }]);
      await expect(client(endpoint.url, recordingTimers()).request({ method: 'GET', route: '/keyring', schema })).rejects.toMatchObject({ code: ErrorCode.SYNC_SERVER_FAILED });
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = null;
    }
  });

  it('reports offline when nothing answers, after its retries', async () => {
    const endpoint = await scripted([ok]);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    const timers = recordingTimers();
    await expect(client(endpoint.url, timers).request({ method: 'GET', route: '/keyring', schema })).rejects.toMatchObject({ code: ErrorCode.SYNC_OFFLINE, retryable: true });
    expect(timers.waits).toHaveLength(3);
  });

  it('refuses to call an authenticated route without a token', async () => {
    const endpoint = await scripted([ok]);
    await expect(client(endpoint.url, recordingTimers(), null).request({ method: 'GET', route: '/keyring', schema })).rejects.toMatchObject({ code: ErrorCode.SYNC_SIGNED_OUT });
    expect(endpoint.seen).toHaveLength(0);
  });
});
