/**
 * Sync crypto: the keys and the sealing of backup and sync (issue 10). Pure Node; libsodium
 * through {@link SodiumPort} (native when it loads, WASM otherwise, the same bytes either way).
 */
export { loadSodium, type LoadSodiumOptions } from './sodium-loader';
export { createWasmSodium } from './sodium-wasm.adapter';
export { createNativeSodium } from './sodium-native.adapter';
export { PWHASH_LIMITS, type SodiumKind, type SodiumPort } from './sodium.port';
export { DEFAULT_KDF, MIN_KDF, keyEnvelopeSchema, parseKeyEnvelope, serializeKeyEnvelope, type KdfParams, type KeyEnvelope } from './key-envelope';
export { createKeyringService, type Keyring, type KeyringDeps, type KeyringService, type KeyringWithRecoveryKey } from './keyring';
export { checkRecoveryKeyAnswers, parseRecoveryKey, recoveryKeyChallenge, recoveryKeyGroups, RECOVERY_KEY_GROUPS } from './recovery-key';
export { createRecordSealer, RECORD_PAD_FLOOR, type RecordAddress, type RecordSealer } from './record-seal';
export { BLOB_HEADER_BYTES, BLOB_PAD_FLOOR, BLOB_READ_BYTES, createBlobEncryptor, decryptBlobStream, encryptBlobStream, encryptedBlobSize, type BlobEncryptor, type BlobStreamOptions } from './blob-stream';
export { padme, paddedLength } from './padding';
