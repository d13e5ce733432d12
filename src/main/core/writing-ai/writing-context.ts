import { notFound } from '../../../shared/ipc/errors';
import type { ManuscriptService } from '../manuscript';
import { documentToPlainText } from '../manuscript';
import type { ProjectRepo } from '../projects';
import type { CodexEntry } from '../../../shared/models/codex';

/** How much of a scene stands in for its summary when it has no synopsis. */
const EXCERPT_WORDS = 250;
/** How much codex text goes into a prompt; beyond it, entries are named without descriptions. */
const CODEX_CHARS = 2_000;

export interface WritingContext {
  project_title: string;
  premise: string;
  genre: string;
  tone: string;
  scene_title: string;
  scene_summary: string;
  /** The codex as short lines ("Mara Vell (character; Mara): a lighthouse keeper…"). */
  codex: string;
}

/**
 * What the assistant is told about the writer's work: the project's premise and the current
 * scene's summary (its synopsis, or the opening of its text when there is none yet).
 */
export function createWritingContext({
  projects,
  manuscript,
  codex,
}: {
  projects: ProjectRepo;
  manuscript: ManuscriptService;
  codex: { list(projectId: string): CodexEntry[] };
}) {
  return {
    describe(projectId: string, sceneId?: string): WritingContext {
      const project = projects.findLive(projectId);
      if (!project) throw notFound('The project');
      const base = {
        project_title: project.title,
        premise: project.description,
        genre: project.genre,
        tone: project.tone,
        scene_title: '',
        scene_summary: '',
        codex: describeCodex(codex.list(projectId)),
      };
      if (sceneId === undefined) return base;
      const scene = manuscript.getScene(sceneId);
      if (scene.projectId !== projectId) throw notFound('The scene');
      return { ...base, scene_title: scene.title, scene_summary: scene.synopsis.trim() || excerpt(documentToPlainText(scene.content)) };
    },
  };
}

export type WritingContextSource = ReturnType<typeof createWritingContext>;

function excerpt(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= EXCERPT_WORDS) return words.join(' ');
  return `${words.slice(0, EXCERPT_WORDS).join(' ')} …`;
}

function describeCodex(entries: readonly CodexEntry[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const entry of entries) {
    const aliases = entry.aliases.length > 0 ? `; ${entry.aliases.join(', ')}` : '';
    const full = `${entry.name} (${entry.kind}${aliases})${entry.description ? `: ${entry.description.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`;
    const line = length + full.length <= CODEX_CHARS ? full : `${entry.name} (${entry.kind})`;
    length += line.length + 1;
    lines.push(line);
  }
  return lines.join('\n');
}
