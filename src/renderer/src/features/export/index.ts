export { ExportDialog } from './ExportDialog';
export type { ExportDialogProps } from './ExportDialog';
