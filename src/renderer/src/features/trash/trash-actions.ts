import type { TrashKind } from '../../../../shared/models/trash';
import type { Api } from '../../lib/api';
import { notify } from '../../ui';

/** An item that can go to the trash and come back. */
export interface TrashRef {
  kind: TrashKind;
  id: string;
}

const toastKey = (ref: TrashRef) => `trash:${ref.kind}:${ref.id}`;

/**
 * Says an item went to the trash, with Undo. Undo is safe to press late: the core leaves an
 * item that is already back as it is.
 */
export function notifyTrashed(message: string, ref: TrashRef, undo: () => Promise<void>, testId = 'undo'): void {
  notify.info(message, { key: toastKey(ref), action: { label: 'Undo', run: undo, 'data-testid': testId } });
}

/** Closes an item's "moved to the trash" toast once it came back some other way (the trash list). */
export function dismissTrashedNotice(ref: TrashRef): void {
  notify.dismissKey(toastKey(ref));
}

/**
 * Deletes trashed items for good, a project's (given its id) or the deleted projects' (without),
 * and says how many went, or why it failed. Returns false if it failed.
 */
export async function emptyTrashAndReport(api: Api, projectId?: string): Promise<boolean> {
  try {
    const { removed } = await api.call('trash.empty', { ...(projectId !== undefined && { projectId }), confirm: true });
    notify.success(removed === 1 ? 'Deleted 1 item for good' : `Deleted ${removed} items for good`);
    return true;
  } catch (error) {
    notify.error(error, { title: 'Could not empty the trash' });
    return false;
  }
}
