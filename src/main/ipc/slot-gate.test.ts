import { describe, expect, it } from 'vitest';
import { createSlotGate } from './slot-gate';

describe('createSlotGate', () => {
  it('admits up to the bound, queues up to the line, refuses beyond, and hands slots on in order', async () => {
    const gate = createSlotGate(2, 1);
    const first = await gate.enter();
    const second = await gate.enter();
    const third = gate.enter();
    expect(gate.enter()).toBeNull();
    expect([gate.active, gate.waiting]).toEqual([2, 1]);
    first?.();
    first?.(); // releasing twice frees one slot only
    const release = await third;
    expect([gate.active, gate.waiting]).toEqual([2, 0]);
    second?.();
    release?.();
    expect(gate.active).toBe(0);
  });
});
