import { formatNumber } from '../../ui/format';

/** A token count, marked ≈ when some of its calls were estimated. */
export function TokenCell({ value, estimatedCalls }: { value: number; estimatedCalls: number }) {
  if (estimatedCalls === 0) return <td>{formatNumber(value)}</td>;
  const calls = estimatedCalls === 1 ? '1 call' : `${formatNumber(estimatedCalls)} calls`;
  return <td title={`Includes ${calls} stopped or failed part-way, estimated from the text that arrived.`}>≈{formatNumber(value)}</td>;
}
