// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatSession } from '../../../../shared/models/chat';
import { createFakeApi } from '../../testing/fake-api';
import { createChatLiveTextStore, createChatStore } from './chat.store';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const SESSION = '00000000-0000-4000-8000-000000000002';
const STREAM = '00000000-0000-4000-8000-000000000003';
const USER_MESSAGE = '00000000-0000-4000-8000-000000000004';
const REPLY = '00000000-0000-4000-8000-000000000005';

const session: ChatSession = { id: SESSION, projectId: PROJECT, title: 'Plot', createdAt: 1, updatedAt: 1 };
function message(id: string, role: ChatMessage['role'], content: string, seq: number): ChatMessage {
  return { id, sessionId: SESSION, seq, role, content, status: 'complete', model: role === 'assistant' ? 'llama3.2' : null, error: null, context: role === 'user' ? { sceneId: null, selection: '' } : null, createdAt: 1 };
}

describe('chat store against a fake client', () => {
  it('sends a message, shows the streamed reply as it arrives, and settles on the stored reply', async () => {
    const api = createFakeApi({
      'chat.list': [session],
      'chat.messages': [],
      'chat.send': { streamId: STREAM, userMessageId: USER_MESSAGE, assistantMessageId: REPLY },
    });
    const liveText = createChatLiveTextStore();
    const chat = createChatStore(api, liveText);

    await chat.getState().load(PROJECT);
    expect(chat.getState()).toMatchObject({ sessions: [session], activeId: SESSION });

    expect(await chat.getState().send('Who is Mara?', { selection: '' })).toBe(true);
    expect(api.inputsOf('chat.send')).toEqual([{ sessionId: SESSION, text: 'Who is Mara?', context: { selection: '' } }]);
    expect(chat.getState().live).toMatchObject({ sessionId: SESSION, assistantMessageId: REPLY, status: 'streaming' });

    api.emit('stream.delta', { streamId: STREAM, text: 'Mara is ' });
    api.emit('stream.delta', { streamId: '00000000-0000-4000-8000-0000000000ff', text: 'another stream' });
    api.emit('stream.delta', { streamId: STREAM, text: 'the heroine.' });
    await expect.poll(() => liveText.getState().text).toBe('Mara is the heroine.');

    const stored = [message(USER_MESSAGE, 'user', 'Who is Mara?', 0), message(REPLY, 'assistant', 'Mara is the heroine.', 1)];
    api.answer('chat.messages', stored);
    api.emit('stream.end', { streamId: STREAM, status: 'done' });
    await expect.poll(() => chat.getState().live).toBeNull();
    expect(chat.getState()).toMatchObject({ messages: stored, pendingUser: null, sendError: null });
    expect(api.listenerCount('stream.delta')).toBe(0);
  });

  it('keeps the question and says why when the message cannot be sent', async () => {
    const api = createFakeApi({ 'chat.list': [session], 'chat.messages': [] });
    const chat = createChatStore(api, createChatLiveTextStore());
    await chat.getState().load(PROJECT);

    expect(await chat.getState().send('Hello?', { selection: '' })).toBe(false);
    expect(chat.getState()).toMatchObject({ live: null, sendError: { code: 'INTERNAL', message: 'The fake API has no answer for chat.send.' } });
  });
});
