import { useEffect, useState, type JSX } from 'react';
import type { Agent } from '../../../../shared/models/agents';
import type { ChatRoute } from '../../../../shared/models/chat';
import type { Playbook } from '../../../../shared/models/plans';
import { useApi, useStores } from '../../app/services';

/** A route as the select's option value: `auto`, `chat`, `playbook:<id>`, `agent:<agent>/<capability>`. */
export function routeValue(route: ChatRoute): string {
  switch (route.kind) {
    case 'auto':
    case 'chat':
      return route.kind;
    case 'playbook':
      return `playbook:${route.playbookId}`;
    case 'agent':
      return `agent:${route.agentId}/${route.capability}`;
  }
}

/** The route an option value stands for (unknown values read as `auto`). */
export function routeOf(value: string): ChatRoute {
  if (value === 'chat') return { kind: 'chat' };
  if (value.startsWith('playbook:')) return { kind: 'playbook', playbookId: value.slice('playbook:'.length) };
  const agent = /^agent:([^/]+)\/(.+)$/u.exec(value);
  if (agent?.[1] && agent[2]) return { kind: 'agent', agentId: agent[1], capability: agent[2] };
  return { kind: 'auto' };
}

/**
 * Who answers the next message: Auto (the crew's router decides), plain chat, a playbook or one
 * agent's capability. Lists what the core has; one it cannot list (the crew not there yet, an
 * error) is left out rather than blocking the chat.
 */
export function CrewPicker(): JSX.Element {
  const api = useApi();
  const { useChat } = useStores();
  const route = useChat((s) => s.route);
  const [playbooks, setPlaybooks] = useState<Playbook[]>([]);
  const [agents, setAgents] = useState<Agent[]>([]);

  useEffect(() => {
    let alive = true;
    const loadPlaybooks = () =>
      api.call('playbooks.list', {}).then(
        // A video's playbooks are started from the video view, which takes their script.
        (list) => alive && setPlaybooks(list.filter((p) => p.startedFrom === 'chat')),
        () => undefined,
      );
    void loadPlaybooks();
    api.call('agents.list', {}).then(
      (list) => alive && setAgents(list),
      () => undefined,
    );
    const off = api.on('playbooks.changed', () => void loadPlaybooks());
    return () => {
      alive = false;
      off();
    };
  }, [api]);

  // A picked playbook that was deleted meanwhile: back to Auto.
  useEffect(() => {
    if (route.kind === 'playbook' && playbooks.length > 0 && !playbooks.some((p) => p.id === route.playbookId)) useChat.getState().setRoute({ kind: 'auto' });
  }, [playbooks, route, useChat]);

  const value = routeValue(route);
  const known = value === 'auto' || value === 'chat' || playbooks.some((p) => routeValue({ kind: 'playbook', playbookId: p.id }) === value) || agents.some((a) => a.capabilities.some((c) => `agent:${a.id}/${c.id}` === value));
  return (
    <select
      className="chat-picker"
      aria-label="Who answers"
      title="Who answers: Auto lets the crew decide; or pick plain chat, a playbook or one agent"
      value={known ? value : 'auto'}
      onChange={(event) => useChat.getState().setRoute(routeOf(event.target.value))}
      data-testid="chat-route"
    >
      <option value="auto">Auto (the crew decides)</option>
      <option value="chat">Just chat</option>
      {playbooks.length > 0 && (
        <optgroup label="Playbooks">
          {playbooks.map((p) => (
            <option key={p.id} value={`playbook:${p.id}`}>
              {p.name}
            </option>
          ))}
        </optgroup>
      )}
      {agents.map((agent) => (
        <optgroup key={agent.id} label={agent.name}>
          {agent.capabilities.map((c) => (
            <option key={c.id} value={`agent:${agent.id}/${c.id}`} title={c.description}>
              {`${agent.name}: ${c.id.replace(/-/gu, ' ')}`}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
