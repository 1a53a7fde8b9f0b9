/**
 * Limits on what an endpoint accepts (a timeout, a rate limit, a maximum page size) come in pairs: the limit
 * tightened, the limit loosened. `limitRules` builds both from one description, so ids, inverses, effects
 * and the side are mirrored by construction, and every limit reads "undeclared" the same way: unbounded.
 */
import type { SeveritySpec } from '../../diff/rule-meta.js';
import type { ContractFile } from '../../model/types.js';
import type { Area } from '../types.js';
import type { ContractHit, ContractRule } from './rule.js';

/** What differs between the two rules of a pair: wording, and policy where it differs from the effect. */
interface LimitSide {
  id: string;
  what: ContractRule['what'];
  impact?: ContractRule['impact'];
  why: string;
  severity?: SeveritySpec;
}

export interface LimitSpec<T> {
  area: Area;
  /** JSON pointer of the limit in contract.yaml. */
  path: string;
  /** The limit, or undefined when none is declared (unbounded). */
  read: (c: ContractFile) => T | undefined;
  /** Negative when `a` is the tighter limit, positive when it is the looser one, 0 when equal. */
  compare: (a: T, b: T) => number;
  /** Compare only when this holds (a limit inside an optional block both sides must have). */
  when?: (o: ContractFile, n: ContractFile) => boolean;
  /** Declared where there was none, or lowered: accepts less (narrows). */
  tightened: LimitSide;
  /** Removed, or raised: accepts more (widens). */
  loosened: LimitSide;
}

/** The tightened and loosened rules of one limit, each the other's inverse. */
export function limitRules<T>(spec: LimitSpec<T>): [ContractRule, ContractRule] {
  const pair = (o: ContractFile, n: ContractFile) =>
    spec.when && !spec.when(o, n) ? undefined : { before: spec.read(o), after: spec.read(n) };
  const hit = (
    args: { before: T | undefined; after: T | undefined },
    goneFromHead: boolean,
  ): ContractHit[] => [{ args, path: spec.path, ...(goneFromHead ? { shownIn: 'base' as const } : {}) }];
  const rule = (side: LimitSide, inverse: LimitSide, effect: 'narrows' | 'widens'): ContractRule => ({
    id: side.id,
    inverse: inverse.id,
    area: spec.area,
    direction: 'input',
    effect,
    ...(side.severity === undefined ? {} : { severity: side.severity }),
    check:
      effect === 'narrows'
        ? (o, n) => {
            const p = pair(o, n);
            if (p?.after === undefined) return [];
            return p.before === undefined || spec.compare(p.after, p.before) < 0 ? hit(p, false) : [];
          }
        : (o, n) => {
            const p = pair(o, n);
            if (p?.before === undefined) return [];
            return p.after === undefined || spec.compare(p.after, p.before) > 0
              ? hit(p, p.after === undefined)
              : [];
          },
    what: side.what,
    ...(side.impact ? { impact: side.impact } : {}),
    why: side.why,
  });
  return [rule(spec.tightened, spec.loosened, 'narrows'), rule(spec.loosened, spec.tightened, 'widens')];
}
