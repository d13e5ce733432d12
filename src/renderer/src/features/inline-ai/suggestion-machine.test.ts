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

  it('fails with the core error, which replaces the notices of the run', () => {
    const error = { code: 'PROVIDER_UNREACHABLE' as const, message: 'Ollama is not running.', retryable: true };
    const state = run([...started, { type: 'notice', notice: { kind: 'retrying', message: 'Retrying…' } }, { type: 'end', status: 'error', error }]);
    expect(state.phase).toBe('failed');
    expect(state.error).toEqual(error);
    expect(state.notices).toEqual([]);
    expect(canAccept(state)).toBe(false);
  });

  it('drops "trying again" and "using another model" notices once the suggestion is finished or stopped', () => {
    const retrying = { type: 'notice', notice: { kind: 'retrying', message: 'Ollama had a problem. Trying again in 1 s (attempt 2).' } } as const;
    const running = run([...started, retrying, { type: 'notice', notice: { kind: 'fallback', message: 'Using gpt-4o-mini instead.' } }]);
    expect(running.notices).toHaveLength(2);
    expect(run([{ type: 'delta', text: 'Done.' }, { type: 'end', status: 'done' }], running).notices).toEqual([]);
    expect(run([{ type: 'stop' }], running).notices).toEqual([]);
  });

  it('takes the whole text from a resync after a reconnect, and goes on from there', () => {
    const state = run([...started, { type: 'delta', text: 'The la' }, { type: 'resync', text: 'The lamp gutt' }, { type: 'delta', text: 'ered.' }]);
    expect(state.text).toBe('The lamp guttered.');
    expect(transition(run([{ type: 'end', status: 'done' }], state), { type: 'resync', text: 'x' }).text).toBe('The lamp guttered.');
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
