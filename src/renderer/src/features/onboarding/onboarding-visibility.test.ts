import { describe, expect, it } from 'vitest';
import { readDismissed, shouldShowOnboarding, writeDismissed } from './onboarding-visibility';

const base = { readyCount: 0, dismissed: false, closed: false, shown: false, requested: false };

describe('onboarding visibility', () => {
  it('shows when nothing can run, once the status is known', () => {
    expect(shouldShowOnboarding(base)).toBe(true);
    expect(shouldShowOnboarding({ ...base, readyCount: null })).toBe(false);
    expect(shouldShowOnboarding({ ...base, readyCount: 2 })).toBe(false);
  });

  it('stays after the problem is fixed, until closed', () => {
    expect(shouldShowOnboarding({ ...base, readyCount: 3, shown: true })).toBe(true);
    expect(shouldShowOnboarding({ ...base, readyCount: 3, shown: true, closed: true })).toBe(false);
  });

  it('respects a dismissal, but shows when asked for', () => {
    expect(shouldShowOnboarding({ ...base, dismissed: true })).toBe(false);
    expect(shouldShowOnboarding({ ...base, dismissed: true, requested: true, readyCount: 5 })).toBe(true);
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
