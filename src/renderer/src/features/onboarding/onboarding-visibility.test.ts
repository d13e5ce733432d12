import { describe, expect, it } from 'vitest';
import { readDismissed, shouldAutoOpen, shouldShowOnboarding, writeDismissed } from './onboarding-visibility';

describe('onboarding visibility', () => {
  it('opens by itself while setup is incomplete (an embedding model alone is not a setup) unless dismissed', () => {
    expect(shouldAutoOpen({ complete: false }, false)).toBe(true);
    expect(shouldAutoOpen({ complete: true }, false)).toBe(false);
    expect(shouldAutoOpen({ complete: false }, true)).toBe(false);
  });

  it('steps aside while AI settings are open', () => {
    expect(shouldShowOnboarding({ open: true, settingsOpen: false })).toBe(true);
    expect(shouldShowOnboarding({ open: true, settingsOpen: true })).toBe(false);
    expect(shouldShowOnboarding({ open: false, settingsOpen: false })).toBe(false);
  });

  it('remembers the dismissal in storage', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    expect(readDismissed(storage)).toBe(false);
    writeDismissed(true, storage);
    expect(readDismissed(storage)).toBe(true);
    writeDismissed(false, storage);
    expect(readDismissed(storage)).toBe(false);
    expect(readDismissed(undefined)).toBe(false);
  });
});
