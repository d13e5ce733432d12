import { describe, expect, it } from 'vitest';
import { estimateTokens, fitHistory } from './history-window';

const message = (content: string, role: 'user' | 'assistant' = 'user') => ({ role, content });

describe('fitHistory', () => {
  it('keeps everything that fits', () => {
    const history = [message('a'), message('b', 'assistant')];
    expect(fitHistory(history, 1_000)).toEqual({ kept: history, dropped: 0 });
  });

  it('drops the oldest messages first and reports how many', () => {
    const history = [message('x'.repeat(400)), message('y'.repeat(400), 'assistant'), message('z'.repeat(40))];
    const budget = estimateTokens('y'.repeat(400)) + estimateTokens('z'.repeat(40));
    const { kept, dropped } = fitHistory(history, budget);
    expect(kept.map((m) => m.content[0])).toEqual(['y', 'z']);
    expect(dropped).toBe(1);
  });

  it('never reorders, and keeps a gap-free newest tail', () => {
    const history = [message('1'), message('2'.repeat(4_000)), message('3')];
    const { kept } = fitHistory(history, estimateTokens('3') + 1);
    expect(kept.map((m) => m.content)).toEqual(['3']);
  });
});
