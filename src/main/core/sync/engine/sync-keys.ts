import type { KeyringResponse } from '../../../../shared/cloud/records';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RecoveryKeyCeremony } from '../../../../shared/models/sync';
import type { Random } from '../../platform/clock';
import { checkRecoveryKeyAnswers, parseKeyEnvelope, recoveryKeyChallenge, recoveryKeyGroups, serializeKeyEnvelope, type KeyEnvelope, type Keyring, type KeyringService } from '../crypto';
import type { CloudApi } from './cloud-api';
import { CloudCallError } from './cloud-client';

/** Where an unlocked keyring goes: kept in memory, the master key in the OS keychain. */
export interface KeyKeeper {
  keep(keyring: Keyring, keyringVersion: number): Promise<void>;
}

interface Ceremony {
  keyring: Keyring;
  envelope: KeyEnvelope;
  recoveryKey: string;
  challenge: number[];
}

const envelopeOf = (response: KeyringResponse): KeyEnvelope => parseKeyEnvelope(Buffer.from(response.blob, 'base64').toString('utf8'));
const blobOf = (envelope: KeyEnvelope) => Buffer.from(serializeKeyEnvelope(envelope), 'utf8').toString('base64');
const isConflict = (error: unknown) => error instanceof CloudCallError && error.cloud?.code === 'CONFLICT';
const noKeys = () => new AppError(ErrorCode.CONFLICT, 'This account has no encryption keys yet: set them up on this device first.');

/**
 * The keys' lifecycle against the server's keyring (an opaque blob with a version, replaced by
 * compare-and-swap): create with the recovery-key ceremony (nothing kept until the writer typed
 * groups back), unlock with the passphrase or the recovery key, change the passphrase, recover.
 */
export function createSyncKeys(deps: { api: () => CloudApi; keyrings: () => Promise<KeyringService>; keeper: KeyKeeper; random: Random }) {
  let ceremony: Ceremony | null = null;

  const forget = () => {
    ceremony?.keyring.lock();
    ceremony = null;
  };

  return {
    /** Whether the account has keys on the server. */
    async keysOnServer(): Promise<boolean> {
      return (await deps.api().getKeyring()) !== null;
    },

    async create(passphrase: string): Promise<RecoveryKeyCeremony> {
      if (await this.keysOnServer()) throw new AppError(ErrorCode.CONFLICT, 'This account already has encryption keys: unlock them with your passphrase instead.');
      forget();
      const made = await (await deps.keyrings()).createKeyring(passphrase);
      const challenge = recoveryKeyChallenge(deps.random);
      ceremony = { keyring: made.keyring, envelope: made.envelope, recoveryKey: made.recoveryKey, challenge };
      return { groups: recoveryKeyGroups(made.recoveryKey), challenge };
    },

    async confirm(answers: readonly string[]): Promise<void> {
      const pending = ceremony;
      if (!pending) throw new AppError(ErrorCode.CONFLICT, 'There are no new keys waiting to be confirmed: set up the keys again.');
      const wrong = checkRecoveryKeyAnswers(pending.recoveryKey, pending.challenge, answers);
      if (wrong.length > 0) {
        const groups = wrong.map((index) => index + 1).join(', ');
        throw new AppError(ErrorCode.INVALID_RECOVERY_KEY, `Group ${groups} of the recovery key does not match what was shown. Check what you wrote down and type it again.`);
      }
      let version: number;
      try {
        version = (await deps.api().putKeyring(0, blobOf(pending.envelope))).version;
      } catch (error) {
        if (!isConflict(error)) throw error;
        forget();
        throw new AppError(ErrorCode.CONFLICT, 'Another device set up this account’s keys meanwhile: unlock with that passphrase instead.');
      }
      ceremony = null;
      await deps.keeper.keep(pending.keyring, version);
    },

    async unlock(input: { passphrase: string } | { recoveryKey: string }): Promise<void> {
      const stored = await deps.api().getKeyring();
      if (!stored) throw noKeys();
      const keyrings = await deps.keyrings();
      const envelope = envelopeOf(stored);
      const keyring = 'passphrase' in input ? await keyrings.unlockWithPassphrase(envelope, input.passphrase) : await keyrings.unlockWithRecoveryKey(envelope, input.recoveryKey);
      await deps.keeper.keep(keyring, stored.version);
    },

    /** Re-wraps under a new passphrase; the server's current keyring must open with `current`. */
    async changePassphrase(current: string, next: string): Promise<void> {
      const stored = await deps.api().getKeyring();
      if (!stored) throw noKeys();
      const keyrings = await deps.keyrings();
      const keyring = await keyrings.unlockWithPassphrase(envelopeOf(stored), current);
      await swap(keyrings, keyring, stored.version, next);
    },

    async recover(recoveryKey: string, next: string): Promise<void> {
      const stored = await deps.api().getKeyring();
      if (!stored) throw noKeys();
      const keyrings = await deps.keyrings();
      const keyring = await keyrings.unlockWithRecoveryKey(envelopeOf(stored), recoveryKey);
      await swap(keyrings, keyring, stored.version, next);
    },

    /** Drops a ceremony in progress (sign-out). */
    forget,
  };

  async function swap(keyrings: KeyringService, keyring: Keyring, baseVersion: number, next: string): Promise<void> {
    const envelope = await keyrings.changePassphrase(keyring, next);
    let version: number;
    try {
      version = (await deps.api().putKeyring(baseVersion, blobOf(envelope))).version;
    } catch (error) {
      keyring.lock();
      if (!isConflict(error)) throw error;
      throw new AppError(ErrorCode.CONFLICT, 'The passphrase was changed on another device at the same time. Unlock with the newest passphrase, then try again.');
    }
    await deps.keeper.keep(keyring, version);
  }
}

export type SyncKeys = ReturnType<typeof createSyncKeys>;
