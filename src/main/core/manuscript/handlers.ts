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
  | 'scene.doc.open'
  | 'scene.doc.push'
  | 'scene.doc.pull'
  | 'scene.delete';

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const encoded = (state: { id: string; revision: number; update: Uint8Array }) => ({ ...state, update: toBase64(state.update) });

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
    'scene.doc.open': ({ id }) => encoded(manuscript.pullSceneDoc({ id })),
    'scene.doc.push': ({ id, update, stateVector }) => {
      const pushed = manuscript.pushSceneUpdate({ id, update: fromBase64(update), stateVector: fromBase64(stateVector) });
      return { ...pushed, update: toBase64(pushed.update) };
    },
    'scene.doc.pull': ({ id, stateVector }) => encoded(manuscript.pullSceneDoc({ id, stateVector: fromBase64(stateVector) })),
    'scene.delete': ({ id }) => {
      manuscript.deleteScene(id);
      return { ok: true };
    },
  };
}
