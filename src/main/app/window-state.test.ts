import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIN_SIZE, isVisibleOn, loadWindowState, parseWindowState, saveWindowState, saveWindowStateSync } from './window-state';

const display = { x: 0, y: 0, width: 1920, height: 1040 };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('window state', () => {
  it('parses saved state and clamps tiny sizes', () => {
    expect(parseWindowState({ bounds: { x: 10.4, y: 20, width: 100, height: 900 }, maximized: true })).toEqual({
      bounds: { x: 10, y: 20, width: MIN_SIZE.width, height: 900 },
      maximized: true,
    });
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 'wide', height: 3 } })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
  });

  it('restores only onto a display that shows enough of the window', () => {
    expect(isVisibleOn({ x: 100, y: 100, width: 1200, height: 800 }, [display])).toBe(true);
    expect(isVisibleOn({ x: 2500, y: 100, width: 1200, height: 800 }, [display])).toBe(false);
    expect(isVisibleOn({ x: 1900, y: 100, width: 1200, height: 800 }, [display])).toBe(false);
    expect(isVisibleOn({ x: 2500, y: 100, width: 1200, height: 800 }, [display, { x: 1920, y: 0, width: 2560, height: 1400 }])).toBe(true);
  });

  it('round-trips through the file and survives a missing or corrupt one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nova-window-'));
    dirs.push(dir);
    const file = path.join(dir, 'window-state.json');
    expect(loadWindowState(file)).toBeNull();
    const state = { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false };
    await saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    saveWindowStateSync(file, { ...state, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true });
  });

  it.skipIf(process.platform === 'win32')('writes the file owner-only, like everything in the data folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nova-window-'));
    dirs.push(dir);
    const file = path.join(dir, 'window-state.json');
    const previous = process.umask(0o022);
    try {
      await saveWindowState(file, { bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: false });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      saveWindowStateSync(file, { bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: true });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});
