import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CheckoutRequestSchema, type CheckoutResponse } from '../../shared/cloud/billing';
import type { CloudDeps, CloudEnv } from '../app-deps';
import { billingChangeOf } from '../billing/stripe-events';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';

/** Stripe's webhook: no token, authenticated by its signature over the raw body. */
export function registerWebhookRoute(routes: Hono<CloudEnv>, deps: CloudDeps): void {
  routes.post('/billing/webhook', bodyLimit({ maxSize: 512 * 1024, onError: () => fail('TOO_LARGE', 'The event is too large.') }), async (c) => {
    const stripeConfig = deps.config.stripe;
    if (!deps.stripe || !stripeConfig?.webhookSecret) fail('BILLING_UNAVAILABLE', 'Billing is not set up on this endpoint.');
    const signature = c.req.header('stripe-signature');
    if (!signature) fail('BAD_SIGNATURE', 'The Stripe-Signature header is missing.');
    // The signature covers the exact bytes Stripe sent: verify the raw text, never re-serialised JSON.
    const raw = await c.req.text();
    let event;
    try {
      event = deps.stripe.webhooks.constructEvent(raw, signature, stripeConfig.webhookSecret);
    } catch (_error) {
      fail('BAD_SIGNATURE', 'The Stripe signature does not match this body, or is too old.');
    }
    const change = await billingChangeOf(event, deps.store, stripeConfig);
    const outcome = await deps.store.applyStripeEvent(event.id, deps.clock.now(), change);
    deps.log.info({ eventId: event.id, type: event.type, outcome, tier: change?.billing.tier }, 'stripe event');
    return c.json({ received: true, duplicate: outcome === 'duplicate' });
  });
}

/** Opens a Stripe Checkout session for a paid plan. */
export function registerCheckoutRoute(routes: Hono<CloudEnv>, deps: CloudDeps): void {
  routes.post('/billing/checkout', bodyLimit({ maxSize: 8192 }), async (c) => {
    const body = await jsonBody(c, CheckoutRequestSchema);
    const price = deps.config.stripe?.prices[body.tier];
    if (!deps.stripe || !price) fail('BILLING_UNAVAILABLE', `The ${body.tier} plan cannot be bought on this endpoint.`);
    const auth = c.get('auth');
    const account = await deps.store.getAccount(auth.accountId);
    if (!account) fail('UNAUTHORIZED', 'The account no longer exists.');
    const metadata = { accountId: account.id, tier: body.tier };
    let session;
    try {
      session = await deps.stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price, quantity: 1 }],
        success_url: body.successUrl,
        cancel_url: body.cancelUrl,
        client_reference_id: account.id,
        ...(account.stripeCustomerId ? { customer: account.stripeCustomerId } : { customer_email: account.email }),
        metadata,
        subscription_data: { metadata },
      });
    } catch (error) {
      deps.log.warn({ err: error }, 'stripe checkout failed');
      fail('BILLING_FAILED', 'Stripe could not open a checkout: try again in a moment.');
    }
    if (!session.url) fail('BILLING_FAILED', 'Stripe opened a checkout without a page to send you to.');
    const response: CheckoutResponse = { sessionId: session.id, url: session.url };
    return c.json(response, 201);
  });
}
