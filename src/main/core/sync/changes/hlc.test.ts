import { describe, expect, it } from 'vitest';
import { createHlc, formatHlc, parseHlc } from './hlc';

const device = 'devicea1';

describe('hybrid logical clock', () => {
  it('formats as padded wall ms, counter and device id, and parses back', () => {
    const value = formatHlc({ wallMs: 1_700_000_000_123, counter: 7, deviceId: device });
    expect(value).toBe(`001700000000123-000007-${device}`);
    expect(parseHlc(value)).toEqual({ wallMs: 1_700_000_000_123, counter: 7, deviceId: device });
    expect(parseHlc('not-a-clock')).toBeNull();
  });

  it('issues strictly increasing clocks, also within one millisecond and when the wall clock goes backwards', () => {
    let now = 1_000;
    const hlc = createHlc({ clock: { now: () => now }, deviceId: device });
    const issued = [hlc.now(), hlc.now()];
    now = 500;
    issued.push(hlc.now(), hlc.now());
    now = 2_000;
    issued.push(hlc.now());
    for (let i = 1; i < issued.length; i += 1) expect((issued[i] ?? '') > (issued[i - 1] ?? '')).toBe(true);
    expect(parseHlc(issued[3] ?? '')).toMatchObject({ wallMs: 1_000, counter: 3 });
    expect(parseHlc(issued[4] ?? '')).toMatchObject({ wallMs: 2_000, counter: 0 });
  });

  it('orders its next clock after a remote one, even one far ahead of the local wall clock', () => {
    const hlc = createHlc({ clock: { now: () => 1_000 }, deviceId: device });
    const remote = formatHlc({ wallMs: 9_000, counter: 4, deviceId: 'deviceb2' });
    hlc.receive(remote);
    const next = hlc.now();
    expect(next > remote).toBe(true);
    expect(parseHlc(next)).toMatchObject({ wallMs: 9_000, counter: 5, deviceId: device });
    hlc.receive(formatHlc({ wallMs: 10, counter: 0, deviceId: 'deviceb2' }));
    expect(hlc.now() > next).toBe(true);
  });

  it('starts after the last clock of a previous run when the wall clock went back meanwhile', () => {
    const before = createHlc({ clock: { now: () => 5_000 }, deviceId: device });
    before.now();
    const last = before.now();
    const after = createHlc({ clock: { now: () => 100 }, deviceId: device, last });
    expect(after.now() > last).toBe(true);
  });

  it('moves to the next millisecond instead of overflowing the counter', () => {
    const hlc = createHlc({ clock: { now: () => 7 }, deviceId: device, last: formatHlc({ wallMs: 7, counter: 999_999, deviceId: device }) });
    expect(parseHlc(hlc.now())).toMatchObject({ wallMs: 8, counter: 0 });
  });
});
