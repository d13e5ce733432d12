import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CheckoutResponseSchema, PlanResponseSchema } from '../shared/cloud/billing';
import { CloudErrorSchema } from '../shared/cloud/errors';
import { FeedResponseSchema } from '../shared/cloud/records';
import type { StripeConfig } from './config';
import { startTestCloud, type TestCloud } from './testing/cloud-test-server';

const WEBHOOK_SECRET = 'whsec_test_secret';
const PRICES = { pro: 'price_pro', power: 'price_power' };

interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  form: URLSearchParams;
}

/** A local stand-in for the one Stripe API call the endpoint makes. */
async function startStripeStandIn(): Promise<{ server: Server; base: string; seen: SeenRequest[]; failNext: { count: number } }> {
  const seen: SeenRequest[] = [];
  const failNext = { count: 0 };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, form: new URLSearchParams(body) });
      response.setHeader('content-type', 'application/json');
      if (failNext.count > 0) {
        failNext.count -= 1;
        response.statusCode = 500;
        response.end(JSON.stringify({ error: { type: 'api_error', message: 'stand-in failure' } }));
        return;
      }
      if (request.method === 'POST' && request.url === '/v1/checkout/sessions') {
        response.end(JSON.stringify({ id: 'cs_test_123', object: 'checkout.session', url: 'https://checkout.stripe.test/c/pay/cs_test_123' }));
        return;
      }
      response.statusCode = 404;
      response.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'not in the stand-in' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, failNext };
}

const signer = new Stripe('sk_test_signer');
function signed(payload: string, options: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const header = signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return { 'stripe-signature': header, 'content-type': 'application/json' };
}

function eventJson(id: string, type: string, object: Record<string, unknown>): string {
  return JSON.stringify({ id, object: 'event', type, api_version: '2025-01-01', created: 1, livemode: false, data: { object } });
}

describe('cloud billing through Stripe', () => {
  let standIn: Awaited<ReturnType<typeof startStripeStandIn>>;
  let cloud: TestCloud;
  let session: { token: string; accountId: string };
  beforeAll(async () => {
    standIn = await startStripeStandIn();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => standIn.server.close(() => resolve()));
  });
  beforeEach(async () => {
    const stripe: StripeConfig = { secretKey: 'sk_test_cloud', webhookSecret: WEBHOOK_SECRET, prices: PRICES, apiBase: new URL(standIn.base) };
    cloud = await startTestCloud({ tier: 'free', stripe });
    session = await cloud.signUp({ email: 'buyer@example.com' });
    standIn.seen.length = 0;
  });
  afterEach(async () => {
    await cloud.dispose();
  });
  const tier = async () => PlanResponseSchema.parse((await cloud.call('GET', '/v1/plan', { token: session.token })).json).tier;
  const deliver = (payload: string, headers = signed(payload)) => cloud.call('POST', '/v1/billing/webhook', { body: payload, headers });

  it('opens a checkout session with the plan price, the account and the URLs', async () => {
    const answer = await cloud.call('POST', '/v1/billing/checkout', {
      token: session.token,
      json: { tier: 'pro', successUrl: 'https://nova.test/ok', cancelUrl: 'https://nova.test/cancel' },
    });
    expect(answer.status).toBe(201);
    expect(CheckoutResponseSchema.parse(answer.json)).toEqual({ sessionId: 'cs_test_123', url: 'https://checkout.stripe.test/c/pay/cs_test_123' });
    expect(standIn.seen).toHaveLength(1);
    const sent = standIn.seen[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.authorization).toBe('Bearer sk_test_cloud');
    expect(Object.fromEntries(sent.form)).toMatchObject({
      mode: 'subscription',
      'line_items[0][price]': 'price_pro',
      'line_items[0][quantity]': '1',
      success_url: 'https://nova.test/ok',
      cancel_url: 'https://nova.test/cancel',
      client_reference_id: session.accountId,
      customer_email: 'buyer@example.com',
      'metadata[accountId]': session.accountId,
      'metadata[tier]': 'pro',
      'subscription_data[metadata][tier]': 'pro',
    });
  });

  it('says when a plan cannot be bought here, and when Stripe fails', async () => {
    const team = await cloud.call('POST', '/v1/billing/checkout', {
      token: session.token,
      json: { tier: 'team', successUrl: 'https://nova.test/ok', cancelUrl: 'https://nova.test/cancel' },
    });
    expect(team.status).toBe(503);
    expect(CloudErrorSchema.parse(team.json).code).toBe('BILLING_UNAVAILABLE');
    standIn.failNext.count = 5;
    const failed = await cloud.call('POST', '/v1/billing/checkout', {
      token: session.token,
      json: { tier: 'power', successUrl: 'https://nova.test/ok', cancelUrl: 'https://nova.test/cancel' },
    });
    standIn.failNext.count = 0;
    expect(failed.status).toBe(502);
    expect(CloudErrorSchema.parse(failed.json).code).toBe('BILLING_FAILED');
  });

  it('changes the plan on verified events, once per event id', async () => {
    const completed = eventJson('evt_1', 'checkout.session.completed', {
      id: 'cs_1',
      object: 'checkout.session',
      customer: 'cus_1',
      subscription: 'sub_1',
      client_reference_id: session.accountId,
      metadata: { accountId: session.accountId, tier: 'power' },
    });
    const first = await deliver(completed);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ received: true, duplicate: false });
    expect(await tier()).toBe('power');

    // The subscription moves to the pro price: found by the customer id alone.
    const updated = (id: string, status: string) =>
      eventJson(id, 'customer.subscription.updated', {
        id: 'sub_1',
        object: 'subscription',
        customer: 'cus_1',
        status,
        metadata: {},
        items: { object: 'list', data: [{ id: 'si_1', object: 'subscription_item', price: { id: 'price_pro', object: 'price' } }] },
      });
    await deliver(updated('evt_2', 'active'));
    expect(await tier()).toBe('pro');

    const deleted = eventJson('evt_3', 'customer.subscription.deleted', { id: 'sub_1', object: 'subscription', customer: 'cus_1', status: 'canceled', metadata: {}, items: { data: [] } });
    await deliver(deleted);
    expect(await tier()).toBe('free');

    // Stripe delivering an old event again changes nothing.
    const replay = await deliver(completed);
    expect(replay.json).toEqual({ received: true, duplicate: true });
    expect(await tier()).toBe('free');
  });

  it('rejects forged, tampered, stale and unsigned webhooks, changing nothing', async () => {
    const payload = eventJson('evt_forged', 'checkout.session.completed', {
      id: 'cs_x',
      object: 'checkout.session',
      customer: 'cus_x',
      subscription: 'sub_x',
      metadata: { accountId: session.accountId, tier: 'team' },
    });
    const forged = await deliver(payload, signed(payload, { secret: 'whsec_attacker' }));
    const tampered = await deliver(payload.replace('"team"', '"power"'), signed(payload));
    const stale = await deliver(payload, signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 }));
    const unsigned = await cloud.call('POST', '/v1/billing/webhook', { body: payload, headers: { 'content-type': 'application/json' } });
    for (const answer of [forged, tampered, stale, unsigned]) {
      expect(answer.status).toBe(400);
      expect(CloudErrorSchema.parse(answer.json).code).toBe('BAD_SIGNATURE');
    }
    expect(await tier()).toBe('free');
    // The same event, properly signed, still applies: the rejected ones did not burn its id.
    expect((await deliver(payload)).json).toEqual({ received: true, duplicate: false });
    expect(await tier()).toBe('team');
  });

  it('a downgrade below usage blocks writes that grow storage but deletes nothing', async () => {
    const upgrade = eventJson('evt_up', 'checkout.session.completed', {
      id: 'cs_2',
      object: 'checkout.session',
      customer: 'cus_2',
      subscription: 'sub_2',
      metadata: { accountId: session.accountId, tier: 'pro' },
    });
    await deliver(upgrade);
    const ciphertext = Buffer.from('sealed bytes').toString('base64');
    const put = (id: string) => cloud.call('POST', '/v1/records', { token: session.token, json: { records: [{ id, version: 1, ciphertext }] } });
    expect((await put('a')).status).toBe(200);

    await deliver(eventJson('evt_down', 'customer.subscription.deleted', { id: 'sub_2', object: 'subscription', customer: 'cus_2', status: 'canceled', metadata: {}, items: { data: [] } }));
    const plan = PlanResponseSchema.parse((await cloud.call('GET', '/v1/plan', { token: session.token })).json);
    expect(plan).toMatchObject({ tier: 'free', overQuota: true, usage: { recordBytes: 12 } });
    expect((await put('b')).status).toBe(507);
    const feed = FeedResponseSchema.parse((await cloud.call('GET', '/v1/feed', { token: session.token })).json);
    expect(feed.entries.map((e) => [e.id, e.ciphertext])).toEqual([['a', ciphertext]]);
  });
});
