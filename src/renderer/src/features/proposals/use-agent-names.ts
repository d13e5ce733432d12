import { useEffect, useState } from 'react';
import type { Api } from '../../lib/api';

/** Agent id → display name from the registry; empty until read (ids are shown meanwhile). */
export function useAgentNames(api: Api): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    api.call('agents.list', {}).then(
      (agents) => {
        if (live) setNames(Object.fromEntries(agents.map((agent) => [agent.id, agent.name])));
      },
      () => {
        // Names are a nicety: the ids stay readable.
      },
    );
    return () => {
      live = false;
    };
  }, [api]);
  return names;
}
