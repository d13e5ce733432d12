import type { DocNode } from '../src/shared/models/document';

/** A small deterministic PRNG (mulberry32): the same manuscript every run, so runs compare. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'the keeper lamp harbour night storm ship stone stair wind salt rope letter mother river ' +
  'quiet ember glass window silver morning tide gull bread winter orchard bell candle shadow ' +
  'whisper north island road harvest lantern journey secret promise memory distant thunder ' +
  'she he they walked turned remembered waited opened closed listened watched carried ran ' +
  'slowly again never always under over through beyond before after while because and but'
).split(' ');

/** A scene of `words` words in paragraphs of 40–120 words, with the odd bold and italic run. */
export function generateScene(random: () => number, words: number): DocNode {
  const paragraphs: DocNode[] = [];
  let left = words;
  while (left > 0) {
    const size = Math.min(left, 40 + Math.floor(random() * 80));
    left -= size;
    const text: string[] = [];
    for (let i = 0; i < size; i += 1) text.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'word');
    const sentence = `${text.join(' ')}.`;
    const cut = sentence.indexOf(' ', Math.floor(sentence.length / 2));
    paragraphs.push({
      type: 'paragraph',
      content:
        cut > 0 && random() < 0.3
          ? [
              { type: 'text', text: sentence.slice(0, cut + 1) },
              { type: 'text', text: sentence.slice(cut + 1), marks: [{ type: random() < 0.5 ? 'italic' : 'bold' }] },
            ]
          : [{ type: 'text', text: sentence }],
    });
  }
  return { type: 'doc', content: paragraphs };
}

/** The core services a generated book is written through. */
interface BookServices {
  projects: { create(input: { title: string; description: string; genre: string; tone: string; status: 'drafting'; wordGoal: number }): { id: string } };
  manuscript: {
    outline(projectId: string): { chapters: Array<{ id: string }> };
    deleteChapter(id: string): unknown;
    createChapter(input: { projectId: string; title: string; synopsis: string }): { id: string };
    createScene(input: { chapterId: string; title: string; content: DocNode }): { id: string };
  };
}

export interface BookShape {
  title: string;
  chapters: number;
  scenesPerChapter: number;
  wordsPerScene: number;
}

/** A project of `shape.chapters` generated chapters (the starter chapter removed); returns its ids. */
export function createGeneratedBook(services: BookServices, random: () => number, shape: BookShape): { projectId: string; sceneIds: string[] } {
  const { projects, manuscript } = services;
  const project = projects.create({ title: shape.title, description: '', genre: 'literary', tone: '', status: 'drafting', wordGoal: 0 });
  const starter = manuscript.outline(project.id).chapters[0];
  if (starter) manuscript.deleteChapter(starter.id);
  const sceneIds: string[] = [];
  for (let c = 0; c < shape.chapters; c += 1) {
    const chapter = manuscript.createChapter({ projectId: project.id, title: `Chapter ${c + 1}`, synopsis: '' });
    for (let s = 0; s < shape.scenesPerChapter; s += 1) {
      sceneIds.push(manuscript.createScene({ chapterId: chapter.id, title: `Scene ${s + 1}`, content: generateScene(random, shape.wordsPerScene) }).id);
    }
  }
  return { projectId: project.id, sceneIds };
}
