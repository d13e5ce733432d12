/** One progress report of a running ffmpeg. */
export interface FfmpegProgress {
  /** Share of the expected duration written, 0…1 (never decreasing); null when the duration is unknown. */
  readonly fraction: number | null;
  /** Seconds of output written so far. */
  readonly outTimeS: number;
  /** Encoding speed as a multiple of real time (2 = twice as fast); null while ffmpeg does not know. */
  readonly speed: number | null;
  /** True on ffmpeg's last report (`progress=end`). */
  readonly done: boolean;
}

/**
 * Reads ffmpeg's `-progress pipe:1` output: blocks of `key=value` lines each closed by
 * `progress=continue` or `progress=end`. Feed it stdout chunks; it calls `emit` once per block.
 */
export function createProgressParser(durationS: number | undefined, emit: (progress: FfmpegProgress) => void) {
  let pending = '';
  let block = new Map<string, string>();
  let highest = 0;

  const finishBlock = (state: string) => {
    // out_time_us is the documented key; out_time_ms carries microseconds too (an old ffmpeg quirk).
    const raw = block.get('out_time_us') ?? block.get('out_time_ms');
    const micros = raw === undefined ? NaN : Number(raw);
    const outTimeS = Number.isFinite(micros) && micros > 0 ? micros / 1e6 : 0;
    const speedText = block.get('speed')?.trim().replace(/x$/, '');
    const speedValue = speedText === undefined ? NaN : Number(speedText);
    const done = state === 'end';
    let fraction: number | null = null;
    if (durationS !== undefined && durationS > 0) {
      highest = Math.max(highest, done ? 1 : Math.min(1, outTimeS / durationS));
      fraction = highest;
    } else if (done) fraction = 1;
    emit({ fraction, outTimeS, speed: Number.isFinite(speedValue) && speedValue > 0 ? speedValue : null, done });
    block = new Map();
  };

  return {
    push(chunk: string) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const eq = line.indexOf('=');
        if (eq <= 0) continue;
        const key = line.slice(0, eq).trim();
        const value = line.slice(eq + 1).trim();
        if (key === 'progress') finishBlock(value);
        else block.set(key, value);
      }
    },
  };
}

/** ffmpeg's note that it folded repeats of the line before into one. */
const REPEATED = /^\s*Last message repeated \d+ times?$/;

/**
 * Keeps the last `limit` non-empty lines of a text stream (ffmpeg's stderr) without holding all of
 * it. Lines matching `ignore` (expected, harmless messages) are not kept, nor ffmpeg's "Last
 * message repeated" notes after them.
 */
export function createLineTail(limit: number, ignore?: RegExp) {
  const lines: string[] = [];
  let pending = '';
  let ignoring = false;
  const add = (line: string) => {
    const trimmed = line.replace(/\r/g, '').trimEnd();
    if (trimmed.length === 0) return;
    ignoring = ignore !== undefined && (ignore.test(trimmed) || (ignoring && REPEATED.test(trimmed)));
    if (ignoring) return;
    lines.push(trimmed);
    if (lines.length > limit) lines.shift();
  };
  return {
    push(chunk: string) {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      parts.forEach(add);
    },
    lines(): string[] {
      const all = [...lines];
      if (pending.trim().length > 0) all.push(pending.trimEnd());
      return all.slice(-limit);
    },
  };
}
