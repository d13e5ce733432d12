import type { MediaAsset, Render, Video, VoiceEntry } from '../../../shared/models/media';

export const VIDEO_PROJECT = '00000000-0000-4000-8000-00000000e0a1';
export const VIDEO_ID = '00000000-0000-4000-8000-00000000e0b1';
export const RENDER_ID = '00000000-0000-4000-8000-00000000e0c1';
export const SCENE_A = '00000000-0000-4000-8000-00000000e0d1';
export const SCENE_B = '00000000-0000-4000-8000-00000000e0d2';
export const DRAFT_RUN = '00000000-0000-4000-8000-00000000e0e1';

/** A two-scene video at revision 3; tests override what they look at. */
export function testVideo(patch: Partial<Video> = {}): Video {
  return {
    id: VIDEO_ID,
    projectId: VIDEO_PROJECT,
    title: 'The Lighthouse',
    source: { kind: 'blank' },
    script: {
      scenes: [
        { id: SCENE_A, narration: 'The lamp was dark when the keeper woke.', caption: 'Night', visual: 'A dark tower', image: null, durationHintSec: null },
        { id: SCENE_B, narration: 'He climbed the stairs.', caption: '', visual: '', image: { kind: 'title-card', text: 'Up', background: '#223344' }, durationHintSec: 4 },
      ],
    },
    voice: { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 },
    music: null,
    format: 'youtube-1080p',
    captions: 'burned',
    thumbnail: { atSec: 1, title: '' },
    draft: null,
    revision: 3,
    createdAt: 1_000,
    updatedAt: 2_000,
    ...patch,
  };
}

const file = (name: string, mimeType: string) => ({ name, mimeType, bytes: 1234, url: `/media-files/sig/${name}` });

/** A finished render with all its files; tests override what they look at. */
export function testRender(patch: Partial<Render> = {}): Render {
  return {
    id: RENDER_ID,
    videoId: VIDEO_ID,
    projectId: VIDEO_PROJECT,
    jobId: null,
    status: 'done',
    format: 'youtube-1080p',
    title: 'The Lighthouse',
    videoRevision: 3,
    stage: null,
    progress: 1,
    etaSec: null,
    notices: [],
    error: null,
    files: { video: file('video.mp4', 'video/mp4'), thumbnail: file('thumbnail.png', 'image/png'), srt: file('captions.srt', 'application/x-subrip'), vtt: file('captions.vtt', 'text/vtt') },
    durationSec: 12.5,
    loudness: { integratedLufs: -14.1, truePeakDb: -1.3 },
    timings: {},
    createdAt: 5_000,
    finishedAt: 9_000,
    ...patch,
  };
}

/** An image asset of the project. */
export function testAsset(patch: Partial<MediaAsset> = {}): MediaAsset {
  return { id: '00000000-0000-4000-8000-00000000e0f1', projectId: VIDEO_PROJECT, kind: 'image', fileName: 'tower.png', file: file('tower.png', 'image/png'), width: 640, height: 360, durationSec: null, createdAt: 3_000, ...patch };
}

/** The voices a machine without Piper voices lists: espeak-ng's, and Piper's catalogue. */
export const TEST_VOICES: VoiceEntry[] = [
  { engine: 'espeak-ng', id: 'en-us', name: 'English (America)', language: 'en-US', installed: true },
  { engine: 'piper', id: 'en_US-lessac-medium', name: 'Lessac', language: 'en-US', quality: 'medium', installed: false, sizeBytes: 63_000_000, license: 'CC BY 4.0' },
  { engine: 'openai', id: 'alloy', name: 'Alloy', installed: true },
];
