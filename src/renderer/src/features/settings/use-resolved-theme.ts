import { useSyncExternalStore } from 'react';
import { useStores } from '../../app/services';

export type ResolvedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function systemIsDark(): boolean {
  return window.matchMedia(DARK_QUERY).matches;
}

/** The theme actually shown: the preference, with "system" resolved (and followed live) via matchMedia. */
export function useResolvedTheme(): ResolvedTheme {
  const { usePrefs } = useStores();
  const theme = usePrefs((state) => state.prefs.theme);
  const dark = useSyncExternalStore(subscribe, systemIsDark);
  if (theme === 'system') return dark ? 'dark' : 'light';
  return theme;
}

const CACHE_KEY = 'nova.theme';

/** Remembers the last shown theme so the next start paints in it before the core answers. */
export function cacheTheme(theme: ResolvedTheme): void {
  try {
    localStorage.setItem(CACHE_KEY, theme);
  } catch {
    // Storage may be unavailable (private mode); the only cost is a flash of the other theme.
  }
}

export function cachedTheme(): ResolvedTheme | null {
  try {
    const value = localStorage.getItem(CACHE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}
