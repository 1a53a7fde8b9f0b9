import { describe, expect, it } from 'vitest';
import { limitRules } from '../../../src/tree/rules/factories.js';
import { contractSeverity } from '../../../src/tree/rules/rule.js';
import { contract } from '../helpers.js';

const [tightened, loosened] = limitRules<number>({
  area: 'operational',
  path: '/operational/timeoutMs',
  read: (c) => c.operational?.timeoutMs,
  compare: (a, b) => a - b,
  // Stands in for "both sides paginate": compare only when both contracts have an operational block.
  when: (o, n) => o.operational !== undefined && n.operational !== undefined,
  tightened: { id: 'demo-limit-lowered', what: () => 'lowered', why: 'Accepts less than it did.' },
  loosened: {
    id: 'demo-limit-raised',
    severity: 'dangerous',
    what: () => 'raised',
    why: 'Accepts more than it did.',
  },
});

const limit = (timeoutMs?: number) =>
  contract('sync-customers', 3, { operational: timeoutMs === undefined ? {} : { timeoutMs } });
const ids = (o: ReturnType<typeof limit>, n: ReturnType<typeof limit>) =>
  [tightened, loosened].flatMap((r) => (r?.check?.(o, n) ?? []).map(() => r?.id));

describe('limitRules: a limit pair, mirrored by construction', () => {
  it("the two rules are each other's inverse, narrowing and widening what the endpoint accepts", () => {
    expect(tightened).toMatchObject({
      id: 'demo-limit-lowered',
      inverse: 'demo-limit-raised',
      effect: 'narrows',
      direction: 'input',
    });
    expect(loosened).toMatchObject({
      id: 'demo-limit-raised',
      inverse: 'demo-limit-lowered',
      effect: 'widens',
      direction: 'input',
    });
  });

  it('severity follows the effect unless a side states its own policy', () => {
    expect(tightened && contractSeverity(tightened)).toBe('breaking');
    expect(loosened && contractSeverity(loosened)).toBe('dangerous');
  });

  it('a lower or newly declared limit is tightened; a higher or removed one loosened', () => {
    expect(ids(limit(300), limit(100))).toEqual(['demo-limit-lowered']);
    expect(ids(limit(), limit(100))).toEqual(['demo-limit-lowered']);
    expect(ids(limit(100), limit(300))).toEqual(['demo-limit-raised']);
    expect(ids(limit(100), limit())).toEqual(['demo-limit-raised']);
  });

  it('an equal limit, or none on either side, is no change', () => {
    expect(ids(limit(100), limit(100))).toEqual([]);
    expect(ids(limit(), limit())).toEqual([]);
  });

  it('a removed limit is shown in base, where it is still written', () => {
    expect(loosened?.check?.(limit(100), limit())).toEqual([
      { args: { before: 100, after: undefined }, path: '/operational/timeoutMs', shownIn: 'base' },
    ]);
  });

  it('compares nothing unless `when` holds for the pair', () => {
    const without = contract('sync-customers', 3, {});
    expect(ids(without, limit(100))).toEqual([]);
  });
});
