import { z } from 'zod';
import { SYNC_TIERS, syncTierSchema, type SyncTier } from '../models/sync';

/**
 * The plans the cloud endpoint sells: the app's list (models/sync.ts), so the two never drift.
 * `free` stores nothing: backup and sync need a paid plan.
 */
export const TIERS = SYNC_TIERS;
export const TierSchema = syncTierSchema;
export type Tier = SyncTier;

const GIB = 1024 ** 3;

/**
 * Bytes each plan may store (current record versions + blobs, open uploads counted at their
 * announced size); `null` is unlimited. Enforced by the server on every write.
 */
export const TIER_QUOTA_BYTES: Readonly<Record<Tier, number | null>> = {
  free: 0,
  pro: 5 * GIB,
  power: 25 * GIB,
  team: null,
};

/** The plans a checkout session can be opened for. */
export const PAID_TIERS = ['pro', 'power', 'team'] as const;
export const PaidTierSchema = z.enum(PAID_TIERS);
export type PaidTier = z.infer<typeof PaidTierSchema>;
