import { z } from 'zod';
import { PaidTierSchema, TierSchema } from './tiers';

/** `GET /v1/plan`: the account's plan, what it stores, and its request budget. */
export const PlanResponseSchema = z.object({
  tier: TierSchema,
  /** Null: unlimited. */
  quotaBytes: z.number().int().nonnegative().nullable(),
  usage: z.object({
    recordBytes: z.number().int().nonnegative(),
    blobBytes: z.number().int().nonnegative(),
    reservedBytes: z.number().int().nonnegative(),
    backupBytes: z.number().int().nonnegative(),
    totalBytes: z.number().int().nonnegative(),
  }),
  /** True after a downgrade below usage: reads work, new writes are refused, nothing is deleted. */
  overQuota: z.boolean(),
  rateLimit: z.object({ requestsPerSecond: z.number().positive(), burst: z.number().int().positive() }),
});
export type PlanResponse = z.infer<typeof PlanResponseSchema>;

/** `POST /v1/billing/checkout`: opens a Stripe Checkout session for a plan. */
export const CheckoutRequestSchema = z.object({
  tier: PaidTierSchema,
  successUrl: z.url(),
  cancelUrl: z.url(),
});

export const CheckoutResponseSchema = z.object({ sessionId: z.string(), url: z.string() });
export type CheckoutResponse = z.infer<typeof CheckoutResponseSchema>;
