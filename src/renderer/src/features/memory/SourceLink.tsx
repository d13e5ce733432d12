import { BookOpen, FileText, MessagesSquare, PenLine, Bot } from 'lucide-react';
import type { JSX } from 'react';
import type { MemorySource } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { showPanel } from '../project/layout.store';
import { useNavigation } from '../project/navigation.store';
import { SOURCE_LABELS } from './memory-filters';

const ICONS = {
  scene: <FileText size={12} aria-hidden="true" />,
  codex: <BookOpen size={12} aria-hidden="true" />,
  chat: <MessagesSquare size={12} aria-hidden="true" />,
  run: <Bot size={12} aria-hidden="true" />,
  writer: <PenLine size={12} aria-hidden="true" />,
} as const;

/** Names a scene or codex entry from what the outline and codex stores already hold. */
function useSourceName(source: MemorySource): string | null {
  const { useOutline, useCodexStore } = useStores();
  const sceneTitle = useOutline((s) => (source.type === 'scene' && source.id ? (s.outline?.chapters.flatMap((c) => c.scenes).find((sc) => sc.id === source.id)?.title ?? null) : null));
  const codexName = useCodexStore((s) => (source.type === 'codex' && source.id ? (s.entries.find((e) => e.id === source.id)?.name ?? null) : null));
  return sceneTitle ?? codexName;
}

/** Opens the place a passage or memory came from: the scene in the editor, the codex entry in its panel. */
export function openSource(type: 'scene' | 'codex', id: string, codexFocus: (id: string) => void, find?: string): void {
  if (type === 'scene') useNavigation.getState().openScene(id, find);
  else {
    codexFocus(id);
    showPanel('codex');
  }
}

/** Where a memory came from; a link when it is a scene or codex entry that can be opened. */
export function SourceLink({ source }: { source: MemorySource }): JSX.Element {
  const { useCodexStore } = useStores();
  const name = useSourceName(source);
  const label = name ? `${SOURCE_LABELS[source.type]} · ${name}` : SOURCE_LABELS[source.type];
  const { id, type } = source;
  if (id && (type === 'scene' || type === 'codex')) {
    return (
      <button
        type="button"
        className="memory-source memory-source--link"
        title={type === 'scene' ? 'Open the scene' : 'Open the codex entry'}
        onClick={() => openSource(type, id, (codexId) => useCodexStore.getState().setFocus(codexId))}
        data-testid="memory-source"
      >
        {ICONS[type]}
        {label}
      </button>
    );
  }
  return (
    <span className="memory-source" data-testid="memory-source">
      {ICONS[type]}
      {label}
    </span>
  );
}
