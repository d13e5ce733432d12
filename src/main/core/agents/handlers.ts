import type { DomainHandlers } from '../handlers';
import type { AgentRegistry } from './agent-registry';
import type { PolicyService } from './policy.service';

/** The contract's `agents.list` and `policy.*` methods. */
export function createAgentsHandlers(registry: AgentRegistry, policy: PolicyService): DomainHandlers<'agents.list' | 'policy.get' | 'policy.save' | 'policy.reset'> {
  return {
    'agents.list': () => registry.list(),
    'policy.get': () => policy.get(),
    'policy.save': (input) => policy.save(input.yaml),
    'policy.reset': () => policy.reset(),
  };
}
