/**
 * Annotations do not change which instances are valid, but some change behaviour: a default decides what
 * a client that omits a field gets, readOnly/writeOnly say which direction a field travels.
 */
import { stableJson } from '../canonical.js';
import { show } from '../describe.js';
import type { Rule } from '../rule.js';

// Defaults and readOnly matter to requests only; writeOnly to responses only. These rules are the listed
// exceptions to input/output mirroring (see test/diff/rules/registry.test.ts).
const requestBehaviour = {
  strict: { input: 'dangerous', output: 'none' },
  pragmatic: { input: 'dangerous', output: 'none' },
} as const;

export const annotationRules: Rule[] = [
  {
    id: 'default-added',
    inverse: 'default-removed',
    effect: 'none',
    severity: requestBehaviour,
    check: (o, n) =>
      o.default === undefined && n.default !== undefined
        ? [{ args: { after: n.default }, at: '/default' }]
        : [],
    what: (a, c) => `${c.subject} now defaults to ${show(a.after)}`,
    impact: (_a, c) =>
      c.direction === 'input' ? 'clients that omit it may now get different behaviour' : undefined,
    why: 'A client that omits the field now gets the default applied.',
  },
  {
    id: 'default-removed',
    inverse: 'default-added',
    effect: 'none',
    severity: requestBehaviour,
    check: (o, n) =>
      o.default !== undefined && n.default === undefined
        ? [{ args: { before: o.default }, at: '/default' }]
        : [],
    what: (a, c) => `${c.subject} no longer defaults to ${show(a.before)}`,
    impact: (_a, c) =>
      c.direction === 'input' ? 'clients that omit it no longer get that value' : undefined,
    why: 'A client that omits the field no longer gets the old default.',
  },
  {
    id: 'default-changed',
    inverse: 'default-changed',
    effect: 'none',
    severity: requestBehaviour,
    check: (o, n) =>
      o.default !== undefined && n.default !== undefined && stableJson(o.default) !== stableJson(n.default)
        ? [{ args: { before: o.default, after: n.default }, at: '/default' }]
        : [],
    what: (a, c) => `${c.subject} default changed from ${show(a.before)} to ${show(a.after)}`,
    impact: (_a, c) =>
      c.direction === 'input' ? 'clients that omit it now get different behaviour' : undefined,
    why: 'Clients that omit the field silently get a different value.',
  },
  {
    id: 'read-only-added',
    inverse: 'read-only-removed',
    effect: 'none',
    severity: requestBehaviour,
    check: (o, n) => (!o.readOnly && n.readOnly ? [{ args: {}, at: '/readOnly' }] : []),
    what: (_a, c) => `${c.subject} is now read-only`,
    impact: (_a, c) =>
      c.direction === 'input' ? 'clients that send it may have it ignored or rejected' : undefined,
    why: 'A read-only field should no longer be sent by clients.',
  },
  {
    id: 'read-only-removed',
    inverse: 'read-only-added',
    effect: 'none',
    check: (o, n) => (o.readOnly && !n.readOnly ? [{ args: {}, at: '/readOnly' }] : []),
    what: (_a, c) => `${c.subject} is no longer read-only`,
    why: 'Clients may now send it; nobody relied on it being absent.',
  },
  {
    id: 'write-only-added',
    inverse: 'write-only-removed',
    effect: 'none',
    severity: {
      strict: { input: 'none', output: 'dangerous' },
      pragmatic: { input: 'none', output: 'dangerous' },
    },
    check: (o, n) => (!o.writeOnly && n.writeOnly ? [{ args: {}, at: '/writeOnly' }] : []),
    what: (_a, c) => `${c.subject} is now write-only`,
    impact: (_a, c) => (c.direction === 'output' ? 'it may no longer appear in responses' : undefined),
    why: 'A write-only field may stop appearing in responses.',
  },
  {
    id: 'write-only-removed',
    inverse: 'write-only-added',
    effect: 'none',
    check: (o, n) => (o.writeOnly && !n.writeOnly ? [{ args: {}, at: '/writeOnly' }] : []),
    what: (_a, c) => `${c.subject} is no longer write-only`,
    why: 'Informational.',
  },
  {
    id: 'deprecated-added',
    inverse: 'deprecated-removed',
    effect: 'none',
    check: (o, n) => (!o.deprecated && n.deprecated ? [{ args: {}, at: '/deprecated' }] : []),
    what: (_a, c) => `${c.subject} is now deprecated; plan to stop relying on it`,
    why: 'Deprecation announces a future removal; nothing breaks yet.',
  },
  {
    id: 'deprecated-removed',
    inverse: 'deprecated-added',
    effect: 'none',
    check: (o, n) => (o.deprecated && !n.deprecated ? [{ args: {}, at: '/deprecated' }] : []),
    what: (_a, c) => `${c.subject} is no longer deprecated`,
    why: 'Informational.',
  },
];
