export { EmptyTrashDialog } from './EmptyTrashDialog';
export type { EmptyTrashDialogProps } from './EmptyTrashDialog';
export { emptyTrashAndReport } from './trash-actions';
