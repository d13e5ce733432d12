import { Limits } from '../../../../shared/models/common';
import type { Project, ProjectStatus } from '../../../../shared/models/project';

/** A project form's state: numbers stay strings until saved so the field can be briefly empty. */
export interface ProjectDraft {
  title: string;
  description: string;
  genre: string;
  tone: string;
  status: ProjectStatus;
  wordGoal: string;
}

export interface ProjectDraftErrors {
  title?: string;
  wordGoal?: string;
}

export function draftFrom(project?: Pick<Project, 'title' | 'description' | 'genre' | 'tone' | 'status' | 'wordGoal'>): ProjectDraft {
  return {
    title: project?.title ?? '',
    description: project?.description ?? '',
    genre: project?.genre ?? '',
    tone: project?.tone ?? '',
    status: project?.status ?? 'planning',
    wordGoal: String(project?.wordGoal ?? 80_000),
  };
}

/** The same rules the core applies, checked first so the user sees them beside the field. */
export function validateDraft(draft: ProjectDraft): ProjectDraftErrors {
  const errors: ProjectDraftErrors = {};
  const title = draft.title.trim();
  if (title === '') errors.title = 'Give your project a title.';
  else if (title.length > Limits.title) errors.title = `A title can have at most ${Limits.title} characters.`;
  const goal = Number(draft.wordGoal.replace(/[\s,._]/g, ''));
  if (draft.wordGoal.trim() === '' || !Number.isInteger(goal) || goal < 0 || goal > Limits.wordGoal) {
    errors.wordGoal = 'Enter a whole number of words (0 for no goal).';
  }
  return errors;
}

export function draftToInput(draft: ProjectDraft) {
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    genre: draft.genre.trim(),
    tone: draft.tone.trim(),
    status: draft.status,
    wordGoal: Number(draft.wordGoal.replace(/[\s,._]/g, '')),
  };
}

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  planning: 'Planning',
  drafting: 'Drafting',
  revising: 'Revising',
  complete: 'Complete',
};
