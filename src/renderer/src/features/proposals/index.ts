export { ProposalsInbox } from './ProposalsInbox';
export { ProposalList } from './ProposalList';
export { createProposalsStore, pendingCount, type ProposalsStore } from './proposals.store';
