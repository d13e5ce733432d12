import type Stripe from 'stripe';
import { PaidTierSchema, type Tier } from '../../shared/cloud/tiers';
import type { StripeConfig } from '../config';
import type { BillingChange, MetadataStore } from '../storage';

/** Subscription states that keep the paid plan (past_due: Stripe is still retrying the card). */
const PAYING = new Set(['active', 'trialing', 'past_due']);
/** Subscription states that end it. `incomplete` changes nothing until it resolves. */
const ENDED = new Set(['canceled', 'unpaid', 'incomplete_expired']);

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/** The plan a price id buys, from the configured prices. */
function tierOfPrice(config: StripeConfig, priceId: string | undefined): Tier | null {
  if (!priceId) return null;
  const found = Object.entries(config.prices).find(([, price]) => price === priceId);
  return found ? (found[0] as Tier) : null;
}

async function accountFor(store: MetadataStore, metadataAccountId: string | undefined, customerId: string | null): Promise<string | null> {
  if (metadataAccountId && (await store.getAccount(metadataAccountId))) return metadataAccountId;
  if (customerId) return (await store.findAccountByStripeCustomer(customerId))?.id ?? null;
  return null;
}

/**
 * What a verified Stripe event changes: `checkout.session.completed` grants the plan bought;
 * `customer.subscription.updated` follows the subscription's price and status;
 * `customer.subscription.deleted` returns the account to `free`. A downgrade only changes the
 * plan: data stays, and writes that would grow it are refused while it is over the quota.
 */
export async function billingChangeOf(
  event: Stripe.Event,
  store: MetadataStore,
  config: StripeConfig,
): Promise<{ accountId: string; billing: BillingChange } | null> {
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    const tier = PaidTierSchema.safeParse(session.metadata?.tier);
    const accountId = await accountFor(store, session.metadata?.accountId ?? session.client_reference_id ?? undefined, idOf(session.customer));
    if (!accountId || !tier.success) return null;
    return {
      accountId,
      billing: { tier: tier.data, stripeCustomerId: idOf(session.customer), stripeSubscriptionId: idOf(session.subscription) },
    };
  }
  if (event.type === 'customer.subscription.updated' || event.type === 'customer.subscription.deleted') {
    const subscription = event.data.object;
    const accountId = await accountFor(store, subscription.metadata?.accountId, idOf(subscription.customer));
    if (!accountId) return null;
    if (event.type === 'customer.subscription.deleted' || ENDED.has(subscription.status)) {
      return { accountId, billing: { tier: 'free', stripeSubscriptionId: null } };
    }
    if (!PAYING.has(subscription.status)) return null;
    const tier = tierOfPrice(config, subscription.items.data[0]?.price.id) ?? PaidTierSchema.safeParse(subscription.metadata?.tier).data ?? null;
    if (!tier) return null;
    return { accountId, billing: { tier, stripeCustomerId: idOf(subscription.customer), stripeSubscriptionId: subscription.id } };
  }
  return null;
}
