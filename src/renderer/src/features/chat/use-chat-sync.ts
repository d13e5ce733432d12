import { useEffect } from 'react';
import { useApi, useStores } from '../../app/services';

/** Loads the project's chats and keeps them current when the core reports a change (another window, a reply that ended). */
export function useChatSync(projectId: string): void {
  const api = useApi();
  const { useChat } = useStores();
  useEffect(() => {
    void useChat.getState().load(projectId);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('chat.changed', (event) => {
      if (event.projectId !== projectId) return;
      const chat = useChat.getState();
      if (event.sessionId === chat.activeId) void chat.refreshMessages(event.sessionId);
      // Titles and order change with every message; one list refresh per burst is enough.
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void useChat
          .getState()
          .refreshSessions()
          .then(() => {
            const { sessions, activeId, select } = useChat.getState();
            // The open chat was deleted elsewhere: show the next one.
            if (activeId && !sessions.some((s) => s.id === activeId)) select(sessions[0]?.id ?? null);
          });
      }, 150);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [api, projectId, useChat]);
}
