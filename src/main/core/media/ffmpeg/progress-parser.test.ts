import { describe, expect, it } from 'vitest';
import { createLineTail, createProgressParser, type FfmpegProgress } from './progress-parser';

const block = (us: string, speed: string, state: string) => `frame=10\nout_time_us=${us}\nout_time_ms=${us}\nspeed=${speed}\nprogress=${state}\n`;

describe('createProgressParser', () => {
  it('turns -progress blocks into fractions of the known duration and speeds, across split chunks', () => {
    const events: FfmpegProgress[] = [];
    const parser = createProgressParser(4, (p) => events.push(p));
    const text = block('1000000', '2.5x', 'continue') + block('N/A', 'N/A', 'continue') + block('3000000', '3x', 'continue') + block('4000000', '3.1x', 'end');
    for (let i = 0; i < text.length; i += 7) parser.push(text.slice(i, i + 7));
    expect(events.map((e) => [e.fraction, e.outTimeS, e.speed, e.done])).toEqual([
      [0.25, 1, 2.5, false],
      // out_time N/A early in a run: the fraction never goes back.
      [0.25, 0, null, false],
      [0.75, 3, 3, false],
      [1, 4, 3.1, true],
    ]);
  });

  it('has no fraction without a duration until the end, and clamps overshoot to 1', () => {
    const unknown: FfmpegProgress[] = [];
    const p1 = createProgressParser(undefined, (p) => unknown.push(p));
    p1.push(block('1000000', '1x', 'continue') + block('2000000', '1x', 'end'));
    expect(unknown.map((e) => e.fraction)).toEqual([null, 1]);
    const over: FfmpegProgress[] = [];
    createProgressParser(1, (p) => over.push(p)).push(block('1500000', '1x', 'continue'));
    expect(over[0]?.fraction).toBe(1);
  });
});

describe('createLineTail', () => {
  it('keeps the last non-empty lines, including an unterminated one, and drops carriage returns', () => {
    const tail = createLineTail(3);
    tail.push('one\n\ntwo\r\nthr');
    tail.push('ee\nfour\nfive');
    expect(tail.lines()).toEqual(['three', 'four', 'five']);
  });

  it('leaves out the lines it is told to ignore and the repeat notes after them, not other repeat notes', () => {
    const tail = createLineTail(4, /not on whitelist/);
    tail.push("[h264 @ 0x55] Codec (h264) not on whitelist 'none'\n    Last message repeated 1 times\n");
    tail.push('[mp4 @ 0x56] Non-monotonous DTS\n    Last message repeated 2 times\n');
    tail.push("[h264 @ 0x57] Codec (h264) not on whitelist 'none'\nConversion failed!\n");
    expect(tail.lines()).toEqual(['[mp4 @ 0x56] Non-monotonous DTS', '    Last message repeated 2 times', 'Conversion failed!']);
  });
});
