export { SceneEditor } from './SceneEditor';
export type { SceneEditorProps } from './SceneEditor';
export { WritingStats } from './WritingStats';
export { useEditorSession } from './editor-session.store';
export { useEditorSelection } from './editor-selection.store';
