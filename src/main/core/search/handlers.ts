import type { DomainHandlers } from '../handlers';
import type { SearchService } from './search.service';

export function createSearchHandlers(search: SearchService): DomainHandlers<'search.query'> {
  return {
    'search.query': ({ projectId, query, limit }) => search.query(projectId, query, limit),
  };
}
