import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/tree/fingerprint.js';

const change = {
  endpoint: 'sync-customers',
  major: 3,
  area: 'operational' as const,
  rule: 'timeout-decreased',
  path: '/operational/timeoutMs',
};

describe('fingerprint', () => {
  it('is 12 hex digits, the same for the same change every time', () => {
    expect(fingerprint(change)).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprint({ ...change })).toBe(fingerprint(change));
  });

  it('is pinned: approvals written against it keep working across releases', () => {
    expect(fingerprint(change)).toBe('654ed1fd8aa8');
  });

  it('changes with each part of the identity', () => {
    const variants = [
      { ...change, endpoint: 'sync-orders' },
      { ...change, major: 4 },
      { ...change, area: 'input' as const },
      { ...change, rule: 'timeout-increased' },
      { ...change, path: '/operational/rateLimit' },
      { ...change, item: '"frozen"' },
    ];
    const all = new Set([fingerprint(change), ...variants.map(fingerprint)]);
    expect(all.size).toBe(variants.length + 1);
  });

  it('parts cannot run into each other', () => {
    expect(fingerprint({ ...change, endpoint: 'a', rule: 'b-c' })).not.toBe(
      fingerprint({ ...change, endpoint: 'a-b', rule: 'c' }),
    );
  });
});
