import type { Clock } from '../../platform/clock';

/**
 * Hybrid logical clocks (Kulkarni et al.): wall-clock milliseconds, a counter for events within
 * one millisecond (or while the wall clock lags behind a clock already seen), and the device id
 * that makes two devices' clocks never equal. The string form sorts lexicographically in clock
 * order, so SQLite's `max()` and plain string comparison order them.
 */
export interface HlcParts {
  wallMs: number;
  counter: number;
  deviceId: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const HLC_PATTERN = /^(\d{15})-(\d{6})-([A-Za-z0-9_]+)$/;

/** `${wallMs padded to 15}-${counter padded to 6}-${deviceId}`. */
export function formatHlc(parts: HlcParts): string {
  return `${parts.wallMs.toString().padStart(WALL_DIGITS, '0')}-${parts.counter.toString().padStart(COUNTER_DIGITS, '0')}-${parts.deviceId}`;
}

/** The parts of an HLC string, or null when it is not one. */
export function parseHlc(value: string): HlcParts | null {
  const match = HLC_PATTERN.exec(value);
  if (!match) return null;
  return { wallMs: Number(match[1]), counter: Number(match[2]), deviceId: match[3] ?? '' };
}

/** A device id: letters and digits only, so the HLC string keeps its three dash-separated parts. */
export function isDeviceId(value: string): boolean {
  return /^[A-Za-z0-9_]{8,64}$/.test(value);
}

export interface HybridLogicalClock {
  /** A clock greater than every clock issued or received before. */
  now(): string;
  /** Advances past a clock seen on another device, so later local events order after it. */
  receive(remote: string): void;
  /** The greatest clock issued or received (null before the first). */
  last(): string | null;
}

/**
 * An HLC for `deviceId`, reading wall time from `clock`. `last` is the greatest clock this device
 * issued or saw before (persisted), so a restart — even with the wall clock set back — never
 * issues a smaller one.
 */
export function createHlc(deps: { clock: Clock; deviceId: string; last?: string | null }): HybridLogicalClock {
  if (!isDeviceId(deps.deviceId)) throw new Error(`Not a device id: ${deps.deviceId}`);
  let wallMs = 0;
  let counter = 0;
  let lastIssued: string | null = null;
  const advanceTo = (other: HlcParts) => {
    if (other.wallMs > wallMs || (other.wallMs === wallMs && other.counter > counter)) {
      wallMs = other.wallMs;
      counter = other.counter;
    }
  };
  const seen = deps.last ? parseHlc(deps.last) : null;
  if (seen) {
    advanceTo(seen);
    lastIssued = deps.last ?? null;
  }
  const tick = (physical: number) => {
    if (physical > wallMs) {
      wallMs = physical;
      counter = 0;
    } else if (counter < MAX_COUNTER) {
      counter += 1;
    } else {
      // A million events in one millisecond (or while the wall clock stays behind): borrow the
      // next millisecond rather than overflow the counter's six digits.
      wallMs += 1;
      counter = 0;
    }
  };
  return {
    now() {
      tick(Math.floor(deps.clock.now()));
      lastIssued = formatHlc({ wallMs, counter, deviceId: deps.deviceId });
      return lastIssued;
    },
    receive(remote) {
      const parts = parseHlc(remote);
      if (!parts) return;
      advanceTo(parts);
      if (lastIssued === null || remote > lastIssued) lastIssued = remote;
    },
    last: () => lastIssued,
  };
}
