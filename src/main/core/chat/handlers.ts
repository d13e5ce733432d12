import type { DomainHandlers } from '../handlers';
import type { ChatService } from './chat.service';

type ChatMethods = 'chat.list' | 'chat.create' | 'chat.rename' | 'chat.delete' | 'chat.messages' | 'chat.send' | 'chat.regenerate';

export function createChatHandlers(chat: ChatService): DomainHandlers<ChatMethods> {
  return {
    'chat.list': ({ projectId }) => chat.list(projectId),
    'chat.create': ({ projectId, title }) => chat.create(projectId, title),
    'chat.rename': ({ id, title }) => chat.rename(id, title),
    'chat.delete': ({ id }) => {
      chat.remove(id);
      return { ok: true };
    },
    'chat.messages': ({ sessionId }) => chat.messages(sessionId),
    'chat.send': (input, { connectionId }) => chat.send(input, connectionId),
    'chat.regenerate': ({ sessionId }, { connectionId }) => chat.regenerate(sessionId, connectionId),
  };
}
