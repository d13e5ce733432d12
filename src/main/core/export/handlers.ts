import type { DomainHandlers } from '../handlers';
import type { ExportService } from './export.service';

/** The contract's export methods, backed by the export service. */
export function createExportHandlers(service: ExportService): DomainHandlers<'export.run'> {
  return {
    'export.run': (input) => service.exportManuscript(input),
  };
}
