import { Ellipsis } from 'lucide-react';
import type { ComponentPropsWithoutRef, FocusEvent, MouseEvent } from 'react';
import { useStores } from '../../app/services';
import { InlineRename } from './InlineRename';
import type { TreeKey } from './outline-model';
import { useOutlineTree, type OutlineTreeContextValue } from './outline-tree-context';

type RowKind = 'chapter' | 'scene';

const TITLE: Record<RowKind, { label: string; testId: string }> = {
  chapter: { label: 'Chapter title', testId: 'outline-chapter-title' },
  scene: { label: 'Scene title', testId: 'outline-scene-title' },
};

export interface OutlineRowTitleProps {
  kind: RowKind;
  id: string;
  treeKey: TreeKey;
  title: string;
  /** Shows the inline rename field instead of the title. */
  editing: boolean;
}

/** A row's title, or its inline rename field while the row is being renamed. */
export function OutlineRowTitle({ kind, id, treeKey, title, editing }: OutlineRowTitleProps) {
  const { useOutline } = useStores();
  const tree = useOutlineTree();
  if (!editing) {
    return (
      <span className="outline-row__title" data-testid={TITLE[kind].testId} title={title}>
        {title}
      </span>
    );
  }
  return (
    <InlineRename
      value={title}
      label={TITLE[kind].label}
      onCommit={(next, keyboard) => {
        void useOutline.getState().rename(kind, id, next);
        tree.endRename(treeKey, keyboard);
      }}
      onCancel={(keyboard) => {
        useOutline.getState().stopRename();
        tree.endRename(treeKey, keyboard);
      }}
    />
  );
}

export interface OutlineRowActionProps extends Omit<ComponentPropsWithoutRef<'button'>, 'type' | 'tabIndex' | 'className' | 'onClick' | 'onPointerDown'> {
  onActivate: (button: HTMLButtonElement) => void;
}

/**
 * A button among a row's hover actions. It is no tab stop (the row's keys and menu reach the same
 * actions), and its pointer-down and click stay out of the row, which would start a drag or select.
 */
export function OutlineRowAction({ onActivate, children, ...rest }: OutlineRowActionProps) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className="outline-row__menu"
      onPointerDown={(event) => event.stopPropagation()}
      onClick={(event) => {
        event.stopPropagation();
        onActivate(event.currentTarget);
      }}
      {...rest}
    >
      {children}
    </button>
  );
}

/** The ⋯ action of a row: opens the row's menu just under the button. */
export function OutlineRowMenuButton({ treeKey, label, testId }: { treeKey: TreeKey; label: string; testId: string }) {
  const tree = useOutlineTree();
  return (
    <OutlineRowAction
      aria-label={label}
      data-testid={testId}
      onActivate={(button) => {
        const rect = button.getBoundingClientRect();
        tree.openMenu(treeKey, rect.left, rect.bottom + 4);
      }}
    >
      <Ellipsis size={15} />
    </OutlineRowAction>
  );
}

/**
 * What every tree row does on focus and right-click: records its own focus (not a child's), and
 * opens its menu at the pointer. The event stops here, or the chapter around a scene would open
 * its menu instead.
 */
export function outlineRowEvents(tree: OutlineTreeContextValue, key: TreeKey) {
  return {
    onFocus: (event: FocusEvent<HTMLElement>) => {
      if (event.target === event.currentTarget) tree.onRowFocus(key);
    },
    onContextMenu: (event: MouseEvent<HTMLElement>) => {
      event.preventDefault();
      event.stopPropagation();
      tree.openMenu(key, event.clientX, event.clientY);
    },
  };
}
