import type { Tier } from '../../shared/cloud/tiers';

/**
 * The metadata store: accounts, devices, tokens, the keyring, records and their feed, uploads,
 * blobs, backups and Stripe events. Every method is async and every multi-row change is one
 * method that the adapter runs in one transaction (SQLite: `db.transaction`; PostgreSQL:
 * `BEGIN … COMMIT` with a row lock on the account), so no caller ever holds a transaction
 * handle across an `await`. Byte strings are `Uint8Array`; hashes are lowercase hex.
 */
export interface MetadataStore {
  /** Checks the store answers (for `/healthz`). Throws when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // — accounts —
  /** Creates an account unless the email is taken (emails are compared lowercased). */
  createAccount(row: NewAccount): Promise<'created' | 'email-taken'>;
  findAccountByEmail(email: string): Promise<AccountRow | null>;
  getAccount(accountId: string): Promise<AccountRow | null>;
  findAccountByStripeCustomer(customerId: string): Promise<AccountRow | null>;
  /** Changes the plan and the Stripe ids that came with it (a field left out is kept). */
  updateBilling(accountId: string, change: BillingChange): Promise<void>;

  // — devices and tokens —
  /** Registers the device, or refreshes its name and clears a revocation when it signs in again. */
  upsertDevice(row: DeviceUpsert): Promise<void>;
  listDevices(accountId: string): Promise<DeviceRow[]>;
  /** Marks the device revoked and revokes all its tokens, atomically. False when unknown. */
  revokeDevice(accountId: string, deviceId: string, at: number): Promise<boolean>;
  insertToken(row: TokenRow): Promise<void>;
  /** The token by the SHA-256 of its secret, with its device's last-seen time bumped to `at`. */
  useToken(tokenHash: string, at: number): Promise<TokenRow | null>;
  revokeToken(tokenHash: string, at: number): Promise<void>;
  /** Stores what a device has acknowledged of the feed (never moves backwards). */
  setDeviceCursor(accountId: string, deviceId: string, seq: number): Promise<void>;

  // — keyring —
  getKeyring(accountId: string): Promise<KeyringRow | null>;
  /** Replaces the keyring if its version is still `baseVersion` (0 = none yet). */
  swapKeyring(accountId: string, baseVersion: number, blob: Uint8Array, at: number): Promise<SwapOutcome>;

  // — records and the feed —
  /**
   * Applies a batch of record writes in one transaction: per record a compare-and-swap on
   * `version - 1`, an idempotent replay of a write already accepted, and for each accepted write
   * a feed entry whose chain hash `chain.next` computes from the previous head. Usage is the sum
   * of current versions' sizes; a batch that would raise it above `quotaBytes` (null = no limit)
   * is refused whole with `quota-exceeded` and changes nothing.
   */
  putRecords(accountId: string, writes: RecordWrite[], options: PutOptions): Promise<PutRecordsResult>;
  /** Feed entries with `seq > afterSeq`, oldest first, at most `limit`, and the head. */
  readFeed(accountId: string, afterSeq: number, limit: number): Promise<FeedPage>;

  // — usage —
  getUsage(accountId: string): Promise<Usage>;
  /** Bytes stored across all accounts (for `/metrics`). */
  totalStoredBytes(): Promise<number>;

  // — uploads and blobs —
  /** Opens an upload reserving `totalSize` bytes of quota, or refuses it when over quota. */
  createUpload(row: NewUpload, quotaBytes: number | null): Promise<'created' | 'quota-exceeded'>;
  getUpload(accountId: string, uploadId: string): Promise<UploadRow | null>;
  /** Turns an open upload into a blob (the reservation becomes its size). */
  completeUpload(accountId: string, uploadId: string, blob: BlobRow): Promise<void>;
  /** Drops an open upload and its reservation. */
  deleteUpload(accountId: string, uploadId: string): Promise<void>;
  getBlob(accountId: string, blobId: string): Promise<BlobRow | null>;
  /** Deletes the blob's row (its bytes are the blob store's); false when unknown or used by a backup. */
  deleteBlob(accountId: string, blobId: string): Promise<'deleted' | 'not-found' | 'in-use'>;

  // — backups —
  /** Registers a backup; refuses a missing blob or parent, or a manifest over quota. */
  createBackup(row: BackupRow, quotaBytes: number | null): Promise<'created' | 'blob-missing' | 'parent-missing' | 'quota-exceeded'>;
  /** The account's backups, oldest first (insertion order at equal times). */
  listBackups(accountId: string): Promise<BackupRow[]>;
  getBackup(accountId: string, backupId: string): Promise<BackupRow | null>;
  /**
   * Deletes the backup, and its blob's row when no other backup uses it (`blobRemoved`: the
   * caller then removes the bytes from the blob store). Null when unknown.
   */
  deleteBackup(accountId: string, backupId: string): Promise<{ blobId: string; blobRemoved: boolean } | null>;

  // — Stripe —
  /**
   * Records a webhook event id and applies its billing change in one transaction, so an event
   * is applied exactly once even when Stripe delivers it again; `duplicate` changes nothing.
   */
  applyStripeEvent(eventId: string, at: number, change: { accountId: string; billing: BillingChange } | null): Promise<'applied' | 'duplicate'>;
}

export interface NewAccount {
  id: string;
  email: string;
  passwordHash: string;
  tier: Tier;
  createdAt: number;
}

export interface AccountRow extends NewAccount {
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
}

export interface BillingChange {
  tier: Tier;
  stripeCustomerId?: string | null;
  stripeSubscriptionId?: string | null;
}

export interface DeviceUpsert {
  accountId: string;
  deviceId: string;
  /** The device's name sealed by the client: opaque here. */
  nameCiphertext: Uint8Array;
  at: number;
}

export interface DeviceRow {
  deviceId: string;
  nameCiphertext: Uint8Array;
  createdAt: number;
  lastSeenAt: number;
  revokedAt: number | null;
  /** The highest feed seq this device acknowledged (0 = none). */
  cursor: number;
}

export interface TokenRow {
  tokenHash: string;
  accountId: string;
  deviceId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface KeyringRow {
  version: number;
  blob: Uint8Array;
  updatedAt: number;
}

export type SwapOutcome = { ok: true; version: number } | { ok: false; currentVersion: number };

export interface RecordWrite {
  id: string;
  /** The new version; the write applies when the stored version is `version - 1`. */
  version: number;
  ciphertext: Uint8Array;
  /** SHA-256 of `ciphertext`, hex (computed once by the caller). */
  ciphertextHash: string;
}

/** The feed's hash chain, passed in so every adapter links entries identically. */
export interface ChainLink {
  /** `h_n` from `h_{n-1}` (hex) and the entry's fields; see src/shared/cloud/records.ts. */
  next(previousHash: string, seq: number, id: string, version: number, ciphertextHash: string): string;
  /** `h_0`, the head of an empty feed. */
  readonly genesis: string;
}

export interface PutOptions {
  quotaBytes: number | null;
  chain: ChainLink;
  at: number;
}

export type RecordOutcome =
  | { id: string; status: 'accepted'; version: number; seq: number }
  | { id: string; status: 'conflict'; currentVersion: number };

export type PutRecordsResult =
  | { ok: true; results: RecordOutcome[]; head: FeedHead }
  | { ok: false; reason: 'quota-exceeded'; usedBytes: number; neededBytes: number };

export interface FeedHead {
  seq: number;
  hash: string;
}

export interface FeedEntry {
  seq: number;
  id: string;
  version: number;
  ciphertextHash: string;
  chainHash: string;
  /** Present only while this entry's version is the record's current one. */
  ciphertext: Uint8Array | null;
}

export interface FeedPage {
  entries: FeedEntry[];
  head: FeedHead;
}

export interface Usage {
  recordBytes: number;
  blobBytes: number;
  /** Bytes reserved by uploads still open. */
  reservedBytes: number;
  backupBytes: number;
}

export interface NewUpload {
  id: string;
  accountId: string;
  totalSize: number;
  createdAt: number;
}

export interface UploadRow extends NewUpload {
  completedAt: number | null;
}

export interface BlobRow {
  id: string;
  accountId: string;
  size: number;
  sha256: string;
  createdAt: number;
}

export interface BackupRow {
  id: string;
  accountId: string;
  blobId: string;
  kind: 'full' | 'incremental';
  parentId: string | null;
  manifestCiphertext: Uint8Array;
  createdAt: number;
}
