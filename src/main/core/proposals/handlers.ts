import type { DomainHandlers } from '../handlers';
import type { ProposalService } from './proposal.service';

export type ProposalMethods = 'proposals.list' | 'proposals.approve' | 'proposals.reject';

/** The contract's `proposals.*` methods over the proposal service. */
export function createProposalHandlers(service: ProposalService): DomainHandlers<ProposalMethods> {
  return {
    'proposals.list': (input) => service.list(input),
    'proposals.approve': (input) => service.approve(input),
    'proposals.reject': (input) => service.reject(input.id),
  };
}
