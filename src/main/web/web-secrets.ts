import path from 'node:path';
import type { SecretStore } from '../core/platform/secrets';
import { createEncryptedFileSecretStore, defaultWebKeyFile } from '../core/secrets';

/** The browser mode's encrypted secrets, inside the data folder (ciphertext only). */
export const WEB_SECRETS_FILE_NAME = 'secrets.enc.json';

export interface WebSecrets {
  secrets: SecretStore;
  /** The encrypted secrets. */
  file: string;
  /** The key that decrypts them, outside the data folder. */
  keyFile: string;
}

/**
 * The browser mode's secret store: `<dataDir>/secrets.enc.json`, encrypted with a key kept in
 * `keyFile` (by default the per-user place of {@link defaultWebKeyFile}, never the data folder).
 */
export function createWebSecretStore(options: { dataDir: string; keyFile?: string }): WebSecrets {
  const file = path.join(options.dataDir, WEB_SECRETS_FILE_NAME);
  const keyFile = path.resolve(options.keyFile ?? defaultWebKeyFile());
  return { secrets: createEncryptedFileSecretStore({ file, keyFile }), file, keyFile };
}
