export { createAppInfoHandlers } from './handlers';
