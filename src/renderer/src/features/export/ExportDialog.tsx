import type { JSX } from 'react';
import { Dialog } from '../../ui';

/** TEMPORARY STUB written by the app-shell helper; the export helper replaces this file. */
export function ExportDialog(props: { projectId: string; open: boolean; onClose: () => void }): JSX.Element {
  return (
    <Dialog open={props.open} onClose={props.onClose} title="Export">
      <p>Export is not available yet.</p>
    </Dialog>
  );
}
