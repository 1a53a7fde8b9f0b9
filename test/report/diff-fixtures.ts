import type { Change, DiffResult, Severity } from '../../src/diff/types.js';
import { maxSeverity } from '../../src/diff/types.js';

/** A hand-built change; only what a renderer reads matters. */
export function change(
  severity: Severity,
  path: string,
  rule: string,
  message: string,
  extra: Partial<Change> = {},
): Change {
  return {
    rule,
    severity,
    effect: severity === 'none' ? 'none' : 'widens',
    path,
    oldPath: path,
    newPath: path,
    message,
    args: {},
    ...extra,
  };
}

export function result(...changes: Change[]): DiffResult {
  return { verdict: maxSeverity(changes.map((c) => c.severity)), changes };
}

/** The output pair's changes, in the order a walker might find them (not by severity). */
export const mixed: DiffResult = result(
  change(
    'additive',
    '/properties/customer/properties/crmId',
    'property-added',
    'Responses may now include `crmId`.',
  ),
  change(
    'breaking',
    '/properties/status',
    'enum-value-added',
    'Output `status` may now be "refunded"; clients that handle only the old values break.',
    { origin: { file: 'order.json', pointer: '/$defs/OrderStatus' } },
  ),
  change(
    'none',
    '/properties/total/properties/amount',
    'description-changed',
    'The description of `amount` changed.',
  ),
  change(
    'breaking',
    '/properties/customer/properties/phone',
    'type-widened',
    'Output `phone` may now be null; clients that expect a string break.',
  ),
  change(
    'dangerous',
    '/properties/legacyCustomerNumber',
    'property-removed',
    'Responses no longer declare `legacyCustomerNumber`.',
  ),
);
