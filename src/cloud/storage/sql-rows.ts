import type { Tier } from '../../shared/cloud/tiers';
import type { AccountRow, BackupRow, MetadataStore, TokenRow } from './metadata-store';

/*
 * What the SQL adapters (SQLite and PostgreSQL) share: the parts of the metadata store each file
 * implements, the row shapes of their identical tables, and the row → store mappings.
 */
export type AccountPart = Pick<
  MetadataStore,
  | 'createAccount'
  | 'findAccountByEmail'
  | 'getAccount'
  | 'findAccountByStripeCustomer'
  | 'updateBilling'
  | 'upsertDevice'
  | 'listDevices'
  | 'revokeDevice'
  | 'insertToken'
  | 'useToken'
  | 'revokeToken'
  | 'setDeviceCursor'
  | 'getKeyring'
  | 'swapKeyring'
  | 'applyStripeEvent'
>;

export interface AccountDbRow {
  id: string;
  email: string;
  password_hash: string;
  tier: string;
  created_at: number;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
}

export interface TokenDbRow {
  token_hash: string;
  account_id: string;
  device_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export function toToken(row: TokenDbRow): TokenRow {
  return {
    tokenHash: row.token_hash,
    accountId: row.account_id,
    deviceId: row.device_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** A device's last-seen time is written at most this often, so reads do not each cost a write. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export function toAccount(row: AccountDbRow | undefined): AccountRow | null {
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    tier: row.tier as Tier,
    createdAt: row.created_at,
    stripeCustomerId: row.stripe_customer_id,
    stripeSubscriptionId: row.stripe_subscription_id,
  };
}

export type BlobPart = Pick<
  MetadataStore,
  | 'createUpload'
  | 'getUpload'
  | 'completeUpload'
  | 'deleteUpload'
  | 'getBlob'
  | 'deleteBlob'
  | 'createBackup'
  | 'listBackups'
  | 'getBackup'
  | 'deleteBackup'
>;

export interface BackupDbRow {
  id: string;
  account_id: string;
  blob_id: string;
  kind: 'full' | 'incremental';
  parent_id: string | null;
  manifest: Buffer;
  created_at: number;
}

export function toBackup(row: BackupDbRow): BackupRow {
  return {
    id: row.id,
    accountId: row.account_id,
    blobId: row.blob_id,
    kind: row.kind,
    parentId: row.parent_id,
    manifestCiphertext: new Uint8Array(row.manifest),
    createdAt: row.created_at,
  };
}
