/** True on macOS, where shortcuts use ⌘ instead of Ctrl. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The label of the primary modifier key on this platform. */
export const modKey = isMac ? '⌘' : 'Ctrl';

/** Formats a shortcut for display: `shortcutLabel('Mod+Shift+F')` → "Ctrl+Shift+F" or "⌘⇧F". */
export function shortcutLabel(keys: string): string {
  const parts = keys.split('+');
  if (!isMac) return parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)).join('+');
  const mac: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
  return parts.map((p) => mac[p] ?? p).join('');
}

/** True when the primary modifier (Ctrl, or ⌘ on macOS) is held. */
export function hasMod(event: KeyboardEvent | { ctrlKey: boolean; metaKey: boolean }): boolean {
  return isMac ? event.metaKey : event.ctrlKey;
}
