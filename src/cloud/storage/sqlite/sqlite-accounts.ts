import type Database from 'better-sqlite3';
import type { BillingChange, DeviceRow, KeyringRow } from '../metadata-store';
import { LAST_SEEN_RESOLUTION_MS, toAccount, toToken, type AccountDbRow, type AccountPart, type TokenDbRow } from '../sql-rows';

/** Accounts, devices, tokens, keyrings and Stripe event ids on SQLite. */
export function sqliteAccounts(db: Database.Database): AccountPart {
  const insertAccount = db.transaction((row: Parameters<AccountPart['createAccount']>[0]) => {
    const taken = db.prepare('SELECT 1 FROM accounts WHERE email = ?').get(row.email.toLowerCase());
    if (taken) return 'email-taken' as const;
    db.prepare('INSERT INTO accounts (id, email, password_hash, tier, created_at) VALUES (?, ?, ?, ?, ?)').run(
      row.id,
      row.email.toLowerCase(),
      row.passwordHash,
      row.tier,
      row.createdAt,
    );
    db.prepare('INSERT INTO usage (account_id) VALUES (?)').run(row.id);
    return 'created' as const;
  });
  const revokeDevice = db.transaction((accountId: string, deviceId: string, at: number) => {
    const changed = db
      .prepare('UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE account_id = ? AND device_id = ?')
      .run(at, accountId, deviceId).changes;
    db.prepare('UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE account_id = ? AND device_id = ?').run(at, accountId, deviceId);
    return changed > 0;
  });
  const useToken = db.transaction((tokenHash: string, at: number) => {
    const row = db.prepare('SELECT * FROM tokens WHERE token_hash = ?').get(tokenHash) as TokenDbRow | undefined;
    if (!row) return null;
    db.prepare('UPDATE devices SET last_seen_at = ? WHERE account_id = ? AND device_id = ? AND last_seen_at < ?').run(
      at,
      row.account_id,
      row.device_id,
      at - LAST_SEEN_RESOLUTION_MS,
    );
    return toToken(row);
  });
  const swapKeyring = db.transaction((accountId: string, baseVersion: number, blob: Uint8Array, at: number) => {
    const row = db.prepare('SELECT version FROM keyrings WHERE account_id = ?').get(accountId) as { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current !== baseVersion) return { ok: false as const, currentVersion: current };
    db.prepare(
      `INSERT INTO keyrings (account_id, version, blob, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(account_id) DO UPDATE SET version = excluded.version, blob = excluded.blob, updated_at = excluded.updated_at`,
    ).run(accountId, current + 1, Buffer.from(blob), at);
    return { ok: true as const, version: current + 1 };
  });

  const billingUpdate = db.prepare(
    `UPDATE accounts SET tier = ?,
       stripe_customer_id = CASE WHEN ? THEN ? ELSE stripe_customer_id END,
       stripe_subscription_id = CASE WHEN ? THEN ? ELSE stripe_subscription_id END
     WHERE id = ?`,
  );
  const updateBilling = (accountId: string, change: BillingChange): void => {
    billingUpdate.run(
      change.tier,
      change.stripeCustomerId === undefined ? 0 : 1,
      change.stripeCustomerId ?? null,
      change.stripeSubscriptionId === undefined ? 0 : 1,
      change.stripeSubscriptionId ?? null,
      accountId,
    );
  };
  const applyStripeEvent = db.transaction(
    (eventId: string, at: number, change: { accountId: string; billing: BillingChange } | null): 'applied' | 'duplicate' => {
      const fresh = db.prepare('INSERT INTO stripe_events (event_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(eventId, at).changes > 0;
      if (!fresh) return 'duplicate';
      if (change) updateBilling(change.accountId, change.billing);
      return 'applied';
    },
  );

  return {
    createAccount: async (row) => insertAccount(row),
    findAccountByEmail: async (email) =>
      toAccount(db.prepare('SELECT * FROM accounts WHERE email = ?').get(email.toLowerCase()) as AccountDbRow | undefined),
    getAccount: async (accountId) => toAccount(db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as AccountDbRow | undefined),
    findAccountByStripeCustomer: async (customerId) =>
      toAccount(db.prepare('SELECT * FROM accounts WHERE stripe_customer_id = ?').get(customerId) as AccountDbRow | undefined),
    updateBilling: async (accountId, change) => updateBilling(accountId, change),
    upsertDevice: async (row) => {
      db.prepare(
        `INSERT INTO devices (account_id, device_id, name, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(account_id, device_id) DO UPDATE SET name = excluded.name, last_seen_at = excluded.last_seen_at, revoked_at = NULL`,
      ).run(row.accountId, row.deviceId, Buffer.from(row.nameCiphertext), row.at, row.at);
    },
    listDevices: async (accountId) => {
      const rows = db.prepare('SELECT * FROM devices WHERE account_id = ? ORDER BY created_at, device_id').all(accountId) as Array<{
        device_id: string;
        name: Buffer;
        created_at: number;
        last_seen_at: number;
        revoked_at: number | null;
        cursor: number;
      }>;
      return rows.map(
        (row): DeviceRow => ({
          deviceId: row.device_id,
          nameCiphertext: new Uint8Array(row.name),
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          revokedAt: row.revoked_at,
          cursor: row.cursor,
        }),
      );
    },
    revokeDevice: async (accountId, deviceId, at) => revokeDevice(accountId, deviceId, at),
    insertToken: async (row) => {
      db.prepare('INSERT INTO tokens (token_hash, account_id, device_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        row.tokenHash,
        row.accountId,
        row.deviceId,
        row.createdAt,
        row.expiresAt,
        row.revokedAt,
      );
    },
    useToken: async (tokenHash, at) => useToken(tokenHash, at),
    revokeToken: async (tokenHash, at) => {
      db.prepare('UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE token_hash = ?').run(at, tokenHash);
    },
    setDeviceCursor: async (accountId, deviceId, seq) => {
      db.prepare('UPDATE devices SET cursor = MAX(cursor, ?) WHERE account_id = ? AND device_id = ?').run(seq, accountId, deviceId);
    },
    getKeyring: async (accountId) => {
      const row = db.prepare('SELECT version, blob, updated_at FROM keyrings WHERE account_id = ?').get(accountId) as
        | { version: number; blob: Buffer; updated_at: number }
        | undefined;
      return row ? ({ version: row.version, blob: new Uint8Array(row.blob), updatedAt: row.updated_at } satisfies KeyringRow) : null;
    },
    swapKeyring: async (accountId, baseVersion, blob, at) => swapKeyring(accountId, baseVersion, blob, at),
    applyStripeEvent: async (eventId, at, change) => applyStripeEvent.immediate(eventId, at, change),
  };
}
