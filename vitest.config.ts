import { defineConfig } from 'vitest/config';

/** Unit and integration tests (real SQLite, sqlite-vec, WebSocket servers on 127.0.0.1). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', '*.test.ts'],
    exclude: ['node_modules', 'dist', 'dist-electron', 'e2e'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
