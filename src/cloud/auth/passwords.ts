import sodium from 'sodium-native';

/** Password hashing, behind a port so tests can pick cheaper Argon2id parameters. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface Argon2idCost {
  opsLimit: number;
  memLimit: number;
}

/** libsodium's interactive Argon2id cost (64 MiB, 2 passes): for a login, on a server. */
export const INTERACTIVE_COST: Argon2idCost = {
  opsLimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
  memLimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
};

/** The cheapest cost libsodium allows: for tests only. */
export const MINIMUM_COST: Argon2idCost = {
  opsLimit: sodium.crypto_pwhash_OPSLIMIT_MIN,
  memLimit: sodium.crypto_pwhash_MEMLIMIT_MIN,
};

/**
 * Argon2id through sodium-native's `_async` functions, which run on libuv's thread pool: a
 * login costs tens of milliseconds of a worker thread, never of the event loop. Hashes are
 * libsodium's self-describing `$argon2id$…` strings.
 */
export function createArgon2idHasher(cost: Argon2idCost = INTERACTIVE_COST): PasswordHasher {
  return {
    async hash(password) {
      const out = Buffer.alloc(sodium.crypto_pwhash_STRBYTES);
      await sodium.crypto_pwhash_str_async(out, Buffer.from(password, 'utf8'), cost.opsLimit, cost.memLimit);
      return out.toString('utf8').replace(/\0+$/, '');
    },
    async verify(hash, password) {
      const stored = Buffer.alloc(sodium.crypto_pwhash_STRBYTES);
      stored.write(hash, 'utf8');
      return sodium.crypto_pwhash_str_verify_async(stored, Buffer.from(password, 'utf8'));
    },
  };
}
