export { PreferencesDialog } from './PreferencesDialog';
export { createPrefsStore, type PrefsStore } from './prefs.store';
export { ThemeToggle } from './ThemeToggle';
export { cachedTheme, cacheTheme, useResolvedTheme } from './use-resolved-theme';
export type { ResolvedTheme } from './use-resolved-theme';
