import { useEffect } from 'react';
import { useNavigation } from '../features/project/navigation.store';
import { cacheTheme, useResolvedTheme } from '../features/settings';
import { notify } from '../ui';
import { startLocationSync } from './location-sync';
import { useApi, useStores } from './services';
import { useShell } from './shell.store';
import { handleGlobalKey } from './shortcuts';
import type { Stores } from './stores';

/** Applies the resolved theme and editor text size to <html>, where every stylesheet sees them. */
export function useThemeEffect(): void {
  const { usePrefs } = useStores();
  const theme = useResolvedTheme();
  const fontSize = usePrefs((s) => s.prefs.editorFontSize);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    cacheTheme(theme);
  }, [theme]);
  useEffect(() => {
    document.documentElement.style.setProperty('--editor-font-size', `${fontSize}px`);
  }, [fontSize]);
}

/** Re-reads what is on screen after the core comes back, since events were missed meanwhile. */
function refreshAfterReconnect({ usePrefs, useProject, useOutline, useDashboard, useChat }: Stores): void {
  void usePrefs.getState().load();
  const projectId = useNavigation.getState().projectId;
  if (projectId) {
    void useProject.getState().load(projectId);
    void useOutline.getState().refresh();
    // Chat messages changed meanwhile too (a reply ended); the replies this page streams are settled by lib/streams.
    const chat = useChat.getState();
    if (chat.projectId === projectId) {
      void chat.refreshSessions();
      if (chat.activeId) void chat.refreshMessages(chat.activeId);
    }
  } else {
    void useDashboard.getState().load();
  }
}

/** The shell's wiring: preferences, connection status, URL hash, global shortcuts. */
export function useAppEffects(): void {
  const api = useApi();
  const stores = useStores();
  useEffect(() => {
    void stores.usePrefs.getState().load();
  }, [stores]);

  useEffect(() => startLocationSync(), []);

  useEffect(() => {
    let wasLost = false;
    return api.onStatus((status) => {
      const shell = useShell.getState();
      if ((status === 'closed' || status === 'unreachable') && shell.everConnected) wasLost = true;
      shell.setConnection(status);
      if (status === 'open' && wasLost) {
        wasLost = false;
        notify.success('Reconnected to Nova Studio.');
        refreshAfterReconnect(stores);
      }
    });
  }, [api, stores]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => handleGlobalKey(event, stores);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores]);
}
