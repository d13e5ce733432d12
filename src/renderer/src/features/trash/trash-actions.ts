import type { Api } from '../../lib/api';
import { notify } from '../../ui';

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
