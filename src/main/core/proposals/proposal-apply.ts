import type { CodexEntry } from '../../../shared/models/codex';
import type { MemoryKind } from '../../../shared/models/memory';
import type { ProposalChange } from '../../../shared/models/runs';
import type { CodexService } from '../codex';
import type { ManuscriptService } from '../manuscript';
import { plainTextToDocument } from '../manuscript';
import type { MemoryService } from '../memory';

/** The services an approved change is written through, so versions, counts and indexing follow as for the writer's own edits. */
export interface ApplyTargets {
  manuscript: Pick<ManuscriptService, 'getScene' | 'saveScene' | 'createScene' | 'outline'>;
  codex: Pick<CodexService, 'list' | 'create' | 'update'>;
  memories: Pick<MemoryService, 'create'>;
}

/** What an apply did, or why it could not: a conflict is a sentence for the inbox. */
export type ApplyOutcome = { kind: 'applied'; result: Record<string, unknown> } | { kind: 'conflict'; note: string };

type Change<T extends ProposalChange['type']> = Extract<ProposalChange, { type: T }>;

/** Plain texts compared as the writer sees them: line endings and surrounding space do not count. */
export function sameText(a: string, b: string): boolean {
  const norm = (text: string) => text.replace(/\r\n?/gu, '\n').trim();
  return norm(a) === norm(b);
}

/** Adds the scene at the end of its chapter, if the chapter is still there. */
export function applyNewScene(targets: ApplyTargets, projectId: string, change: Change<'new-scene'>): ApplyOutcome {
  const chapter = targets.manuscript.outline(projectId).chapters.find((c) => c.id === change.chapterId);
  if (!chapter) return { kind: 'conflict', note: `The chapter “${change.chapterTitle}” was deleted since the agent proposed this scene; nothing was written.` };
  const scene = targets.manuscript.createScene({ chapterId: chapter.id, title: change.title, content: plainTextToDocument(change.after) });
  return { kind: 'applied', result: { sceneId: scene.id, chapterId: chapter.id, revision: scene.revision } };
}

/** Adds the memory, read back by the agent that proposed it (or every agent when none did). */
export function applyMemory(targets: ApplyTargets, proposal: { projectId: string; runId: string; agentId: string | null }, change: Change<'memory'>): ApplyOutcome {
  const memory = targets.memories.create({
    projectId: proposal.projectId,
    kind: change.kind as MemoryKind,
    content: change.content,
    markers: change.markers,
    agentScope: proposal.agentId === null ? ['*'] : [proposal.agentId],
    source: { type: 'run', id: proposal.runId, range: null },
  });
  return { kind: 'applied', result: { memoryId: memory.id } };
}

const fold = (name: string) => name.normalize('NFKC').toLocaleLowerCase().trim();

/**
 * What changed under the proposal, field by field (a three-way check): a value the agent
 * changes that the writer changed too, to something else, since the proposal was made.
 */
function codexClash(entry: CodexEntry, change: Change<'codex'>): string | null {
  const before = change.before ?? { description: entry.description, fields: entry.profile };
  const clashes: string[] = [];
  if (change.after.description !== before.description && entry.description !== before.description && entry.description !== change.after.description) clashes.push('description');
  for (const [field, value] of Object.entries(change.after.fields)) {
    const was = before.fields[field];
    const now = entry.profile[field];
    if (value !== was && now !== was && now !== value) clashes.push(field);
  }
  return clashes.length === 0 ? null : clashes.join(', ');
}

/**
 * Creates the entry, or updates it with the approved description and fields merged into its
 * profile (the writer's other fields stay; a field approved empty is removed). A new entry whose
 * kind and name an entry has meanwhile is merged into that entry rather than duplicated.
 */
export function applyCodex(targets: ApplyTargets, projectId: string, change: Change<'codex'>): ApplyOutcome {
  const entries = targets.codex.list(projectId);
  const entry =
    change.entryId === null ? entries.find((e) => e.kind === change.kind && fold(e.name) === fold(change.name)) : entries.find((e) => e.id === change.entryId);
  if (change.entryId !== null && !entry) return { kind: 'conflict', note: `The codex entry “${change.name}” was deleted since the agent proposed this; nothing was written.` };
  const kept = (profile: Record<string, string>) => Object.fromEntries(Object.entries(profile).filter(([, value]) => value.trim() !== ''));
  if (!entry) {
    const created = targets.codex.create({
      projectId,
      kind: change.kind as CodexEntry['kind'],
      name: change.name,
      aliases: [],
      description: change.after.description,
      profile: kept(change.after.fields),
    });
    return { kind: 'applied', result: { entryId: created.id, created: true } };
  }
  const clash = codexClash(entry, change);
  if (clash !== null) {
    return { kind: 'conflict', note: `“${entry.name}” was edited since the agent proposed this (${clash}); nothing was written.` };
  }
  const updated = targets.codex.update({ id: entry.id, description: change.after.description, profile: kept({ ...entry.profile, ...change.after.fields }) });
  return { kind: 'applied', result: { entryId: updated.id, created: false } };
}
