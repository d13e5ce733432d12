import type { DomainHandlers } from '../handlers';
import type { ManuscriptService } from './manuscript.service';

type ManuscriptMethods =
  | 'outline.get'
  | 'chapter.create'
  | 'chapter.update'
  | 'chapter.move'
  | 'chapter.delete'
  | 'scene.create'
  | 'scene.get'
  | 'scene.update'
  | 'scene.move'
  | 'scene.save'
  | 'scene.delete';

export function createManuscriptHandlers(manuscript: ManuscriptService): DomainHandlers<ManuscriptMethods> {
  return {
    'outline.get': ({ projectId }) => manuscript.outline(projectId),
    'chapter.create': (input) => manuscript.createChapter(input),
    'chapter.update': (input) => manuscript.updateChapter(input),
    'chapter.move': (input) => manuscript.moveChapter(input),
    'chapter.delete': ({ id }) => {
      manuscript.deleteChapter(id);
      return { ok: true };
    },
    'scene.create': (input) => manuscript.createScene(input),
    'scene.get': ({ id }) => manuscript.getScene(id),
    'scene.update': (input) => manuscript.updateScene(input),
    'scene.move': (input) => manuscript.moveScene(input),
    'scene.save': (input) => manuscript.saveScene(input),
    'scene.delete': ({ id }) => {
      manuscript.deleteScene(id);
      return { ok: true };
    },
  };
}
