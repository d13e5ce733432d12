import { useEffect } from 'react';
import { api } from '../lib/api';
import { useDashboard } from '../features/dashboard/dashboard.store';
import { useOutline } from '../features/outline';
import { useNavigation } from '../features/project/navigation.store';
import { useProject } from '../features/project/project.store';
import { cacheTheme, usePrefs, useResolvedTheme } from '../features/settings';
import { notify } from '../ui';
import { startLocationSync } from './location-sync';
import { useShell } from './shell.store';
import { handleGlobalKey } from './shortcuts';

/** Applies the resolved theme and editor text size to <html>, where every stylesheet sees them. */
export function useThemeEffect(): void {
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
function refreshAfterReconnect(): void {
  void usePrefs.getState().load();
  const projectId = useNavigation.getState().projectId;
  if (projectId) {
    void useProject.getState().load(projectId);
    void useOutline.getState().refresh();
  } else {
    void useDashboard.getState().load();
  }
}

/** The shell's wiring: preferences, connection status, URL hash, global shortcuts. */
export function useAppEffects(): void {
  useEffect(() => {
    void usePrefs.getState().load();
  }, []);

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
        refreshAfterReconnect();
      }
    });
  }, []);

  useEffect(() => {
    window.addEventListener('keydown', handleGlobalKey);
    return () => window.removeEventListener('keydown', handleGlobalKey);
  }, []);
}
