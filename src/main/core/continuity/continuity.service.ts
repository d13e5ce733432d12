import { z } from 'zod';
import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import type { CodexEntry } from '../../../shared/models/codex';
import type { CodexChangeProposal, ContinuityIssue, ContinuityResolution } from '../../../shared/models/continuity';
import type { Job } from '../../../shared/models/jobs';
import type { EventBus } from '../events';
import type { JobKind, JobRunner } from '../jobs';
import { documentToPlainText, type ManuscriptService } from '../manuscript';
import type { Clock } from '../platform/clock';
import { profileField } from './continuity-compare';
import type { SceneCheck } from './continuity-check';
import { normaliseAttribute } from './continuity-normalise';
import type { ContinuityRepo } from './continuity.repo';

/** The job kind of continuity checks. */
export const CONTINUITY_CHECK_KIND = 'continuity.check';
/** How long a scene stays untouched after a save before it is checked (ms). */
export const CONTINUITY_IDLE_MS = 30_000;
/** A scene edited while it was being checked is checked again, at most this many times per job. */
const MAX_PASSES = 3;

export const continuityCheckPayloadSchema = z.object({
  projectId: z.string().min(1),
  sceneId: z.string().min(1).nullable(),
  /** `save`: the check after a save, in the background; `writer`: asked for in the panel. */
  trigger: z.enum(['save', 'writer']).default('writer'),
});
export type ContinuityCheckPayload = z.output<typeof continuityCheckPayloadSchema>;

/** Failures meaning no model can answer at all: a background check then stands down quietly. */
const NO_MODEL_CODES = new Set<string>([ErrorCode.PROVIDER_UNREACHABLE, ErrorCode.NO_MODEL_AVAILABLE, ErrorCode.MODEL_MISSING, ErrorCode.PROVIDER_AUTH]);

export interface ContinuityDeps {
  repo: ContinuityRepo;
  check: SceneCheck;
  jobs: Pick<JobRunner, 'enqueue' | 'register'>;
  manuscript: Pick<ManuscriptService, 'getScene' | 'sceneHeader' | 'outline'>;
  codex: { list(projectId: string): CodexEntry[]; hasEntries(projectId: string): boolean; update(input: { id: string; profile: Record<string, string> }): CodexEntry };
  projectTitle(projectId: string): string;
  events: EventBus;
  clock: Clock;
  /** After a save, how long the scene must stay idle before it is checked (ms). */
  idleMs?: number;
}

/** Continuity checks as jobs, the issues they find, and the writer's resolutions. */
export function createContinuityService(deps: ContinuityDeps) {
  const { repo, events, clock } = deps;
  const changed = (projectId: string) => events.emit('continuity.changed', { projectId });

  const issue = (issueId: string) => {
    const found = repo.findIssue(issueId);
    if (!found) throw notFound('The continuity issue');
    return found;
  };

  /** Checks a scene, again while it changed during the check (the job always ends on its latest text). */
  async function checkSceneToLatest(sceneId: string, signal: AbortSignal): Promise<void> {
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const result = await deps.check(sceneId, signal);
      if (result.opened > 0 || result.closed > 0 || pass === 0) changed(deps.manuscript.getScene(sceneId).projectId);
      const now = deps.manuscript.getScene(sceneId);
      if (plainTextUnchanged(now, result.text)) return;
    }
  }

      /** Queues a check of a scene or the whole book; a check already waiting for it is returned instead. */
function enqueueCheck(input: { projectId: string; sceneId?: string | undefined; notBefore?: number }): Job {
    deps.projectTitle(input.projectId);
    if (input.sceneId !== undefined && deps.manuscript.sceneHeader(input.sceneId).projectId !== input.projectId) throw notFound('The scene');
    const sceneId = input.sceneId ?? null;
    return deps.jobs.enqueue({
      kind: CONTINUITY_CHECK_KIND,
      payload: { projectId: input.projectId, sceneId, trigger: input.notBefore === undefined ? 'writer' : 'save' },
      projectId: input.projectId,
      // The check after a save has its own key, so a check the writer asks for now is never
      // folded into one still waiting for the scene to be idle.
      idempotencyKey: sceneId === null ? `continuity.check:project:${input.projectId}` : `continuity.check:scene:${sceneId}${input.notBefore === undefined ? '' : ':idle'}`,
      ...(input.notBefore !== undefined && { notBefore: input.notBefore }),
    });
  }

  /** The book's or the scene's title for the jobs view ("a scene" once it is gone). */
  const titleOf = (payload: ContinuityCheckPayload): string => {
    try {
      return payload.sceneId === null ? deps.projectTitle(payload.projectId) : deps.manuscript.sceneHeader(payload.sceneId).title;
    } catch {
      return payload.sceneId === null ? 'the book' : 'a scene';
    }
  };

  const kind: JobKind<ContinuityCheckPayload> = {
    kind: CONTINUITY_CHECK_KIND,
    payload: continuityCheckPayloadSchema,
    concurrency: 1,
    maxAttempts: 3,
    title: (payload) => `Continuity check of “${titleOf(payload)}”`,
    async run({ payload, signal, progress }) {
      const sceneIds = payload.sceneId === null ? deps.manuscript.outline(payload.projectId).chapters.flatMap((c) => c.scenes.map((s) => s.id)) : [payload.sceneId];
      progress({ done: 0, total: sceneIds.length, message: 'Reading the scenes' });
      for (const [index, sceneId] of sceneIds.entries()) {
        signal.throwIfAborted();
        try {
          await checkSceneToLatest(sceneId, signal);
        } catch (error) {
          // A scene deleted since the job was queued has nothing left to check.
          if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) continue;
          // Without any model, every save would leave a failed job behind: the background check
          // says why and stops; a check the writer asked for fails and shows the error.
          if (payload.trigger === 'save' && error instanceof AppError && NO_MODEL_CODES.has(error.code)) {
            progress({ done: 0, total: sceneIds.length, message: `Not checked: ${error.message}` });
            return;
          }
          throw error;
        }
        progress({ done: index + 1, total: sceneIds.length, message: `Checked ${index + 1} of ${sceneIds.length} scenes` });
      }
    },
  };

  return {
    kind,

    enqueueCheck,

    /**
     * Checks a scene once it has been idle after a save (debounced by the job's `notBefore`),
     * and after a codex edit the scenes whose issues it may have settled.
     */
    observeSaves(): () => void {
      return events.subscribe((name, payload) => {
        const later = clock.now() + (deps.idleMs ?? CONTINUITY_IDLE_MS);
        if (name === 'scene.saved') {
          const saved = payload as { id: string; projectId: string };
          // A book without a codex has nothing to check: no job waits after its saves.
          if (!deps.codex.hasEntries(saved.projectId)) return;
          unlessGone(() => enqueueCheck({ projectId: saved.projectId, sceneId: saved.id, notBefore: later }));
        } else if (name === 'codex.changed') {
          const { projectId } = payload as { projectId: string };
          for (const sceneId of repo.scenesWithOpenCodexIssues(projectId)) unlessGone(() => enqueueCheck({ projectId, sceneId, notBefore: later }));
        }
      });
    },

    /** Issues of a project; open ones about a scene or entry now in the trash wait there with it. */
    list(projectId: string, status: 'open' | 'resolved' | 'all'): ContinuityIssue[] {
      deps.projectTitle(projectId);
      const scenes = new Set(deps.manuscript.outline(projectId).chapters.flatMap((c) => c.scenes.map((s) => s.id)));
      const entries = new Set(deps.codex.list(projectId).map((e) => e.id));
      const live = (issue: ContinuityIssue) => scenes.has(issue.found.id) && entries.has(issue.entryId) && (issue.against.type === 'codex' || scenes.has(issue.against.id));
      return repo.listIssues(projectId, status).filter((issue) => issue.status === 'resolved' || live(issue));
    },

    /** The codex change that settles an issue: the attribute's profile field set to what the scene says. */
    proposeCodexChange(issueId: string): CodexChangeProposal {
      const found = issue(issueId);
      const entry = deps.codex.list(found.projectId).find((e) => e.id === found.entryId);
      if (!entry) throw notFound('The codex entry');
      const field = profileField(entry, normaliseAttribute(found.attribute));
      return { issueId, entryId: entry.id, field: field?.field ?? capitalise(found.attribute), before: field?.value ?? null, after: found.found.value };
    },

    resolve(input: { issueId: string; resolution: ContinuityResolution; proposal?: CodexChangeProposal | undefined }): ContinuityIssue {
      const found = issue(input.issueId);
      // Resolving twice the same way is a no-op, so a retried call changes nothing.
      if (found.status === 'resolved' && found.resolution === input.resolution) return stripSignature(found);
      if (found.status === 'resolved') throw new AppError(ErrorCode.CONFLICT, 'This continuity issue is already resolved.');
      if (input.resolution === 'fixed-text') {
        enqueueCheck({ projectId: found.projectId, sceneId: found.found.id });
        return stripSignature(found);
      }
      if (input.resolution === 'codex-updated') applyProposal(found, input.proposal);
      repo.resolveIssue(found.id, input.resolution, clock.now());
      changed(found.projectId);
      return stripSignature(issue(found.id));
    },
  };

  function applyProposal(found: ContinuityIssue, proposal: CodexChangeProposal | undefined): void {
    if (!proposal || proposal.issueId !== found.id || proposal.entryId !== found.entryId) {
      throw new AppError(ErrorCode.INVALID_INPUT, 'Updating the codex needs the proposed change the writer approved for this issue.');
    }
    const entry = deps.codex.list(found.projectId).find((e) => e.id === found.entryId);
    if (!entry) throw notFound('The codex entry');
    // Applied once: a field already holding the new value is left alone.
    if (entry.profile[proposal.field] === proposal.after) return;
    deps.codex.update({ id: entry.id, profile: { ...entry.profile, [proposal.field]: proposal.after } });
  }
}

export type ContinuityService = ReturnType<typeof createContinuityService>;

/** Runs `work`, ignoring a project or scene that is in the trash by now (nothing to check). */
function unlessGone(work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof AppError && error.code === ErrorCode.NOT_FOUND)) throw error;
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function stripSignature(issue: ContinuityIssue & { signature?: string }): ContinuityIssue {
  const { signature: _signature, ...rest } = issue;
  return rest;
}

function plainTextUnchanged(scene: { content: Parameters<typeof documentToPlainText>[0] }, checked: string): boolean {
  return documentToPlainText(scene.content) === checked;
}
