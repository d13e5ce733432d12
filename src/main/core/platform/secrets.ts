/**
 * Where secrets (BYOK API keys) live. The Electron shell provides one backed by the OS
 * keychain (safeStorage); the browser mode an encrypted file whose key is kept outside the data
 * folder; tests an in-memory one. Values never pass through logs or back to the renderer.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Names of stored secrets (not their values). */
  list(): Promise<string[]>;
}

/** A store for tests: keeps secrets in memory only. */
export function createMemorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => {
      values.set(name, value);
    },
    delete: async (name) => {
      values.delete(name);
    },
    list: async () => [...values.keys()],
  };
}
