export { createPlaybookHandlers } from './handlers';
export { DEFAULT_PLAYBOOKS_FOLDER, loadShippedPlaybooks } from './playbook-files';
export { createPlaybookRepo, type PlaybookRepo } from './playbook.repo';
export { createPlaybookService, type PlaybookDeps, type PlaybookService, type PlaybookSource } from './playbook.service';
