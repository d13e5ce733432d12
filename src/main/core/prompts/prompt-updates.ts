import type { PromptRepo, PromptVersionRow } from './prompt.repo';
import { toPromptVersion } from './prompt.repo';

/** A shipped version newer than the one in use, which the writer may choose. */
export interface PromptUpdate {
  /** The registry version to switch to. */
  version: number;
  /** The `version` field of the shipped YAML file. */
  fileVersion: number;
}

/*
 * Shipped versions against the writer's own. An edit (or a revert, which is a choice too) stays
 * in use whatever ships later, until the writer chooses a shipped version over it; from then on
 * shipped versions apply by themselves again, until the next edit.
 */

/** The writer's newest version when it is still their choice; undefined when the shipped prompts are followed. */
export function editInUse(repo: PromptRepo, promptId: string): PromptVersionRow | undefined {
  const edit = repo.latestFrom(promptId, 'user');
  if (!edit) return undefined;
  const adopted = repo.findById(promptId, repo.updateChoice(promptId)?.adoptedVersionId);
  return adopted !== undefined && adopted.version > edit.version ? undefined : edit;
}

/**
 * The newest shipped version, when it is newer than the version in use, says something else,
 * and the writer has not dismissed it.
 */
export function availableUpdate(repo: PromptRepo, promptId: string, active: PromptVersionRow): PromptUpdate | null {
  const shipped = repo.latestFrom(promptId, 'builtin');
  if (!shipped || shipped.version <= active.version || shipped.hash === active.hash) return null;
  if (repo.updateChoice(promptId)?.dismissedVersionId === shipped.id) return null;
  return { version: shipped.version, fileVersion: toPromptVersion(shipped).definition.version };
}
