// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatSession } from '../../../../shared/models/chat';
import { ApiError } from '../../lib/api';
import { createFakeApi } from '../../testing/fake-api';
import { displayMessages } from './chat-model';
import { createChatLiveTextStore, createChatStore } from './chat.store';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const SESSION = '00000000-0000-4000-8000-000000000002';
const STREAM = '00000000-0000-4000-8000-000000000003';
const USER_MESSAGE = '00000000-0000-4000-8000-000000000004';
const REPLY = '00000000-0000-4000-8000-000000000005';

const session: ChatSession = { id: SESSION, projectId: PROJECT, title: 'Plot', createdAt: 1, updatedAt: 1 };
function message(id: string, role: ChatMessage['role'], content: string, seq: number): ChatMessage {
  return { id, sessionId: SESSION, seq, role, content, status: 'complete', model: role === 'assistant' ? 'llama3.2' : null, error: null, context: role === 'user' ? { sceneId: null, selection: '' } : null, sources: [], runId: null, createdAt: 1 };
}

describe('chat store against a fake client', () => {
  it('sends a message, shows the streamed reply as it arrives, and settles on the stored reply', async () => {
    const api = createFakeApi({
      'chat.list': [session],
      'chat.messages': [],
      'chat.send': { streamId: STREAM, userMessageId: USER_MESSAGE, assistantMessageId: REPLY, runId: null },
    });
    const liveText = createChatLiveTextStore();
    const chat = createChatStore(api, liveText);

    await chat.getState().load(PROJECT);
    expect(chat.getState()).toMatchObject({ sessions: [session], activeId: SESSION });

    expect(await chat.getState().send('Who is Mara?', { selection: '' })).toBe(true);
    // Auto unless the writer picked who answers.
    expect(api.inputsOf('chat.send')).toEqual([{ sessionId: SESSION, text: 'Who is Mara?', context: { selection: '' }, route: { kind: 'auto' } }]);
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

  it('settles at once on a reply the crew completed without a stream (a run started, or a question back)', async () => {
    const RUN = '00000000-0000-4000-8000-000000000009';
    const stored = [message(USER_MESSAGE, 'user', 'Draft chapter 4', 0), { ...message(REPLY, 'assistant', 'Started “Draft a chapter from its outline”.', 1), model: null, runId: RUN }];
    const api = createFakeApi({ 'chat.list': [session], 'chat.messages': [], 'chat.send': { streamId: null, userMessageId: USER_MESSAGE, assistantMessageId: REPLY, runId: RUN } });
    const chat = createChatStore(api, createChatLiveTextStore());
    await chat.getState().load(PROJECT);
    api.answer('chat.messages', stored);

    expect(await chat.getState().send('Draft chapter 4', { selection: '' })).toBe(true);
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

describe('chat replies and their stream', () => {
  const started = { streamId: STREAM, userMessageId: USER_MESSAGE, assistantMessageId: REPLY, runId: null };
  const streaming = [message(USER_MESSAGE, 'user', 'Who keeps the light?', 0), { ...message(REPLY, 'assistant', '', 1), status: 'streaming' as const, model: null }];

  /** A chat whose question was sent and whose reply streams. */
  async function sendAndStream() {
    const api = createFakeApi({ 'chat.list': [session], 'chat.messages': streaming, 'chat.send': started });
    const liveText = createChatLiveTextStore();
    const chat = createChatStore(api, liveText);
    await chat.getState().load(PROJECT);
    expect(await chat.getState().send('Who keeps the light?', { selection: '' })).toBe(true);
    /** What the conversation shows for the reply: its status and text. */
    const shownReply = () => {
      const { messages, live, pendingUser } = chat.getState();
      const reply = displayMessages(messages, live, pendingUser).find((m) => m.role === 'assistant');
      return reply && { status: reply.status, text: reply.live ? liveText.getState().text : reply.content };
    };
    return { api, chat, shownReply };
  }

  it('drop their retry and fallback notices when the reply ends', async () => {
    const { api, chat } = await sendAndStream();
    api.emit('stream.notice', { streamId: STREAM, kind: 'retrying', message: 'Ollama had a problem. Trying again in 1 s (attempt 2).' });
    expect(chat.getState().notices[REPLY]).toHaveLength(1);
    api.emit('stream.delta', { streamId: STREAM, text: 'The keeper.' });
    api.emit('stream.end', { streamId: STREAM, status: 'done' });
    expect(chat.getState().notices[REPLY]).toBeUndefined();
  });

  it('settle with their full text when the end went by while the connection was down', async () => {
    const { api, chat, shownReply } = await sendAndStream();
    api.emit('stream.delta', { streamId: STREAM, text: 'The lamp' });
    await expect.poll(shownReply).toEqual({ status: 'streaming', text: 'The lamp' });
    api.setStatus('closed');
    // The core finished and stored the reply meanwhile; its end event was lost with the socket.
    const whole = 'The lamp guttered, and the keeper listened.';
    api.answer('stream.replay', {
      streamId: STREAM,
      state: 'ended',
      events: [
        { type: 'delta', seq: 1, text: 'The lamp' },
        { type: 'delta', seq: 2, text: ' guttered, and the keeper listened.' },
        { type: 'end', seq: 3, status: 'done' },
      ],
      complete: true,
      text: whole,
      lastSeq: 3,
    });
    api.answer('chat.messages', [message(USER_MESSAGE, 'user', 'Who keeps the light?', 0), message(REPLY, 'assistant', whole, 1)]);
    api.setStatus('open');
    await expect.poll(shownReply).toEqual({ status: 'complete', text: whole });
    await expect.poll(() => chat.getState().live).toBeNull();
    expect(api.inputsOf('stream.replay')).toEqual([{ streamId: STREAM, afterSeq: 1 }]);
  });

  it('keep the conversation on screen when a refresh fails while the connection flickers', async () => {
    const { api, chat, shownReply } = await sendAndStream();
    api.emit('stream.delta', { streamId: STREAM, text: 'The lamp' });
    await expect.poll(shownReply).toEqual({ status: 'streaming', text: 'The lamp' });
    api.answer('chat.messages', () => {
      throw new ApiError('DISCONNECTED', 'Lost the connection to Nova Studio’s core. Reconnecting…', true);
    });
    api.answer('chat.list', () => {
      throw new ApiError('DISCONNECTED', 'Lost the connection to Nova Studio’s core. Reconnecting…', true);
    });
    await chat.getState().refreshMessages(SESSION);
    await chat.getState().refreshSessions();
    expect(chat.getState()).toMatchObject({ messagesStatus: 'ready', sessionsStatus: 'ready', sessions: [session] });
    expect(shownReply()).toEqual({ status: 'streaming', text: 'The lamp' });
  });
});
