export { createEncryptedFileSecretStore, defaultWebKeyFile, type EncryptedFileSecretStoreOptions } from './encrypted-file-secret-store';
export { scrubKnownSecrets, scrubSecrets } from './redact';
export {
  createSerialQueue,
  moveAside,
  PRIVATE_FILE_MODE,
  readSecretFile,
  secretsUnreadable,
  writeSecretFileAtomic,
} from './secret-file';
