import type { JSX } from 'react';
import { EmptyState } from '../../ui';

/** TEMPORARY STUB written by the app-shell helper; the snapshots helper replaces this file. */
export function SnapshotsPanel(_props: { projectId: string }): JSX.Element {
  return <EmptyState size="sm" title="Snapshots are not available yet" />;
}
