/** Questions about the unreadable parts of a tree (`ContractSet.unreadable`), asked by every check that reasons from absence. */
import type { ContractSet, UnreadablePart } from './types.js';

/**
 * The unreadable part that hides `endpoint` (without `major`: its endpoint.yaml; with it: that major too):
 * the endpoint itself when its endpoint.yaml cannot be read, else that major. `undefined` when it was read,
 * or is simply not there.
 */
export function unreadablePart(
  set: Pick<ContractSet, 'unreadable'>,
  endpoint: string,
  major?: number,
): UnreadablePart | undefined {
  return set.unreadable?.find(
    (part) =>
      part.endpoint === endpoint &&
      (part.major === undefined || (major !== undefined && part.major === major)),
  );
}

/** `sync-customers v3`, or `sync-customers` when its endpoint.yaml is what cannot be read. */
export function unreadableName(part: UnreadablePart): string {
  return part.major === undefined ? part.endpoint : `${part.endpoint} v${part.major}`;
}
