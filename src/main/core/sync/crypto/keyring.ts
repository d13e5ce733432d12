import { cryptoErrors } from './crypto-errors';
import { DEFAULT_KDF, fromBase64, parseKeyEnvelope, toBase64, type KdfParams, type KeyEnvelope, type KeyWrap } from './key-envelope';
import { formatRecoveryKey, parseRecoveryKey, RECOVERY_KEY_BYTES } from './recovery-key';
import { SODIUM_SIZES, type SodiumPort } from './sodium.port';

const text = new TextEncoder();
const label = (value: string) => text.encode(`nova-studio ${value} v1`);
type Slot = 'passphrase' | 'recovery';

/**
 * The unlocked keys of one account. Every key is derived from the master key on demand and kept
 * until {@link Keyring.lock}, which zeroes them all; after that every call throws KEYS_LOCKED.
 * Keys handed out are the keyring's own arrays: use them, do not keep them.
 */
export interface Keyring {
  /** Names the master key (base64 of 8 bytes derived from it): devices compare it to know they share keys. */
  readonly keyId: string;
  /** The envelope this keyring was unlocked from, or the one its last change produced. */
  readonly envelope: KeyEnvelope;
  /** The key sealing one collection's records (or one kind of blob): BLAKE2b of the collection name keyed by the master key. */
  collectionKey(collection: string): Uint8Array;
  /** The key of the opaque server ids ({@link serverIdOf}). */
  idKey(): Uint8Array;
  isLocked(): boolean;
  /** Zeroes every key held. */
  lock(): void;
}

/** What {@link KeyringService.createKeyring} and {@link KeyringService.rotateRecoveryKey} hand back. */
export interface KeyringWithRecoveryKey {
  keyring: Keyring;
  envelope: KeyEnvelope;
  /** The printable recovery key: shown once, never stored by the app. */
  recoveryKey: string;
}

export interface KeyringService {
  /** A new random master key, wrapped by the passphrase (Argon2id) and by a new recovery key. */
  createKeyring(passphrase: string): Promise<KeyringWithRecoveryKey>;
  /** Throws WRONG_PASSPHRASE, or TAMPERED when the envelope is damaged. */
  unlockWithPassphrase(envelope: unknown, passphrase: string): Promise<Keyring>;
  /** Throws INVALID_RECOVERY_KEY (typo), WRONG_RECOVERY_KEY, or TAMPERED. */
  unlockWithRecoveryKey(envelope: unknown, recoveryKey: string): Promise<Keyring>;
  /** Re-wraps the same master key under a new passphrase (new salt): nothing sealed needs re-encrypting. */
  changePassphrase(keyring: Keyring, next: string): Promise<KeyEnvelope>;
  /** A new recovery key replaces the old one, which stops working. The master key stays. */
  rotateRecoveryKey(keyring: Keyring): Promise<KeyringWithRecoveryKey>;
  /**
   * A copy of the master key, for the OS keychain (the secrets port) so the device unlocks
   * silently at the next start. The caller zeroes it once stored.
   */
  exportMasterKey(keyring: Keyring): Uint8Array;
  /** Opens a keyring from a master key kept by {@link exportMasterKey}; TAMPERED when it is not this envelope's key. */
  openWithMasterKey(envelope: unknown, master: Uint8Array): Keyring;
}

export interface KeyringDeps {
  sodium: SodiumPort;
  /** Argon2id work for new envelopes; {@link DEFAULT_KDF} unless a test lowers it. */
  kdf?: KdfParams;
}

/** The key hierarchy: passphrase → Argon2id → KEK → master key → collection keys and the id key. */
export function createKeyringService(deps: KeyringDeps): KeyringService {
  const { sodium } = deps;
  const kdf = deps.kdf ?? DEFAULT_KDF;
  // The master key and envelope setter of each keyring this service unlocked (never exposed).
  const internals = new WeakMap<Keyring, { master: Uint8Array; setEnvelope: (envelope: KeyEnvelope) => void }>();

  const passphraseKek = async (passphrase: string, params: KdfParams, salt: Uint8Array) => {
    // NFKC: the same passphrase typed on another system may arrive in another Unicode form.
    const bytes = text.encode(passphrase.normalize('NFKC'));
    try {
      return await sodium.pwhash(SODIUM_SIZES.KEY, bytes, salt, params.ops, params.mem);
    } finally {
      sodium.memzero(bytes);
    }
  };
  const recoveryKek = (recovery: Uint8Array) => sodium.genericHash(SODIUM_SIZES.KEY, label('recovery-kek'), recovery);
  // BLAKE2b's smallest output is 16 bytes (sodium-native enforces it): the id is its first 8.
  const keyIdOf = (master: Uint8Array) => toBase64(sodium.genericHash(16, label('key-id'), master).subarray(0, 8));
  const wrapAd = (slot: Slot, keyId: string) => text.encode(`nova-keyring v1 ${slot} ${keyId}`);

  const wrap = (slot: Slot, kek: Uint8Array, master: Uint8Array, keyId: string): KeyWrap => {
    const nonce = sodium.randomBytes(SODIUM_SIZES.AEAD_NONCE);
    const wrapped = sodium.aeadEncrypt(master, wrapAd(slot, keyId), nonce, kek);
    return { nonce: toBase64(nonce), wrapped: toBase64(wrapped), check: toBase64(sodium.genericHash(16, label('kek-check'), kek)) };
  };

  const unwrap = (envelope: KeyEnvelope, slot: Slot, kek: Uint8Array, wrong: () => Error): Uint8Array => {
    try {
      const slotWrap = envelope[slot];
      if (!sodium.equal(sodium.genericHash(16, label('kek-check'), kek), fromBase64(slotWrap.check))) throw wrong();
      const master = sodium.aeadDecrypt(fromBase64(slotWrap.wrapped), wrapAd(slot, envelope.keyId), fromBase64(slotWrap.nonce), kek);
      if (!master) throw cryptoErrors.tampered('The key envelope');
      if (keyIdOf(master) !== envelope.keyId || !sodium.equal(keyCheckOf(sodium, master), fromBase64(envelope.keyCheck))) {
        sodium.memzero(master);
        throw cryptoErrors.tampered('The key envelope');
      }
      return master;
    } finally {
      sodium.memzero(kek);
    }
  };

  const newPassphraseSlot = async (master: Uint8Array, keyId: string, passphrase: string) => {
    const salt = sodium.randomBytes(SODIUM_SIZES.PWHASH_SALT);
    const kek = await passphraseKek(passphrase, kdf, salt);
    try {
      return { kdf: { alg: 'argon2id13' as const, ops: kdf.ops, mem: kdf.mem, salt: toBase64(salt) }, passphrase: wrap('passphrase', kek, master, keyId) };
    } finally {
      sodium.memzero(kek);
    }
  };

  const newRecoverySlot = (master: Uint8Array, keyId: string) => {
    const recovery = sodium.randomBytes(RECOVERY_KEY_BYTES);
    const kek = recoveryKek(recovery);
    try {
      return { recovery: wrap('recovery', kek, master, keyId), recoveryKey: formatRecoveryKey(sodium, recovery) };
    } finally {
      sodium.memzero(kek);
      sodium.memzero(recovery);
    }
  };

  const open = (master: Uint8Array, envelope: KeyEnvelope): Keyring => {
    const { keyring, setEnvelope } = unlockedKeyring(sodium, master, envelope);
    internals.set(keyring, { master, setEnvelope });
    return keyring;
  };
  const internalsOf = (keyring: Keyring) => {
    const found = internals.get(keyring);
    if (!found || keyring.isLocked()) throw cryptoErrors.locked();
    return found;
  };

  return {
    async createKeyring(passphrase) {
      const master = sodium.randomBytes(SODIUM_SIZES.KEY);
      const keyId = keyIdOf(master);
      const { recovery, recoveryKey } = newRecoverySlot(master, keyId);
      const envelope: KeyEnvelope = { format: 'nova-keyring', version: 1, keyId, ...(await newPassphraseSlot(master, keyId, passphrase)), recovery, keyCheck: toBase64(keyCheckOf(sodium, master)) };
      return { keyring: open(master, envelope), envelope, recoveryKey };
    },
    async unlockWithPassphrase(input, passphrase) {
      const envelope = parseKeyEnvelope(input);
      const kek = await passphraseKek(passphrase, envelope.kdf, fromBase64(envelope.kdf.salt));
      return open(unwrap(envelope, 'passphrase', kek, cryptoErrors.wrongPassphrase), envelope);
    },
    async unlockWithRecoveryKey(input, recoveryKey) {
      const envelope = parseKeyEnvelope(input);
      const recovery = parseRecoveryKey(sodium, recoveryKey);
      const kek = recoveryKek(recovery);
      sodium.memzero(recovery);
      return open(unwrap(envelope, 'recovery', kek, cryptoErrors.wrongRecoveryKey), envelope);
    },
    async changePassphrase(keyring, next) {
      const { master, setEnvelope } = internalsOf(keyring);
      const envelope: KeyEnvelope = { ...keyring.envelope, ...(await newPassphraseSlot(master, keyring.keyId, next)) };
      setEnvelope(envelope);
      return envelope;
    },
    async rotateRecoveryKey(keyring) {
      const { master, setEnvelope } = internalsOf(keyring);
      const { recovery, recoveryKey } = newRecoverySlot(master, keyring.keyId);
      const envelope: KeyEnvelope = { ...keyring.envelope, recovery };
      setEnvelope(envelope);
      return { keyring, envelope, recoveryKey };
    },
    exportMasterKey(keyring) {
      return new Uint8Array(internalsOf(keyring).master);
    },
    openWithMasterKey(input, given) {
      const envelope = parseKeyEnvelope(input);
      const master = new Uint8Array(given);
      if (master.length !== SODIUM_SIZES.KEY || keyIdOf(master) !== envelope.keyId || !sodium.equal(keyCheckOf(sodium, master), fromBase64(envelope.keyCheck))) {
        sodium.memzero(master);
        throw cryptoErrors.tampered('The stored key');
      }
      return open(master, envelope);
    },
  };
}

function keyCheckOf(sodium: SodiumPort, master: Uint8Array): Uint8Array {
  return sodium.genericHash(16, label('key-check'), master);
}

function unlockedKeyring(sodium: SodiumPort, master: Uint8Array, initial: KeyEnvelope): { keyring: Keyring; setEnvelope: (envelope: KeyEnvelope) => void } {
  const derived = new Map<string, Uint8Array>();
  let envelope = initial;
  let locked = false;
  const derive = (name: string) => {
    if (locked) throw cryptoErrors.locked();
    let key = derived.get(name);
    if (!key) {
      key = sodium.genericHash(SODIUM_SIZES.KEY, text.encode(`nova-studio ${name}`), master);
      derived.set(name, key);
    }
    return key;
  };
  const keyring: Keyring = {
    keyId: initial.keyId,
    get envelope() {
      return envelope;
    },
    collectionKey: (collection) => derive(`collection-key v1\u0000${collection}`),
    idKey: () => derive('id-key v1'),
    isLocked: () => locked,
    lock() {
      for (const key of derived.values()) sodium.memzero(key);
      derived.clear();
      sodium.memzero(master);
      locked = true;
    },
  };
  const setEnvelope = (next: KeyEnvelope) => {
    envelope = next;
  };
  return { keyring, setEnvelope };
}
