export { createSearchService, type SearchService, type SearchDeps } from './search.service';
export { createSearchHandlers } from './handlers';
