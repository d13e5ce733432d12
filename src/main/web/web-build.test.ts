import type { UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../../vite.config';

type ConfigFn = (env: { mode: string; command: 'build' | 'serve'; isSsrBuild?: boolean; isPreview?: boolean }) => UserConfig;

describe('the browser-mode build', () => {
  it('emits no source maps (the server refuses .map requests too)', () => {
    const config = (viteConfig as unknown as ConfigFn)({ mode: 'web', command: 'build' });
    expect(config.build?.sourcemap).toBe(false);
  });
});
