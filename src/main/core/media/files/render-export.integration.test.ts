import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/errors';
import { defaultVideosDir } from '../../platform/paths';
import { defaultExportFolder, exportRenderFiles } from './render-export';
import { safeExtension, safeFileBase } from './safe-file-name';

let dir = '';
let files: string[] = [];
let counter = 0;
const ids = { newId: () => `id${(counter += 1)}` };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-export-'));
  const render = path.join(dir, 'data', 'media', 'renders', 'r1');
  await mkdir(render, { recursive: true });
  files = ['video.mp4', 'captions.srt', 'captions.vtt', 'thumbnail.png'].map((name) => path.join(render, name));
  await Promise.all(files.map((file) => writeFile(file, `content of ${path.basename(file)}`)));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('safeFileBase', () => {
  it('replaces characters Windows, macOS or Linux forbid, and control characters', () => {
    expect(safeFileBase('A/B\\C:D*E?F"G<H>I|J')).toBe('A-B-C-D-E-F-G-H-I-J');
    expect(safeFileBase('tab\there\u0000nul')).toBe('tab-here-nul');
    expect(safeFileBase('  many   spaces  ')).toBe('many spaces');
  });

  it('drops leading dots (hidden files) and trailing dots and spaces (Windows strips them)', () => {
    expect(safeFileBase('..hidden')).toBe('hidden');
    expect(safeFileBase('The end... ')).toBe('The end');
    expect(safeFileBase(' . . ')).toBe('Video');
    expect(safeFileBase('', 'Untitled')).toBe('Untitled');
  });

  it('prefixes Windows device names, with or without an extension, in any case', () => {
    for (const name of ['CON', 'con', 'Prn', 'AUX', 'nul', 'COM1', 'com9', 'LPT1', 'lpt³', 'con.backup']) expect(safeFileBase(name), name).toBe(`_${name}`);
    expect(safeFileBase('Console')).toBe('Console');
    expect(safeFileBase('COM10')).toBe('COM10');
  });

  it('keeps a name within 200 UTF-8 bytes without splitting a character', () => {
    const long = safeFileBase('é'.repeat(300));
    expect(Buffer.byteLength(long, 'utf8')).toBeLessThanOrEqual(200);
    expect(long).toBe('é'.repeat(100));
    const emoji = safeFileBase(`x${'🎬'.repeat(100)}`);
    expect(Buffer.byteLength(emoji, 'utf8')).toBeLessThanOrEqual(200);
    expect(emoji.endsWith('🎬')).toBe(true);
  });

  it('keeps plain extensions only, lower-cased', () => {
    expect(safeExtension('.MP4')).toBe('.mp4');
    expect(safeExtension('.srt')).toBe('.srt');
    expect(safeExtension('.a b')).toBe('');
    expect(safeExtension('')).toBe('');
  });
});

describe('exportRenderFiles', () => {
  it('copies the video, captions and thumbnail under the base name into a new folder', async () => {
    const folder = defaultExportFolder(path.join(dir, 'Videos'), 'My: Novel?');
    expect(folder).toBe(path.join(dir, 'Videos', 'Nova Studio', 'My- Novel-'));
    expect(defaultExportFolder(undefined, 'Book')).toBe(path.join(defaultVideosDir(), 'Nova Studio', 'Book'));
    expect(defaultVideosDir('linux', '/home/ann')).toBe('/home/ann/Videos');
    expect(defaultVideosDir('darwin', '/Users/ann')).toBe('/Users/ann/Movies');
    expect(defaultVideosDir('win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\Videos');
    const result = await exportRenderFiles({ files, folder, baseName: 'Chapter 1: The Storm' }, { ids });
    expect(result).toEqual({ folder, files: ['Chapter 1- The Storm.mp4', 'Chapter 1- The Storm.srt', 'Chapter 1- The Storm.vtt', 'Chapter 1- The Storm.png'] });
    expect(await readFile(path.join(folder, 'Chapter 1- The Storm.mp4'), 'utf8')).toBe('content of video.mp4');
    expect(await readFile(path.join(folder, 'Chapter 1- The Storm.png'), 'utf8')).toBe('content of thumbnail.png');
    // No temporary copies left behind.
    expect((await readdir(folder)).sort()).toEqual([...result.files].sort());
  });

  it('never overwrites: a taken name becomes “name (2)”, then “name (3)”', async () => {
    const folder = path.join(dir, 'out');
    await mkdir(folder);
    await writeFile(path.join(folder, 'Film.mp4'), 'the writer’s own file');
    const first = await exportRenderFiles({ files: [files[0] ?? ''], folder, baseName: 'Film' }, { ids });
    const second = await exportRenderFiles({ files: [files[0] ?? ''], folder, baseName: 'Film' }, { ids });
    expect(first.files).toEqual(['Film (2).mp4']);
    expect(second.files).toEqual(['Film (3).mp4']);
    expect(await readFile(path.join(folder, 'Film.mp4'), 'utf8')).toBe('the writer’s own file');
    expect(await readFile(path.join(folder, 'Film (3).mp4'), 'utf8')).toBe('content of video.mp4');
  });

  it('gives two files with one extension two names', async () => {
    const other = path.join(dir, 'other.mp4');
    await writeFile(other, 'other');
    const result = await exportRenderFiles({ files: [files[0] ?? '', other], folder: path.join(dir, 'out'), baseName: 'Film' }, { ids });
    expect(result.files).toEqual(['Film.mp4', 'Film (2).mp4']);
  });

  it('fails with EXPORT_FAILED and a sentence when the folder cannot be made or is a file', async () => {
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'x');
    for (const folder of [blocker, path.join(blocker, 'inside')]) {
      const error = await exportRenderFiles({ files, folder, baseName: 'Film' }, { ids }).catch((e: unknown) => e);
      expect(error, folder).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('EXPORT_FAILED');
      expect((error as AppError).message).toMatch(/Choose another (folder|place)/);
    }
  });

  it('fails with NOT_FOUND when one of the render’s files is gone, leaving no partial copy', async () => {
    const folder = path.join(dir, 'out');
    await rm(files[1] ?? '');
    const error = await exportRenderFiles({ files, folder, baseName: 'Film' }, { ids }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('NOT_FOUND');
    expect((await readdir(folder)).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
