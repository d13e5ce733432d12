import { findScene } from '../features/outline/outline-model';
import { showPanel, togglePanel, useLayout } from '../features/project/layout.store';
import { useNavigation } from '../features/project/navigation.store';
import { hasMod } from './platform';
import { useShell } from './shell.store';
import type { Stores } from './stores';

/** One global shortcut: its keys (for display and matching), what it does, and where it works. */
export interface Shortcut {
  /** Display form, "Mod+Shift+F"; Mod is Ctrl, or ⌘ on macOS. */
  keys: string;
  /** KeyboardEvent.code of the main key (layout-independent). */
  code: string;
  shift?: boolean;
  alt?: boolean;
  description: string;
  scope: 'everywhere' | 'project' | 'dashboard';
  run(stores: Stores): void;
}

function adjacentScene({ useOutline }: Stores, direction: -1 | 1): void {
  const outline = useOutline.getState().outline;
  const nav = useNavigation.getState();
  if (!outline) return;
  const ids = outline.chapters.flatMap((c) => c.scenes.map((s) => s.id));
  const index = nav.sceneId ? ids.indexOf(nav.sceneId) : -1;
  const next = ids[index < 0 ? 0 : index + direction];
  if (next) nav.openScene(next);
}

/** Opens the search panel if needed and puts the focus in its box: a search shortcut never hides search. */
function focusSearch({ useSearch }: Stores): void {
  showPanel('search');
  useSearch.getState().requestFocus();
}

function newScene({ useOutline }: Stores): void {
  const store = useOutline.getState();
  const outline = store.outline;
  if (!outline) return;
  const sceneId = useNavigation.getState().sceneId;
  const chapter = (sceneId ? findScene(outline, sceneId)?.chapter : undefined) ?? outline.chapters[outline.chapters.length - 1];
  if (chapter) void store.addScene(chapter.id);
  else void store.addChapter();
}

/** Every global shortcut, also listed in the Keyboard shortcuts dialog. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Mod+Alt+N', code: 'KeyN', alt: true, description: 'New project', scope: 'dashboard', run: ({ useDashboard }) => useDashboard.getState().setCreateOpen(true) },
  { keys: 'Mod+Alt+N', code: 'KeyN', alt: true, description: 'New scene in the current chapter', scope: 'project', run: newScene },
  { keys: 'Mod+Alt+Shift+N', code: 'KeyN', alt: true, shift: true, description: 'New chapter', scope: 'project', run: ({ useOutline }) => void useOutline.getState().addChapter() },
  { keys: 'Alt+PageUp', code: 'PageUp', alt: true, description: 'Previous scene', scope: 'project', run: (stores) => adjacentScene(stores, -1) },
  { keys: 'Alt+PageDown', code: 'PageDown', alt: true, description: 'Next scene', scope: 'project', run: (stores) => adjacentScene(stores, 1) },
  { keys: 'Mod+Shift+F', code: 'KeyF', shift: true, description: 'Search the manuscript', scope: 'project', run: focusSearch },
  { keys: 'Mod+Shift+K', code: 'KeyK', shift: true, description: 'Codex', scope: 'project', run: () => togglePanel('codex') },
  { keys: 'Mod+Shift+H', code: 'KeyH', shift: true, description: 'Snapshots (history)', scope: 'project', run: () => togglePanel('snapshots') },
  { keys: 'Mod+Shift+A', code: 'KeyA', shift: true, description: 'Chat with the assistant', scope: 'project', run: () => togglePanel('chat') },
  { keys: 'Mod+Shift+Y', code: 'KeyY', shift: true, description: 'Continuity issues', scope: 'project', run: () => togglePanel('continuity') },
  { keys: 'Mod+\\', code: 'Backslash', description: 'Show or hide the sidebar', scope: 'project', run: () => useLayout.getState().toggleSidebar() },
  { keys: 'Mod+Shift+\\', code: 'Backslash', shift: true, description: 'Show or hide the right panel', scope: 'project', run: () => togglePanel() },
  { keys: 'Mod+Shift+M', code: 'KeyM', shift: true, description: 'Switch between the manuscript and the videos', scope: 'project', run: toggleMode },
  { keys: 'Mod+Shift+E', code: 'KeyE', shift: true, description: 'Export', scope: 'project', run: ({ useProject }) => useProject.getState().openDialog('export') },
  { keys: 'Mod+Shift+L', code: 'KeyL', shift: true, description: 'Switch light / dark theme', scope: 'everywhere', run: toggleTheme },
  { keys: 'Mod+,', code: 'Comma', description: 'Preferences', scope: 'everywhere', run: () => useShell.getState().openDialog('preferences') },
  { keys: 'Mod+/', code: 'Slash', description: 'Keyboard shortcuts', scope: 'everywhere', run: () => useShell.getState().openDialog('shortcuts') },
];

function toggleMode(): void {
  const nav = useNavigation.getState();
  if (nav.mode === 'video') nav.openManuscript();
  else nav.openVideos();
}

function toggleTheme({ usePrefs }: Stores): void {
  const { prefs, update } = usePrefs.getState();
  const dark = prefs.theme === 'dark' || (prefs.theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  void update({ theme: dark ? 'light' : 'dark' });
}

/** Finds the shortcut a key press means here, if any. Alt-only shortcuts need no Mod key. */
export function matchShortcut(event: KeyboardEvent, inProject: boolean): Shortcut | undefined {
  return SHORTCUTS.find((s) => {
    if (s.scope === 'project' && !inProject) return false;
    if (s.scope === 'dashboard' && inProject) return false;
    const needsMod = s.keys.startsWith('Mod+');
    return (
      s.code === event.code &&
      needsMod === hasMod(event) &&
      (s.shift === true) === event.shiftKey &&
      (s.alt === true) === event.altKey
    );
  });
}

/** The window-level listener: ignores keys while a modal dialog is open or already handled. */
export function handleGlobalKey(event: KeyboardEvent, stores: Stores): void {
  // AltGr (Ctrl+Alt on Windows) types letters such as "ń": never take those keys.
  if (event.defaultPrevented || event.repeat || event.getModifierState('AltGraph')) return;
  if (document.querySelector('[aria-modal="true"]')) return;
  const shortcut = matchShortcut(event, useNavigation.getState().projectId !== null);
  if (!shortcut) return;
  event.preventDefault();
  shortcut.run(stores);
}
