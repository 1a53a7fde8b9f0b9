/**
 * Lifecycle of a major: added, removed, owner, status, deprecation; and the edits that change nothing for
 * callers but a reviewer should still see (the endpoint's owner in endpoint.yaml, descriptions and titles in
 * the schemas). These are not compatibility changes of the contract itself; the versioning policy
 * (src/policy) decides what they require. Judged on the input side: whether the route still accepts calls.
 */
import type { ContractFile } from '../../model/types.js';
import type { ContractHit, ContractRule } from './rule.js';

const dateOf = (c: ContractFile): string | undefined => c.deprecation?.date;

function deprecationHits(o: ContractFile, n: ContractFile, wanted: 'earlier' | 'other'): ContractHit[] {
  const before = o.deprecation;
  const after = n.deprecation;
  if (!before || !after) return [];
  const hits: ContractHit[] = [];
  if (before.date !== after.date) {
    const earlier = after.date < before.date;
    if ((wanted === 'earlier') === earlier)
      hits.push({
        args: { field: 'date', before: before.date, after: after.date },
        path: '/deprecation/date',
      });
  }
  if (wanted === 'other' && before.replacement !== after.replacement) {
    hits.push({
      args: { field: 'replacement', before: before.replacement, after: after.replacement },
      path: '/deprecation/replacement',
      ...(after.replacement === undefined ? { shownIn: 'base' as const } : {}),
    });
  }
  return hits;
}

const show = (v: unknown): string => (v === undefined ? 'unset' : String(v));

export const metaRules: ContractRule[] = [
  {
    id: 'major-added',
    inverse: 'major-removed',
    area: 'meta',
    direction: 'input',
    effect: 'widens',
    what: (a) => `new major v${a.major}`,
    impact: () => 'existing callers stay on their major and keep working',
    why: 'A new major is a new route; nobody calls it yet.',
  },
  {
    id: 'major-removed',
    inverse: 'major-added',
    area: 'meta',
    direction: 'input',
    effect: 'narrows',
    what: (a) => `major v${a.major} is removed`,
    impact: () => 'anyone still calling it fails',
    why: 'Removing a major removes its route; the policy allows it only after its deprecation date and once no registered consumer uses it.',
  },
  {
    id: 'owner-changed',
    inverse: 'owner-changed',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    check: (o, n) =>
      o.owner !== n.owner ? [{ args: { before: o.owner, after: n.owner }, path: '/owner' }] : [],
    what: (a) => `owner changed from ${a.before} to ${a.after}`,
    why: 'Ownership decides who reviews and approves, not what callers get.',
  },
  {
    id: 'endpoint-owner-changed',
    inverse: 'endpoint-owner-changed',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    what: (a) => `the owner of ${a.endpoint} in endpoint.yaml changed from ${a.before} to ${a.after}`,
    impact: (a) =>
      `approvals of its breaking changes still come from ${a.before} until this is merged, then from ${a.after}`,
    why: 'The endpoint owner approves breaking changes (read from the base branch), which callers never see.',
  },
  {
    id: 'description-changed',
    inverse: 'description-changed',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    what: (a) =>
      a.change === 'added'
        ? `${String(a.subject)} now has a ${String(a.keyword)}`
        : `the ${String(a.keyword)} of ${String(a.subject)} ${a.change === 'removed' ? 'was removed' : 'changed'}`,
    why: 'A description or title documents a schema; it changes no value a caller sends or receives.',
  },
  {
    id: 'status-changed',
    inverse: 'status-changed',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    check: (o, n) =>
      o.status !== n.status && n.status !== 'retired'
        ? [{ args: { before: o.status, after: n.status }, path: '/status' }]
        : [],
    what: (a) => `status changed from ${a.before} to ${a.after}`,
    why: 'Deprecating (or reactivating) a major changes nothing for its callers yet.',
  },
  {
    id: 'major-retired',
    inverse: 'status-changed',
    area: 'meta',
    direction: 'input',
    effect: 'narrows',
    check: (o, n) =>
      o.status !== 'retired' && n.status === 'retired'
        ? [{ args: { before: o.status }, path: '/status' }]
        : [],
    what: (a) => `status changed from ${a.before} to retired`,
    impact: () => 'anyone still calling it fails',
    why: 'A retired major is no longer served; the policy treats it like a removal.',
  },
  {
    id: 'deprecation-added',
    inverse: 'deprecation-removed',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    check: (o, n) =>
      !o.deprecation && n.deprecation
        ? [{ args: { date: dateOf(n), replacement: n.deprecation.replacement }, path: '/deprecation' }]
        : [],
    what: (a) =>
      `deprecated as of ${a.date}${a.replacement === undefined ? '' : `, replaced by v${a.replacement}`}`,
    why: 'Announcing a deprecation changes nothing for callers until the date.',
  },
  {
    id: 'deprecation-removed',
    inverse: 'deprecation-added',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    check: (o, n) =>
      o.deprecation && !n.deprecation
        ? [{ args: { date: dateOf(o) }, path: '/deprecation', shownIn: 'base' }]
        : [],
    what: (a) => `the deprecation (as of ${a.date}) is withdrawn`,
    why: 'Callers keep their major for longer.',
  },
  {
    id: 'deprecation-changed',
    inverse: 'deprecation-changed',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    check: (o, n) => deprecationHits(o, n, 'other'),
    what: (a) => `deprecation ${a.field} changed from ${show(a.before)} to ${show(a.after)}`,
    why: 'A later date or another replacement gives callers at least the time they had.',
  },
  {
    id: 'deprecation-date-advanced',
    inverse: 'deprecation-changed',
    area: 'meta',
    direction: 'input',
    effect: 'none',
    severity: 'dangerous',
    check: (o, n) => deprecationHits(o, n, 'earlier'),
    what: (a) => `the deprecation date moved earlier, from ${a.before} to ${a.after}`,
    impact: () => 'callers that planned their migration around the old date have less time',
    why: 'Callers schedule their migration against the announced date.',
  },
];
