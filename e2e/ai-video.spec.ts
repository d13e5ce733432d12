import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createProject, expect, openApp, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

/*
 * Issue 9: a writer turns a short chapter into a narrated 9:16 video with captions and music and
 * watches it in the app — through the media crew (the fake provider's media agents) and, with no
 * model at all, from the chapter's text as it is. The machine has no Piper voice: espeak-ng speaks.
 *
 * Needs the core parts merged: videos and scripts (the crew's playbook, drafts), assets (uploads),
 * voices (the list with espeak-ng's), renders (jobs with progress) and media files (signed URLs).
 */

const CHAPTER = ['The lamp was dark when the keeper woke.', 'He climbed the stairs and lit it.'];
const SHORT = 'The lamp burned bright.';

/** A few seconds of a stereo tone as WAV, made with ffmpeg: the music to upload. */
function makeMusic(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-music-')), 'tide.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=4', '-ac', '2', '-ar', '44100', file]);
  return file;
}

async function newVideo(page: Page, way: 'crew' | 'as-is'): Promise<Locator> {
  await page.keyboard.press('Control+Shift+M');
  const view = page.getByTestId('video-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('videos-empty').first()).toBeVisible();
  await view.getByTestId('new-video').click();
  const dialog = page.getByRole('dialog', { name: 'New video' });
  await expect(dialog.getByTestId('new-video-source-chapter')).toBeChecked();
  await dialog.getByTestId(way === 'crew' ? 'new-video-crew' : 'new-video-as-is').check();
  await dialog.getByTestId('new-video-format').selectOption('shorts-1080x1920');
  await dialog.getByTestId('new-video-create').click();
  await expect(dialog).toBeHidden();
  const editor = page.getByTestId('video-editor');
  await expect(editor).toBeVisible();
  await expect(page).toHaveURL(/#\/project\/[0-9a-f-]{36}\/video\/[0-9a-f-]{36}$/);
  return editor;
}

/** Keeps one scene with a short narration, so the render takes a few seconds. */
async function shortenScript(editor: Locator): Promise<void> {
  const scenes = editor.getByTestId('script-scene');
  await expect(scenes.first()).toBeVisible();
  while ((await scenes.count()) > 1) {
    const count = await scenes.count();
    await scenes.last().getByTestId('scene-delete').click();
    await expect(scenes).toHaveCount(count - 1);
  }
  await scenes.first().getByTestId('scene-narration').fill(SHORT);
  await scenes.first().getByTestId('scene-duration').fill('');
  await expect(editor.getByTestId('script-totals')).toHaveText(/^1 scene · 4 words/);
}

async function useEspeak(editor: Locator): Promise<void> {
  const picker = editor.getByTestId('voice-picker');
  await picker.getByTestId('voice-engine').selectOption('espeak-ng');
  await expect(picker.getByTestId('voice-voice')).toHaveValue('en-us');
  await picker.getByTestId('voice-speed').fill('1.5');
  await expect(picker.getByTestId('voice-speed-value')).toHaveText('1.50×');
  await expect(picker.getByTestId('voice-pitch')).toBeEnabled();
  await picker.getByTestId('voice-preview').click();
  const sample = picker.getByTestId('voice-preview-audio');
  await expect(sample).toHaveAttribute('src', /\/media-files\//);
  await expect.poll(() => sample.evaluate((audio: HTMLAudioElement) => audio.duration)).toBeGreaterThan(0.5);
}

/** Renders and waits for the preview: progress first, then the player with its captions track. */
async function renderAndWatch(page: Page, editor: Locator): Promise<void> {
  await expect(editor.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const panel = editor.getByTestId('render-panel');
  await panel.getByTestId('render-start').click();
  await expect(panel.getByTestId('render-progress')).toBeVisible();
  await expect(panel.getByRole('progressbar', { name: 'Render progress' })).toBeVisible();
  const video = panel.getByTestId('preview-video');
  await expect(video).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByTestId('render-progress')).toBeHidden();

  await expect(video.locator('track[kind="captions"]')).toHaveAttribute('src', /\/media-files\//);
  await expect(video).toHaveAttribute('src', /\/media-files\//);
  const played = await video.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true;
    await element.play();
    const start = element.currentTime;
    await new Promise<void>((resolve) => {
      const check = () => (element.currentTime > start + 0.5 ? resolve() : requestAnimationFrame(check));
      check();
    });
    element.pause();
    return { currentTime: element.currentTime, width: element.videoWidth, height: element.videoHeight, cues: element.textTracks[0]?.cues?.length ?? 0 };
  });
  expect(played.currentTime).toBeGreaterThan(0.5);
  expect(played).toMatchObject({ width: 1080, height: 1920 });
  expect(played.cues).toBeGreaterThan(0);
  // The waveform's playhead follows the video.
  await expect.poll(async () => Number(await panel.getByTestId('waveform').getAttribute('data-playhead'))).toBeGreaterThan(0);

  const row = panel.getByTestId('render-row').first();
  await expect(row).toHaveAttribute('data-status', 'done');
  await expect(row).toContainText('Shorts / TikTok 9:16');
  // Loudness-normalised to −14 LUFS even for a clip of a few seconds (±1 LU).
  await expect(row).toContainText(/−1[345]\.\d LUFS/);
  for (const file of ['render-file-video', 'render-file-vtt', 'render-file-srt', 'render-file-thumbnail']) {
    await expect(row.getByTestId(file)).toHaveAttribute('href', /\/media-files\//);
  }
  const response = await page.request.get(await row.getByTestId('render-file-video').getAttribute('href').then((href) => href ?? ''));
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('video/mp4');
}

test('a chapter becomes a narrated 9:16 video through the crew, with espeak-ng, music and captions, and plays in the app', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await createProject(page, uniqueTitle('Video'));
  await typeParagraphs(page, CHAPTER);
  await waitSaved(page);

  const editor = await newVideo(page, 'crew');
  // The crew writes the script (the fake provider's media agents): shown at work, then the script
  // is in the editor — at once on an empty script, or as a draft to use when the writer has one.
  const banner = editor.getByTestId('draft-banner');
  await expect(banner).toHaveAttribute('data-state', 'running');
  // Follow the run: the crew's run opens in the Crew tab beside the video.
  await banner.getByTestId('draft-open-run').click();
  await expect(page.getByTestId('crew-panel').getByTestId('run-view')).toBeVisible();
  await page.getByTestId('panel-close').click();
  const firstNarration = editor.getByTestId('script-scene').first().getByTestId('scene-narration');
  await expect(async () => {
    if ((await banner.count()) > 0 && (await banner.getAttribute('data-state', { timeout: 1_000 })) === 'ready') await banner.getByTestId('draft-use').click({ timeout: 1_000 });
    await expect(firstNarration).toHaveValue(/nothing would be the same again/, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await expect(banner).toHaveCount(0);
  await shortenScript(editor);
  await useEspeak(editor);

  const music = editor.getByTestId('music-picker');
  await music.getByTestId('music-input').setInputFiles(makeMusic());
  await expect(music.getByTestId('music-track')).not.toHaveValue('none', { timeout: 30_000 });
  await expect(music.getByTestId('music-track').locator('option:checked')).toContainText('tide.wav');
  await music.getByTestId('music-level').fill('-12');
  await expect(music.getByTestId('music-level-value')).toHaveText('-12 dB');

  await renderAndWatch(page, editor);
});

test('without the crew (no model needed), the chapter’s text as it is becomes the script and renders', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await createProject(page, uniqueTitle('Plain video'));
  await typeParagraphs(page, [SHORT]);
  await waitSaved(page);

  const editor = await newVideo(page, 'as-is');
  await expect(editor.getByTestId('draft-banner')).toHaveCount(0);
  await expect(editor.getByTestId('script-scene').first().getByTestId('scene-narration')).toHaveValue(SHORT);
  await useEspeak(editor);
  await renderAndWatch(page, editor);
});
