import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { chmod, rename, writeFile } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../core/platform/private-files';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered of the window between launches. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;

/** How much of the window must lie on a display for the saved position to be reused. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

/** Reads the saved state; anything missing or malformed means “use the defaults”. */
export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (!isRect(bounds)) return null;
  return {
    bounds: {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.max(MIN_SIZE.width, Math.round(bounds.width)),
      height: Math.max(MIN_SIZE.height, Math.round(bounds.height)),
    },
    maximized: maximized === true,
  };
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof r[key] === 'number' && Number.isFinite(r[key]));
}

/**
 * True when enough of `bounds` lies on one of the displays' work areas. A monitor that was
 * unplugged since the last launch must not leave the window somewhere the user cannot reach.
 */
export function isVisibleOn(bounds: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some((area) => {
    const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height;
  });
}

/** Writes via a temporary file and a rename, so a crash mid-write leaves the old state intact. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const temp = `${file}.tmp`;
  // Owner-only like the rest of the data folder; chmod too, for a temp file a crash left behind.
  await writeFile(temp, JSON.stringify(state), { mode: PRIVATE_FILE_MODE });
  await chmod(temp, PRIVATE_FILE_MODE);
  await rename(temp, file);
}

/** The synchronous variant, for the moment the window closes and the process may exit next. */
export function saveWindowStateSync(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state), { mode: PRIVATE_FILE_MODE });
  chmodSync(temp, PRIVATE_FILE_MODE);
  renameSync(temp, file);
}
