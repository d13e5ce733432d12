import { describe, expect, it } from 'vitest';
import { canAccept, idleSuggestion, isOpen, transition, type SuggestionEvent, type SuggestionState } from './suggestion-machine';

const run = (events: SuggestionEvent[], from: SuggestionState = idleSuggestion) => events.reduce(transition, from);
const started: SuggestionEvent[] = [
  { type: 'start', id: 1, source: 'rewrite' },
  { type: 'bound', streamId: 's1' },
];

describe('suggestion machine', () => {
  it('streams, then is ready to accept', () => {
    const state = run([...started, { type: 'delta', text: 'Hel' }, { type: 'delta', text: 'lo.' }, { type: 'end', status: 'done' }]);
    expect(state.phase).toBe('ready');
    expect(state.text).toBe('Hello.');
    expect(canAccept(state)).toBe(true);
    expect(run([{ type: 'accept' }], state).phase).toBe('accepted');
  });

  it('cannot be accepted while streaming', () => {
    const state = run([...started, { type: 'delta', text: 'Hi' }]);
    expect(canAccept(state)).toBe(false);
    expect(transition(state, { type: 'accept' })).toBe(state);
  });

  it('keeps the partial text when stopped and ignores the late deltas and end', () => {
    const state = run([...started, { type: 'delta', text: 'Part' }, { type: 'stop' }, { type: 'delta', text: 'ial' }, { type: 'end', status: 'cancelled' }]);
    expect(state.phase).toBe('stopped');
    expect(state.text).toBe('Part');
    expect(canAccept(state)).toBe(true);
  });

  it('fails with the core error, keeping notices', () => {
    const error = { code: 'PROVIDER_UNREACHABLE' as const, message: 'Ollama is not running.', retryable: true };
    const state = run([...started, { type: 'notice', notice: { kind: 'retrying', message: 'Retrying…' } }, { type: 'end', status: 'error', error }]);
    expect(state.phase).toBe('failed');
    expect(state.error).toEqual(error);
    expect(state.notices).toHaveLength(1);
    expect(canAccept(state)).toBe(false);
  });

  it('treats an empty answer as a failure', () => {
    const state = run([...started, { type: 'end', status: 'done' }]);
    expect(state.phase).toBe('failed');
    expect(state.error?.code).toBe('INVALID_OUTPUT');
  });

  it('lets the writer edit the text before accepting', () => {
    let state = run([...started, { type: 'delta', text: 'Draft' }, { type: 'end', status: 'done' }, { type: 'edit' }]);
    expect(state.editing).toBe(true);
    state = run([{ type: 'change', text: 'Better draft' }, { type: 'accept' }], state);
    expect(state.phase).toBe('accepted');
    expect(state.text).toBe('Better draft');
  });

  it('can be rejected in any open phase, but not once closed', () => {
    for (const events of [started, [...started, { type: 'end', status: 'error' } as const]]) {
      const state = run(events);
      expect(isOpen(state)).toBe(true);
      expect(transition(state, { type: 'reject' }).phase).toBe('rejected');
    }
    const accepted = run([...started, { type: 'delta', text: 'x' }, { type: 'end', status: 'done' }, { type: 'accept' }]);
    expect(transition(accepted, { type: 'reject' })).toBe(accepted);
  });

  it('offers a finished text (from chat) ready for review', () => {
    const state = transition(idleSuggestion, { type: 'offer', id: 7, source: 'chat', text: 'From chat.' });
    expect(state.phase).toBe('ready');
    expect(canAccept(state)).toBe(true);
  });
});
