/**
 * Error codes: the list of failures a caller may see, each with an HTTP status and whether to retry. Judged
 * on the output side; a code added or removed moves a failure between codes, so both read as `both`.
 */
import type { ContractFile, ErrorCode } from '../../model/types.js';
import { type ContractHit, type ContractRule, code, keyed, token } from './rule.js';

const errorsOf = (c: ContractFile) => keyed(c.errors, (e) => e.code);

/** Codes in `from` that `to` lacks, addressed by code, positioned by index. */
function missing(from: ContractFile, to: ContractFile, shownIn?: 'base'): ContractHit[] {
  const present = errorsOf(to);
  return [...errorsOf(from)]
    .filter(([name]) => !present.has(name))
    .map(([name, [error, index]]) => ({
      args: { code: name, status: error.status },
      path: `/errors/${token(name)}`,
      pointer: `/errors/${index}`,
      ...(shownIn ? { shownIn } : {}),
    }));
}

/** A field that differs between the base and head entries of the same code. */
function fieldChanged(field: 'status' | 'retryable', value: (e: ErrorCode) => unknown) {
  return (o: ContractFile, n: ContractFile): ContractHit[] => {
    const after = errorsOf(n);
    const hits: ContractHit[] = [];
    for (const [name, [before]] of errorsOf(o)) {
      const entry = after.get(name);
      if (!entry || value(before) === value(entry[0])) continue;
      const [now, index] = entry;
      hits.push({
        args: { code: name, before: value(before), after: value(now) },
        path: `/errors/${token(name)}/${field}`,
        pointer: now[field] === undefined ? `/errors/${index}` : `/errors/${index}/${field}`,
      });
    }
    return hits;
  };
}

export const errorRules: ContractRule[] = [
  {
    id: 'error-code-removed',
    inverse: 'error-code-added',
    area: 'errors',
    direction: 'output',
    effect: 'both',
    check: (o, n) => missing(o, n, 'base'),
    what: (a) => `error code ${code(a.code)} (${a.status}) is no longer declared`,
    impact: () =>
      'callers that handle it (retry, fall back, alert) stop reacting when the failure arrives under another code',
    why: 'Callers branch on error codes; when the condition surfaces under another code or none, their handling silently stops working.',
  },
  {
    id: 'error-code-added',
    inverse: 'error-code-removed',
    area: 'errors',
    direction: 'output',
    effect: 'both',
    severity: 'dangerous',
    check: (o, n) => missing(n, o),
    what: (a) => `it may now fail with error code ${code(a.code)} (${a.status})`,
    impact: () => 'callers do not expect it and may not handle it',
    why: 'A new error code is a new possible output: callers with exhaustive handling treat it as unknown.',
  },
  {
    id: 'error-status-changed',
    inverse: 'error-status-changed',
    area: 'errors',
    direction: 'output',
    effect: 'both',
    check: fieldChanged('status', (e) => e.status),
    what: (a) => `error ${code(a.code)} now has HTTP status ${a.after} (was ${a.before})`,
    impact: () => 'callers that recognise it by status (or retry by status class) now treat it differently',
    why: 'HTTP clients, gateways and retry middleware act on the status, not on the code.',
  },
  {
    id: 'error-retryable-changed',
    inverse: 'error-retryable-changed',
    area: 'errors',
    direction: 'output',
    effect: 'both',
    check: fieldChanged('retryable', (e) => e.retryable === true),
    what: (a) => `error ${code(a.code)} is ${a.after ? 'now' : 'no longer'} retryable`,
    impact: (a) =>
      a.after
        ? 'callers that give up on it fail requests a retry would complete'
        : 'callers that retry it now repeat a request that cannot succeed (or duplicate its effects)',
    why: 'Callers decide whether to retry from this flag; an undeclared flag means not retryable.',
  },
];
