import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { codexCreateSchema } from '../../../shared/models/codex';
import { titleSchema } from '../../../shared/models/common';
import { markersSchema, memoryContentSchema, memoryKindSchema } from '../../../shared/models/memory';
import type { ProposalChange } from '../../../shared/models/runs';

const WHAT: Record<ProposalChange['type'], string> = {
  'scene-text': 'a scene’s text',
  'new-scene': 'a new scene',
  codex: 'a codex entry',
  memory: 'a memory',
};

/**
 * The change as the writer approves it: the proposal with the writer's edit of what it writes
 * (`after`, a new scene's title, a codex entry's name, a memory's words). What it targets (the
 * scene, the chapter, the entry, the text it was based on) always comes from the proposal, so
 * an edit can never point an approval somewhere else.
 */
export function mergeEdit(change: ProposalChange, edited: ProposalChange): ProposalChange {
  if (edited.type !== change.type) {
    throw new AppError(ErrorCode.INVALID_INPUT, `An edit must change the same thing as the proposal (${WHAT[change.type]}), not ${WHAT[edited.type]}.`);
  }
  switch (change.type) {
    case 'scene-text':
      return { ...change, after: (edited as typeof change).after };
    case 'new-scene': {
      const edit = edited as typeof change;
      return { ...change, title: edit.title, after: edit.after };
    }
    case 'codex': {
      const edit = edited as typeof change;
      return { ...change, name: edit.name, after: edit.after };
    }
    case 'memory': {
      const edit = edited as typeof change;
      return { ...change, kind: edit.kind, content: edit.content, markers: edit.markers };
    }
  }
}

const refuse = (what: string, message: string | undefined) =>
  new AppError(ErrorCode.INVALID_INPUT, `This proposal cannot be applied: ${what} ${message ?? 'is not valid'}. Edit it, or reject it.`);

/**
 * Checks what the change would write against the same rules as the writer's own edits (a codex
 * kind and name, a memory's kind and markers, a scene title), before anything is written: a
 * model's odd output is refused with a sentence, not stored half-valid.
 */
export function validateForApply(change: ProposalChange, projectId: string): void {
  switch (change.type) {
    case 'scene-text':
      return;
    case 'new-scene': {
      const title = titleSchema.safeParse(change.title);
      if (!title.success) throw refuse('the new scene’s title', title.error.issues[0]?.message);
      return;
    }
    case 'codex': {
      const parsed = codexCreateSchema.safeParse({ projectId, kind: change.kind, name: change.name, description: change.after.description, profile: change.after.fields });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw refuse(`the codex entry’s ${issue?.path.join('.') || 'fields'}`, issue?.message);
      }
      return;
    }
    case 'memory': {
      const kind = memoryKindSchema.safeParse(change.kind);
      if (!kind.success) throw refuse('the memory’s kind', `“${change.kind}” is not one of core, episodic or associative`);
      const content = memoryContentSchema.safeParse(change.content);
      if (!content.success) throw refuse('the memory’s text', content.error.issues[0]?.message);
      const markers = markersSchema.safeParse(change.markers);
      if (!markers.success) throw refuse('the memory’s markers', markers.error.issues[0]?.message);
      return;
    }
  }
}
