import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { ScriptDraft, Video, VideoFormat, VideoScript, VideoSource } from '../../../../shared/models/media';
import type { RunDetail } from '../../../../shared/models/runs';
import { inTransaction, type AppDatabase } from '../../db/connection';
import type { Clock, IdGenerator } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { scriptFromRun, VIDEO_PLAYBOOKS } from './crew-script';
import { toVideo, videoColumns, type VideoRepo } from './video.repo';

/** What the script crew needs of the runs domain (its `RunService` fits). */
export interface ScriptRuns {
  start(input: { projectId: string; playbookId: string; request: string; target: { chapterId?: string } }): { id: string };
  get(id: string): RunDetail;
  cancel(id: string): Promise<unknown>;
}

export interface ScriptCrewDeps {
  database: AppDatabase;
  repo: VideoRepo;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  runs: ScriptRuns;
  /** Throws when the chapter is gone or empty (the video service's check). */
  chapterScenes: (projectId: string, chapterId: string) => unknown;
  read(id: string): Video;
  changed(video: { projectId: string; id: string }): void;
}

/** What the rewrite aims at for each format (the chapter playbook reads it as `$request`). */
const GOALS: Record<VideoFormat, string> = {
  'youtube-1080p': 'A narrated video for YouTube: clear spoken sentences, a hook in the first scene, faithful to the chapter.',
  'youtube-720p': 'A narrated video for YouTube: clear spoken sentences, a hook in the first scene, faithful to the chapter.',
  'shorts-1080x1920': 'A short vertical video of about a minute: a strong hook, short lines, few scenes.',
};

const draftOf = (runId: string): ScriptDraft => ({ runId, status: 'running', script: null, error: null });

/**
 * The media crew writing a video's script: a playbook run started for the video ("Video from an
 * idea", "Video script from a chapter"), followed through `run.changed` and reconciled at
 * start-up; its final outputs become the video's draft script — applied at once when the video's
 * script is still empty, else kept until the writer uses or discards it.
 */
export function createScriptCrew(deps: ScriptCrewDeps) {
  const { database, repo, clock, runs, logger } = deps;

  const startRun = (video: { projectId: string; title: string; source: VideoSource; format: VideoFormat }): ScriptDraft => {
    const { source } = video;
    if (source.kind === 'blank') throw new AppError(ErrorCode.INVALID_INPUT, 'This video has no chapter or idea for the crew to write from: write its script yourself.');
    const run =
      source.kind === 'idea'
        ? runs.start({ projectId: video.projectId, playbookId: VIDEO_PLAYBOOKS.idea, request: source.idea, target: {} })
        : runs.start({ projectId: video.projectId, playbookId: VIDEO_PLAYBOOKS.chapter, request: GOALS[video.format], target: { chapterId: source.chapterId } });
    logger.info({ runId: run.id, source: source.kind }, 'script crew started');
    return draftOf(run.id);
  };

  const failedDraft = (runId: string, error: string): ScriptDraft => ({ ...draftOf(runId), status: 'failed', error });

  /** Why a waiting run is stuck on a failed step, or null when it waits for something else. */
  const stuckOn = (detail: RunDetail): string | null => {
    const wait = detail.run.wait;
    if (wait?.kind !== 'step-failed') return null;
    const step = detail.steps.find((s) => s.key === wait.stepKey);
    return `The crew stopped at “${step?.title ?? wait.stepKey}”: ${step?.error?.message ?? 'the step failed.'} Retry the step from the run, or write the script again.`;
  };

  /** What the video becomes for its run as it is now (its draft, or the script applied), or null when nothing changes. */
  const outcome = (runId: string, detail: RunDetail | null, current: Video): { draft: ScriptDraft | null; script?: VideoScript } | null => {
    const run = detail?.run;
    if (!detail || !run) return { draft: failedDraft(runId, 'The crew’s run is gone, so its script cannot be used. Write it again.') };
    switch (run.status) {
      case 'queued':
      case 'running':
        // A step the writer retried from the run view: the crew is writing again.
        return current.draft?.status === 'failed' ? { draft: draftOf(runId) } : null;
      case 'waiting': {
        const stuck = stuckOn(detail);
        return stuck && current.draft?.status === 'running' ? { draft: failedDraft(runId, stuck) } : null;
      }
      case 'failed':
        return { draft: failedDraft(runId, `The crew could not finish the script: ${run.error?.message ?? 'its run failed.'}`) };
      case 'cancelled':
        return { draft: failedDraft(runId, 'The crew’s run was stopped before the script was finished.') };
      default:
        try {
          const script = scriptFromRun(detail, () => deps.ids.newId());
          // Nothing to lose in an empty script: the crew's goes straight in.
          return current.script.scenes.length === 0 ? { draft: null, script } : { draft: { runId, status: 'ready', script, error: null } };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return { draft: failedDraft(runId, error.message) };
        }
    }
  };

  /** Brings the video that follows this run up to date with it (a draft already ready stays as it is). */
  const settle = (runId: string, detail: RunDetail | null): void => {
    const video = inTransaction(database, () => {
      const row = repo.findByDraftRun(runId);
      const current = row ? toVideo(row) : null;
      if (!current?.draft || current.draft.status === 'ready') return null;
      const next = outcome(runId, detail, current);
      if (!next) return null;
      const now = clock.now();
      if (next.script) repo.update(current.id, videoColumns({ script: next.script, draft: next.draft, revision: current.revision + 1, updatedAt: now }));
      else repo.update(current.id, videoColumns({ draft: next.draft, updatedAt: now }));
      logger.info({ videoId: current.id, runId, draft: next.draft?.status ?? 'applied' }, 'script crew draft changed');
      return current;
    });
    if (video) deps.changed(video);
  };

  const detailOrNull = (runId: string): RunDetail | null => {
    try {
      return runs.get(runId);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  };

  const withDraft = (id: string, draft: ScriptDraft | null) => {
    const video = deps.read(id);
    repo.update(id, videoColumns({ draft, updatedAt: clock.now() }));
    deps.changed(video);
    return deps.read(id);
  };

  /** Stops a run that is still writing (a deleted video, a discarded draft). */
  const stop = async (runId: string): Promise<void> => {
    await runs.cancel(runId).catch((error: unknown) => logger.warn({ runId, err: error }, 'could not stop the script crew'));
  };

  return {
    start: startRun,
    stop,

    /** Starts the crew on the video's script again; the result waits as a draft (a run stuck on a failed step is stopped). */
    async generate(id: string): Promise<Video> {
      const video = deps.read(id);
      if (video.draft?.status === 'running') throw new AppError(ErrorCode.CONFLICT, 'The crew is already writing this video’s script. Wait for it, or discard the draft first.');
      if (video.source.kind === 'chapter') deps.chapterScenes(video.projectId, video.source.chapterId);
      const updated = withDraft(id, startRun(video));
      if (video.draft?.status === 'failed') await stop(video.draft.runId);
      return updated;
    },

    /** Replaces the script with the ready draft (revision +1); a stale revision is a conflict. */
    useDraft(input: { id: string; baseRevision: number }): Video {
      const video = inTransaction(database, () => {
        const current = deps.read(input.id);
        if (current.revision !== input.baseRevision) throw new AppError(ErrorCode.CONFLICT, 'This video was changed since you looked at the draft. Reload it and choose again.');
        if (current.draft?.status !== 'ready' || !current.draft.script) throw new AppError(ErrorCode.CONFLICT, 'There is no finished draft script to use.');
        repo.update(input.id, videoColumns({ script: current.draft.script, draft: null, revision: current.revision + 1, updatedAt: clock.now() }));
        return current;
      });
      deps.changed(video);
      return deps.read(input.id);
    },

    /** Drops the draft; a crew still writing it is stopped. */
    async discardDraft(id: string): Promise<Video> {
      const video = deps.read(id);
      if (!video.draft) return video;
      const updated = withDraft(id, null);
      // A failed draft's run may be waiting on its failed step: it goes too (stopping an ended run changes nothing).
      if (video.draft.status !== 'ready') await stop(video.draft.runId);
      return updated;
    },

    /**
     * A run changed: the video that follows it catches up — its outputs become the draft when it
     * ends, a step it is stuck on fails the draft with its sentence, a retried step writes again.
     */
    onRunChanged(runId: string): void {
      const row = repo.findByDraftRun(runId);
      const status = row ? toVideo(row).draft?.status : undefined;
      if (status === undefined || status === 'ready') return;
      settle(runId, detailOrNull(runId));
    },

    /** At start-up: drafts whose run ended (or got stuck, or is gone) while the app was closed catch up. */
    reconcile(): void {
      for (const row of repo.listRunningDrafts()) {
        const runId = toVideo(row).draft?.runId;
        if (runId) settle(runId, detailOrNull(runId));
      }
    },
  };
}

export type ScriptCrew = ReturnType<typeof createScriptCrew>;
