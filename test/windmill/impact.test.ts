/** Whom a change breaks, for callers that run a Windmill script directly (src/consumers/impact.ts). */
import { describe, expect, it } from 'vitest';

import { affectedBy } from '../../src/consumers/impact.js';
import type { LoadedConsumer } from '../../src/model/types.js';
import type { Area, TreeChange } from '../../src/tree/types.js';

const consumer = (name: string, direct: boolean): { consumer: LoadedConsumer; expects: undefined } => ({
  consumer: {
    file: `${name}.yaml`,
    consumer: {
      name,
      owner: '@acme/crm-team',
      kind: 'job',
      uses: [{ endpoint: 'sync-customers', version: 1 }],
    },
    ...(direct ? { direct: true } : {}),
  },
  expects: undefined,
});

const uses = [consumer('schedule f/ops/hourly_sync', true), consumer('HTTP trigger f/crm/sync', false)];

const change = (rule: string, area: Area): TreeChange => ({
  endpoint: 'sync-customers',
  major: 1,
  area,
  rule,
  severity: 'breaking',
  path: '',
  message: '',
  fingerprint: '',
});

describe('affectedBy, direct callers', () => {
  it('an authentication or route change breaks only the callers over HTTP', () => {
    for (const [rule, area] of [
      ['auth-scheme-changed', 'auth'],
      ['http-route-changed', 'operational'],
      ['response-mode-changed', 'operational'],
    ] as const) {
      expect(
        affectedBy(change(rule, area), uses).map((c) => c.name),
        rule,
      ).toEqual(['HTTP trigger f/crm/sync']);
    }
  });

  it('a shorter timeout breaks every caller, direct ones too', () => {
    expect(affectedBy(change('timeout-decreased', 'operational'), uses).map((c) => c.name)).toEqual([
      'schedule f/ops/hourly_sync',
      'HTTP trigger f/crm/sync',
    ]);
  });
});
