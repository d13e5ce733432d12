import type pg from 'pg';
import type { AccountRow, BillingChange, DeviceRow } from '../metadata-store';
import { fromBytea, inTransaction, toBuffer } from './pg-pool';
import { LAST_SEEN_RESOLUTION_MS, toAccount, toToken, type AccountDbRow, type AccountPart, type TokenDbRow } from '../sql-rows';

const BILLING_UPDATE = `UPDATE accounts SET tier = $2,
    stripe_customer_id = CASE WHEN $3::boolean THEN $4 ELSE stripe_customer_id END,
    stripe_subscription_id = CASE WHEN $5::boolean THEN $6 ELSE stripe_subscription_id END
  WHERE id = $1`;

function billingParams(accountId: string, change: BillingChange): unknown[] {
  return [
    accountId,
    change.tier,
    change.stripeCustomerId !== undefined,
    change.stripeCustomerId ?? null,
    change.stripeSubscriptionId !== undefined,
    change.stripeSubscriptionId ?? null,
  ];
}

/** Accounts, devices, tokens, keyrings and Stripe event ids on PostgreSQL. */
export function pgAccounts(pool: pg.Pool): AccountPart {
  const oneAccount = async (where: string, value: string): Promise<AccountRow | null> =>
    toAccount((await pool.query<AccountDbRow>(`SELECT * FROM accounts WHERE ${where} = $1`, [value])).rows[0]);

  return {
    createAccount: async (row) => {
      // One statement: the account and its usage row appear together or not at all.
      const { rowCount } = await pool.query(
        `WITH created AS (
           INSERT INTO accounts (id, email, password_hash, tier, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (email) DO NOTHING RETURNING id)
         INSERT INTO usage (account_id) SELECT id FROM created`,
        [row.id, row.email.toLowerCase(), row.passwordHash, row.tier, row.createdAt],
      );
      return rowCount === 1 ? 'created' : 'email-taken';
    },
    findAccountByEmail: (email) => oneAccount('email', email.toLowerCase()),
    getAccount: (accountId) => oneAccount('id', accountId),
    findAccountByStripeCustomer: (customerId) => oneAccount('stripe_customer_id', customerId),
    updateBilling: async (accountId, change) => {
      await pool.query(BILLING_UPDATE, billingParams(accountId, change));
    },
    upsertDevice: async (row) => {
      await pool.query(
        `INSERT INTO devices (account_id, device_id, name, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (account_id, device_id) DO UPDATE SET name = excluded.name, last_seen_at = excluded.last_seen_at, revoked_at = NULL`,
        [row.accountId, row.deviceId, toBuffer(row.nameCiphertext), row.at],
      );
    },
    listDevices: async (accountId) => {
      const { rows } = await pool.query<{
        device_id: string;
        name: Buffer;
        created_at: number;
        last_seen_at: number;
        revoked_at: number | null;
        cursor: number;
      }>('SELECT * FROM devices WHERE account_id = $1 ORDER BY created_at, device_id', [accountId]);
      return rows.map(
        (row): DeviceRow => ({
          deviceId: row.device_id,
          nameCiphertext: fromBytea(row.name),
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          revokedAt: row.revoked_at,
          cursor: row.cursor,
        }),
      );
    },
    revokeDevice: async (accountId, deviceId, at) => {
      // Data-modifying CTEs all run, in one statement: the device and its tokens together.
      const { rows } = await pool.query<{ found: number }>(
        `WITH device AS (
           UPDATE devices SET revoked_at = COALESCE(revoked_at, $3) WHERE account_id = $1 AND device_id = $2 RETURNING 1),
         revoked_tokens AS (
           UPDATE tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE account_id = $1 AND device_id = $2 RETURNING 1)
         SELECT (SELECT count(*) FROM device)::int AS found`,
        [accountId, deviceId, at],
      );
      return (rows[0]?.found ?? 0) > 0;
    },
    insertToken: async (row) => {
      await pool.query(
        'INSERT INTO tokens (token_hash, account_id, device_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [row.tokenHash, row.accountId, row.deviceId, row.createdAt, row.expiresAt, row.revokedAt],
      );
    },
    useToken: async (tokenHash, at) => {
      const { rows } = await pool.query<TokenDbRow>(
        `WITH token AS (SELECT * FROM tokens WHERE token_hash = $1),
         seen AS (
           UPDATE devices d SET last_seen_at = $2 FROM token t
           WHERE d.account_id = t.account_id AND d.device_id = t.device_id AND d.last_seen_at < $3 RETURNING 1)
         SELECT * FROM token`,
        [tokenHash, at, at - LAST_SEEN_RESOLUTION_MS],
      );
      const row = rows[0];
      if (!row) return null;
      return toToken(row);
    },
    revokeToken: async (tokenHash, at) => {
      await pool.query('UPDATE tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE token_hash = $1', [tokenHash, at]);
    },
    setDeviceCursor: async (accountId, deviceId, seq) => {
      await pool.query('UPDATE devices SET cursor = GREATEST(cursor, $3) WHERE account_id = $1 AND device_id = $2', [accountId, deviceId, seq]);
    },
    getKeyring: async (accountId) => {
      const { rows } = await pool.query<{ version: number; blob: Buffer; updated_at: number }>(
        'SELECT version, blob, updated_at FROM keyrings WHERE account_id = $1',
        [accountId],
      );
      const row = rows[0];
      return row ? { version: row.version, blob: fromBytea(row.blob), updatedAt: row.updated_at } : null;
    },
    swapKeyring: async (accountId, baseVersion, blob, at) => {
      // A single-statement compare-and-swap: an insert for the first keyring (the primary key
      // refuses a second), an update guarded by the version after that.
      const swap =
        baseVersion === 0
          ? `INSERT INTO keyrings (account_id, version, blob, updated_at) VALUES ($1, 1, $2, $3)
             ON CONFLICT (account_id) DO NOTHING RETURNING version`
          : `UPDATE keyrings SET version = version + 1, blob = $2, updated_at = $3
             WHERE account_id = $1 AND version = $4 RETURNING version`;
      const params = [accountId, toBuffer(blob), at, ...(baseVersion === 0 ? [] : [baseVersion])];
      const swapped = await pool.query<{ version: number }>(swap, params);
      if (swapped.rows[0]) return { ok: true, version: swapped.rows[0].version };
      const current = await pool.query<{ version: number }>('SELECT version FROM keyrings WHERE account_id = $1', [accountId]);
      return { ok: false, currentVersion: current.rows[0]?.version ?? 0 };
    },
    applyStripeEvent: (eventId, at, change) =>
      inTransaction(pool, async (client) => {
        const fresh = await client.query('INSERT INTO stripe_events (event_id, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [eventId, at]);
        if (fresh.rowCount !== 1) return 'duplicate' as const;
        if (change) await client.query(BILLING_UPDATE, billingParams(change.accountId, change.billing));
        return 'applied' as const;
      }),
  };
}
