import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { ScriptDraft, Video, VideoFormat, VideoSource } from '../../../../shared/models/media';
import type { RunDetail, RunStatus } from '../../../../shared/models/runs';
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

/** Runs in these states will not change again: their outputs (or their error) are final. */
const ENDED: readonly RunStatus[] = ['completed', 'review', 'failed', 'cancelled'];

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

  /** Records how a crew run ended on the video that waits for it (if it still does). */
  const settle = (runId: string, detail: RunDetail | null): void => {
    const video = inTransaction(database, () => {
      const row = repo.findByDraftRun(runId);
      if (!row) return null;
      const current = toVideo(row);
      if (current.draft?.status !== 'running') return null;
      const now = clock.now();
      const failed = (error: string) => repo.update(row.id, videoColumns({ draft: { ...draftOf(runId), status: 'failed', error }, updatedAt: now }));
      const run = detail?.run;
      if (!run) failed('The crew’s run is gone, so its script cannot be used. Write it again.');
      else if (run.status === 'failed') failed(`The crew could not finish the script: ${run.error?.message ?? 'its run failed'}`);
      else if (run.status === 'cancelled') failed('The crew’s run was stopped before the script was finished.');
      else {
        try {
          const script = scriptFromRun(detail, () => deps.ids.newId());
          // Nothing to lose in an empty script: the crew's goes straight in.
          if (current.script.scenes.length === 0) repo.update(row.id, videoColumns({ script, draft: null, revision: current.revision + 1, updatedAt: now }));
          else repo.update(row.id, videoColumns({ draft: { runId, status: 'ready', script, error: null }, updatedAt: now }));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failed(error.message);
        }
      }
      return current;
    });
    if (video) {
      logger.info({ videoId: video.id, runId }, 'script crew ended');
      deps.changed(video);
    }
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

    /** Starts the crew on the video's script again; the result waits as a draft. */
    generate(id: string): Video {
      const video = deps.read(id);
      if (video.draft?.status === 'running') throw new AppError(ErrorCode.CONFLICT, 'The crew is already writing this video’s script. Wait for it, or discard the draft first.');
      if (video.source.kind === 'chapter') deps.chapterScenes(video.projectId, video.source.chapterId);
      return withDraft(id, startRun(video));
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
      if (video.draft.status === 'running') await stop(video.draft.runId);
      return updated;
    },

    /** A run changed: when it has ended and a video waits for it, its outputs become the draft. */
    onRunChanged(runId: string, status: RunStatus): void {
      if (!ENDED.includes(status)) return;
      const row = repo.findByDraftRun(runId);
      if (!row || toVideo(row).draft?.status !== 'running') return;
      settle(runId, detailOrNull(runId));
    },

    /** Drafts whose run ended while the app was closed (or whose run is gone) are settled now. */
    reconcile(): void {
      for (const row of repo.listRunningDrafts()) {
        const runId = toVideo(row).draft?.runId;
        if (!runId) continue;
        const detail = detailOrNull(runId);
        if (!detail || ENDED.includes(detail.run.status)) settle(runId, detail);
      }
    },
  };
}

export type ScriptCrew = ReturnType<typeof createScriptCrew>;
