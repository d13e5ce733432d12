/**
 * Moves `id` to `position` in an ordered list of sibling ids and returns the new order.
 * Positions past the end clamp to the end; an id not yet in the list is inserted.
 */
export function reorder(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((other) => other !== id);
  const at = Math.max(0, Math.min(position, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
