export { EmptyTrashDialog } from './EmptyTrashDialog';
export type { EmptyTrashDialogProps } from './EmptyTrashDialog';
export { dismissTrashedNotice, emptyTrashAndReport, notifyTrashed, type TrashRef } from './trash-actions';
