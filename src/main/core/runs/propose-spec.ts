import type { ProposeSpec } from '../../../shared/models/plans';
import type { ProposalChange, RunTarget } from '../../../shared/models/runs';
import { asText, resolveRef, type RunScope } from './plan-scope';
import type { RunBook } from './run.types';

/** A change to propose and its key, stable within its step (`scene:<id>`, `codex:<name>`, `new-scene:<n>`). */
export interface BuiltProposal {
  key: string;
  change: ProposalChange;
}

interface SpecContext {
  projectId: string;
  target: RunTarget;
  book: RunBook;
  scope: RunScope;
  /** The spec's position in its step's `propose` list. */
  position: number;
}

const text = (ref: string | undefined, scope: RunScope): string => (ref === undefined ? '' : asText(resolveRef(ref, scope)).trim());

function stringFields(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, field]) => [name, asText(field)]));
}

/**
 * The proposal a step's `propose` spec makes from its output, with the "before" read from the
 * book now. Null when the spec has nothing to propose (no text, the scene is gone): an agent's
 * empty answer is not a change.
 */
export function buildProposal(spec: ProposeSpec, context: SpecContext): BuiltProposal | null {
  const { scope, book, target, projectId, position } = context;
  switch (spec.target) {
    case 'scene-text': {
      const sceneId = spec.scene === undefined ? target.sceneId : asText(resolveRef(spec.scene, scope));
      const scene = sceneId ? book.scene(sceneId) : undefined;
      const after = text(spec.text, scope);
      if (!scene || after === '') return null;
      return {
        key: `scene:${scene.id}`,
        change: { type: 'scene-text', sceneId: scene.id, sceneTitle: scene.title, baseRevision: scene.revision, before: scene.text, after },
      };
    }
    case 'new-scene': {
      const chapterId = spec.chapter === undefined ? target.chapterId : asText(resolveRef(spec.chapter, scope));
      const chapter = chapterId ? book.chapter(projectId, chapterId) : undefined;
      const after = text(spec.text, scope);
      if (!chapter || after === '') return null;
      const title = text(spec.title, scope) || 'Untitled scene';
      return { key: `new-scene:${position}`, change: { type: 'new-scene', chapterId: chapter.id, chapterTitle: chapter.title, title, after } };
    }
    case 'codex': {
      const entries = book.entries(projectId);
      const named = text(spec.title, scope);
      const entryRef = spec.entry === undefined ? undefined : asText(resolveRef(spec.entry, scope));
      const existing =
        entries.find((entry) => entry.id === entryRef) ?? (named === '' ? undefined : entries.find((entry) => entry.name.toLowerCase() === named.toLowerCase()));
      const name = named || existing?.name || '';
      if (name === '') return null;
      const after = { description: text(spec.description, scope) || existing?.description || '', fields: { ...existing?.profile, ...stringFields(spec.fields && resolveRef(spec.fields, scope)) } };
      return {
        key: `codex:${name}`,
        change: {
          type: 'codex',
          entryId: existing?.id ?? null,
          kind: text(spec.kind, scope) || existing?.kind || 'character',
          name,
          before: existing ? { description: existing.description, fields: existing.profile } : null,
          after,
        },
      };
    }
    case 'memory': {
      const content = text(spec.text, scope);
      if (content === '') return null;
      const markers = spec.markers === undefined ? [] : resolveRef(spec.markers, scope);
      return {
        key: `memory:${position}`,
        change: { type: 'memory', kind: text(spec.kind, scope) || 'core', content, markers: Array.isArray(markers) ? markers.map(asText) : [] },
      };
    }
  }
}
