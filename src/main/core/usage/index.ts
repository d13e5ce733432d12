export {
  createUsageService,
  summaryStart,
  type LlmCallRecord,
  type LlmCallStatus,
  type UsageDeps,
  type UsageQuery,
  type UsageService,
} from './usage.service';
export { DEFAULT_PRICING, estimateCostUsd, findPrice, type ModelPrice, type PricingTable } from './pricing';
export { createUsageHandlers } from './handlers';
