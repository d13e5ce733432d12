import { checkFrameSize, MAX_FRAME_DEPTH } from '../../shared/ipc/frame-limits';
import { ErrorCode, type AppErrorShape } from '../../shared/ipc/errors';
import type { WsClientFrame } from '../../shared/ipc/wire';
import { DOCUMENT_TOO_DEEP } from '../../shared/models/document';

/** The id and method of a call, read from the first bytes of its frame. */
export interface FrameHead {
  id: number;
  method: string;
}

/**
 * Both clients (the renderer and the test client) serialise a call as
 * `{"kind":"call","id":N,"method":"…","input":…}`, so the id and method sit at the start of the
 * frame: the core can size-check a frame and answer it by id before parsing megabytes of input.
 */
const HEAD = /^\{"kind":"call","id":(\d{1,15}),"method":"([A-Za-z][\w.]{0,99})"/;

export function peekFrameHead(data: Buffer): FrameHead | null {
  const match = HEAD.exec(data.subarray(0, 160).toString('latin1'));
  return match?.[1] && match[2] ? { id: Number(match[1]), method: match[2] } : null;
}

/**
 * A valid frame has at least this many bytes per object or array (the densest real document,
 * an empty-attrs mark on every letter, has about 15). `JSON.parse` spends its time and memory on
 * containers, so a frame packed with `[],[],…` is refused before it is built.
 */
const MIN_BYTES_PER_CONTAINER = 8;
/** Small frames are never too dense to be worth the check. */
const DENSITY_FREE_CONTAINERS = 4096;

export type FrameShape = 'ok' | 'too-deep' | 'too-dense' | 'unreadable';

/**
 * One pass over the raw bytes, outside strings: nesting depth and container count, stopping at
 * the first bound passed. Strings are skipped with `indexOf`, so text costs almost nothing.
 */
export function scanFrameShape(data: Buffer, maxDepth: number = MAX_FRAME_DEPTH): FrameShape {
  const maxContainers = Math.max(DENSITY_FREE_CONTAINERS, Math.floor(data.length / MIN_BYTES_PER_CONTAINER));
  let depth = 0;
  let containers = 0;
  for (let i = 0; i < data.length; i += 1) {
    const byte = data[i];
    if (byte === 0x22) {
      const end = closingQuote(data, i);
      if (end < 0) return 'unreadable';
      i = end;
    } else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      containers += 1;
      if (depth > maxDepth) return 'too-deep';
      if (containers > maxContainers) return 'too-dense';
    } else if (byte === 0x7d || byte === 0x5d) {
      depth -= 1;
    }
  }
  return 'ok';
}

/** Index of the quote closing the string opened at `open`, or -1. */
function closingQuote(data: Buffer, open: number): number {
  let at = open;
  for (;;) {
    at = data.indexOf(0x22, at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (data[at - 1 - backslashes] === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * What to do with a raw frame before parsing it: the error to answer (keyed by the head's id
 * when it could be read), or null to go on and parse. A frame with no readable head may only be
 * small; ours always have one.
 */
export function vetFrame(data: Buffer, head: FrameHead | null): AppErrorShape | null {
  const tooLarge = checkFrameSize(head?.method ?? '', data.length);
  if (tooLarge) return tooLarge;
  const shape = scanFrameShape(data);
  // Only a scene's text nests deeply in a valid call: say what its limit is.
  if (shape === 'too-deep') return invalid(head?.method === 'scene.save' ? DOCUMENT_TOO_DEEP : 'The request is nested too deeply to be valid.');
  if (shape === 'too-dense') return invalid('The request holds far more structure than any valid request.');
  return null;
}

/** Parses a vetted frame; null when it is not a well-formed call (or disagrees with its head). */
export function parseFrame(data: Buffer, head: FrameHead | null): WsClientFrame | null {
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const frame = value as Record<string, unknown>;
    if (frame.kind !== 'call' || typeof frame.id !== 'number' || typeof frame.method !== 'string') return null;
    // A repeated key later in the frame must not change what the size check was based on.
    if (head && (frame.id !== head.id || frame.method !== head.method)) return null;
    return { kind: 'call', id: frame.id, method: frame.method, input: frame.input };
  } catch {
    return null;
  }
}

export function invalid(message: string): AppErrorShape {
  return { code: ErrorCode.INVALID_INPUT, message, retryable: false };
}
