import type { Api } from './api';

/**
 * Calls `reread` each time the connection to the core comes back after it was lost (events sent
 * meanwhile were missed, so a view reads its data again). Returns the unsubscribe function.
 */
export function onReconnected(api: Pick<Api, 'onStatus'>, reread: () => void): () => void {
  let lost = false;
  return api.onStatus((status) => {
    if (status === 'closed' || status === 'unreachable') lost = true;
    if (status !== 'open' || !lost) return;
    lost = false;
    reread();
  });
}
