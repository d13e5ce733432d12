/** Runs `fn` `iterations` times (after `warmup` runs) and returns the durations in ms. */
export async function measure(iterations: number, fn: (i: number) => unknown, warmup = Math.min(5, iterations)): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Row {
  operation: string;
  direct: readonly number[];
  transport: readonly number[];
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1)).padStart(11);

/** Prints medians and p95 side by side, and the transport's overhead as a ratio of medians. */
export function printTable(rows: readonly Row[]): void {
  const header = `${'operation (ms)'.padEnd(34)}${['direct p50', 'direct p95', 'ws p50', 'ws p95'].map((h) => h.padStart(11)).join('')}${'ratio p50'.padStart(11)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const row of rows) {
    const d50 = percentile(row.direct, 50);
    const w50 = percentile(row.transport, 50);
    console.log(
      `${row.operation.padEnd(34)}${fmt(d50)}${fmt(percentile(row.direct, 95))}${fmt(w50)}${fmt(percentile(row.transport, 95))}${`${(w50 / d50).toFixed(2)}x`.padStart(11)}`,
    );
  }
}

/**
 * The longest time the event loop was blocked while `fn` ran, in ms: a timer that should fire
 * every millisecond measures how late it came.
 */
export async function longestStall(fn: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

/**
 * Milliseconds of this process's CPU time (user + system, every thread) since an arbitrary start,
 * or since `since` (a reading of this function): comparable on a shared machine where wall time
 * moves with the load.
 */
export function processCpuMs(since = 0): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000 - since;
}
