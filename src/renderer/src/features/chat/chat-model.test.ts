import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../shared/models/chat';
import { displayMessages, lastReplyId, modelLabel, selectionPreview, type LiveReply } from './chat-model';

let seq = 0;
function message(role: ChatMessage['role'], content: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  seq += 1;
  return { id: `m${seq}`, sessionId: 's', seq, role, content, status: 'complete', model: null, error: null, context: null, sources: [], runId: null, createdAt: seq, ...extra };
}

const live = (extra: Partial<LiveReply> = {}): LiveReply => ({ sessionId: 's', kind: 'send', assistantMessageId: null, status: 'streaming', error: null, ...extra });

describe('displayMessages', () => {
  it('shows the stored conversation as it is without a live reply', () => {
    const stored = [message('user', 'Hi'), message('assistant', 'Hello')];
    expect(displayMessages(stored, null, null).map((m) => [m.role, m.content, m.live])).toEqual([
      ['user', 'Hi', false],
      ['assistant', 'Hello', false],
    ]);
  });

  it('shows the question and an empty live reply before the core has answered the send', () => {
    const stored = [message('user', 'Earlier'), message('assistant', 'Answer')];
    const shown = displayMessages(stored, live(), 'New question');
    expect(shown.slice(-2).map((m) => [m.role, m.content, m.status, m.live])).toEqual([
      ['user', 'New question', 'complete', false],
      ['assistant', '', 'streaming', true],
    ]);
  });

  it('lays the live reply over its stored copy until the stored copy has finished', () => {
    const reply = message('assistant', 'Par', { status: 'streaming' });
    const stored = [message('user', 'Q'), reply];
    const streaming = displayMessages(stored, live({ assistantMessageId: reply.id }), null);
    expect(streaming[1]).toMatchObject({ id: reply.id, live: true, status: 'streaming' });
    // Stopped: the stream ended, the stored copy is still catching up.
    const stopped = displayMessages(stored, live({ assistantMessageId: reply.id, status: 'cancelled' }), null);
    expect(stopped[1]).toMatchObject({ live: true, status: 'cancelled' });
    // Stored copy final: shown as stored.
    const final = [stored[0]!, { ...reply, content: 'Partial', status: 'cancelled' as const }];
    expect(displayMessages(final, live({ assistantMessageId: reply.id, status: 'cancelled' }), null)[1]).toMatchObject({ live: false, content: 'Partial' });
  });

  it('hides the replaced answer while a regenerated one starts', () => {
    const stored = [message('user', 'Q'), message('note', 'trimmed'), message('assistant', 'Old answer')];
    const shown = displayMessages(stored, live({ kind: 'regenerate' }), null);
    expect(shown.map((m) => m.content)).toEqual(['Q', '']);
  });

  it('carries a stream error onto the live reply', () => {
    const error = { code: 'NO_MODEL_AVAILABLE' as const, message: 'No model.', retryable: false };
    const shown = displayMessages([], live({ status: 'error', error }), 'Q');
    expect(shown[1]).toMatchObject({ status: 'error', error });
  });
});

describe('helpers', () => {
  it('finds the last reply, skipping notes, only when it answers the last question', () => {
    const a = displayMessages([message('user', 'Q'), message('assistant', 'A'), message('note', 'n')], null, null);
    expect(lastReplyId(a)).toBe(a[1]!.id);
    expect(lastReplyId(displayMessages([message('assistant', 'A'), message('user', 'Q')], null, null))).toBeNull();
  });

  it('names models and previews selections briefly', () => {
    expect(modelLabel('openai/gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(modelLabel(null)).toBeNull();
    expect(selectionPreview('  She   walked\n\ninto the  sea, slowly and without fear.  ', 20)).toBe('She walked into the…');
  });
});
