/**
 * Faults the example provider can be built with, one each: the ways a "quick script" drifts from its
 * contract that `contractguard verify` is there to catch. A correct provider has none.
 */
export const FAULTS = {
  'output-type-drift': 'sync-customers v3 returns `counts.synced` as a string',
  'rejects-unknown-fields': 'enrich-events v1 rejects a request with a field it does not know',
  'server-error-on-invalid-input': 'invalid input gets a 500 instead of a 4xx',
  'undeclared-error-code': 'invalid input gets a 400 with the undeclared code VALIDATION_FAILED',
  'not-idempotent': 'sync-customers v3 bumps `updatedAt` of every customer it syncs, on every sync',
  'drops-consumer-field':
    'sync-customers v3 no longer returns `companyName`, which slack-customer-lookup reads',
  'auth-not-enforced': 'requests without credentials are served',
  'duplicate-items-across-pages': 'each page starts with the last item of the page before',
} as const;

export type Fault = keyof typeof FAULTS;

export const FAULT_NAMES = Object.keys(FAULTS) as Fault[];

export function isFault(name: string): name is Fault {
  return Object.hasOwn(FAULTS, name);
}
