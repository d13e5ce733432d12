import { AppError, ErrorCode, notFound } from '../../../../shared/ipc/errors';
import {
  videoCreateSchema,
  videoUpdateSchema,
  type MediaAssetKind,
  type Video,
  type VideoCreate,
  type VideoScript,
  type VideoUpdate,
  type VoiceProfile,
} from '../../../../shared/models/media';
import type { z } from 'zod';
import { inTransaction, type AppDatabase } from '../../db/connection';
import type { EventBus } from '../../events';
import type { Clock, IdGenerator } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { ProjectRepo } from '../../projects';
import { scriptFromManuscript, type ManuscriptSceneText } from './chapter-script';
import { createScriptCrew, type ScriptRuns } from './script-crew';
import { toVideo, toVideoRow, videoColumns, type VideoRepo, type VideoRow } from './video.repo';

/** What the videos need of the assets: whether one of the project's assets of a kind exists. */
export interface AssetLookup {
  kindOf(projectId: string, assetId: string): MediaAssetKind | null;
}

/** What the offline script path reads of the manuscript: a chapter's scenes as plain text, or null when it is not in the project. */
export type ChapterText = (projectId: string, chapterId: string) => ManuscriptSceneText[] | null;

export interface VideoServiceDeps {
  database: AppDatabase;
  repo: VideoRepo;
  projects: ProjectRepo;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  assets: AssetLookup;
  chapterText: ChapterText;
  runs: ScriptRuns;
  /** The voice a new video starts with (Piper's default when installed; espeak-ng otherwise). */
  defaultVoice: () => VoiceProfile;
  /** Told after a video is deleted (the renders part removes its renders' files). */
  onDeleted?: (video: Video) => void;
}

const EMPTY_SCRIPT: VideoScript = { scenes: [] };

/**
 * A project's videos: their script, voice, music, format, captions and thumbnail settings, with
 * revisions (a stale update is a conflict, never a lost script), references to the project's
 * assets checked, and the media crew's script drafts (script-crew.ts).
 */
export function createVideoService(deps: VideoServiceDeps) {
  const { database, repo, projects, events, clock, ids } = deps;

  const changed = (video: { projectId: string; id: string | null }) => events.emit('media.changed', { projectId: video.projectId, videoId: video.id });
  const liveProject = (projectId: string) => {
    if (!projects.findLive(projectId)) throw notFound('The project');
  };
  const findRow = (id: string): VideoRow => {
    const row = repo.find(id);
    if (!row || !projects.findLive(row.projectId)) throw notFound('The video');
    return row;
  };
  const read = (id: string): Video => toVideo(findRow(id));

  /** Every asset a script or music names must be one of the project's, of the right kind. */
  const checkReferences = (projectId: string, update: Pick<VideoUpdate, 'script' | 'music'>) => {
    update.script?.scenes.forEach((scene, n) => {
      if (scene.image?.kind !== 'asset') return;
      const kind = deps.assets.kindOf(projectId, scene.image.assetId);
      if (kind !== 'image') throw new AppError(ErrorCode.INVALID_INPUT, `Scene ${n + 1}’s image is ${kind === null ? 'not one of this project’s images (it may have been deleted)' : 'a sound file, not an image'}.`);
    });
    if (update.music) {
      const kind = deps.assets.kindOf(projectId, update.music.assetId);
      if (kind !== 'audio') throw new AppError(ErrorCode.INVALID_INPUT, `The music is ${kind === null ? 'not one of this project’s sound files (it may have been deleted)' : 'an image, not a sound file'}.`);
    }
    const ids = new Set<string>();
    for (const scene of update.script?.scenes ?? []) {
      if (ids.has(scene.id)) throw new AppError(ErrorCode.INVALID_INPUT, 'Two scenes of the script have the same id; each scene needs its own.');
      ids.add(scene.id);
    }
  };

  /** The chapter's scenes as text; refused when the chapter is gone or has nothing to narrate yet. */
  const chapterScenes = (projectId: string, chapterId: string) => {
    const scenes = deps.chapterText(projectId, chapterId);
    if (!scenes) throw notFound('The chapter');
    if (scenes.every((scene) => !scene.text.trim())) {
      throw new AppError(ErrorCode.INVALID_INPUT, 'This chapter has no text yet, so there is nothing to narrate. Write it first, or start the video from an idea.');
    }
    return scenes;
  };

  const crew = createScriptCrew({ ...deps, chapterScenes, read, changed });

  const initialScript = (input: VideoCreate): VideoScript => {
    if (input.source.kind !== 'chapter') return EMPTY_SCRIPT;
    const scenes = chapterScenes(input.projectId, input.source.chapterId);
    return input.generateScript ? EMPTY_SCRIPT : scriptFromManuscript(scenes, () => ids.newId());
  };

  return {
    /** A project's videos, newest first. */
    list(projectId: string): Video[] {
      liveProject(projectId);
      return repo.list(projectId).map(toVideo);
    },

    get: read,

    /**
     * Creates a video. From a chapter or an idea with `generateScript`, the media crew starts on
     * its script (the draft is applied when it arrives); from a chapter without, the script is
     * the chapter's own text, one scene per manuscript scene (or per few paragraphs).
     */
    create(raw: z.input<typeof videoCreateSchema>): Video {
      const input = videoCreateSchema.parse(raw);
      liveProject(input.projectId);
      const script = initialScript(input);
      const now = clock.now();
      const id = ids.newId();
      const base = { id, projectId: input.projectId, title: input.title, source: input.source, format: input.format };
      const draft = input.generateScript && input.source.kind !== 'blank' ? crew.start(base) : null;
      const video: Video = {
        ...base,
        script,
        voice: deps.defaultVoice(),
        music: null,
        captions: 'burned',
        thumbnail: { atSec: 1, title: input.title },
        draft,
        revision: 0,
        createdAt: now,
        updatedAt: now,
      };
      inTransaction(database, () => {
        repo.insert(toVideoRow(video));
        projects.touch(input.projectId, now);
      });
      deps.logger.info({ videoId: id, source: input.source.kind, scenes: script.scenes.length, runId: draft?.runId ?? null }, 'video created');
      changed({ projectId: input.projectId, id });
      return read(id);
    },

    /** Changes any of title, script, voice, music, format, captions, thumbnail made on `baseRevision`. */
    update(raw: z.input<typeof videoUpdateSchema>): Video {
      const input = videoUpdateSchema.parse(raw);
      const { id, baseRevision, ...fields } = input;
      const row = inTransaction(database, () => {
        const found = findRow(id);
        if (found.revision !== baseRevision) {
          throw new AppError(ErrorCode.CONFLICT, 'This video was changed elsewhere since you opened it (another window, or the crew’s script arrived). Reload it and make your change again.');
        }
        checkReferences(found.projectId, fields);
        const now = clock.now();
        repo.update(id, videoColumns({ ...fields, revision: found.revision + 1, updatedAt: now }));
        projects.touch(found.projectId, now);
        return found;
      });
      changed(row);
      return read(id);
    },

    /** Deletes a video (its crew run, if still writing, is stopped). */
    async delete(id: string): Promise<void> {
      const video = read(id);
      repo.delete(id);
      changed(video);
      if (video.draft?.status === 'running') await crew.stop(video.draft.runId);
      deps.onDeleted?.(video);
    },

    generateScript: crew.generate,
    useDraft: crew.useDraft,
    discardDraft: crew.discardDraft,
    /** A run changed (`run.changed`): a finished crew run becomes its video's draft. */
    onRunChanged: crew.onRunChanged,
    /** At start-up: drafts whose run finished while the app was closed. */
    reconcile: crew.reconcile,
  };
}

export type VideoService = ReturnType<typeof createVideoService>;
