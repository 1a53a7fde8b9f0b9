/** A script's settings and HTTP trigger mapped onto the contract (src/windmill/contract.ts). */
import { describe, expect, it } from 'vitest';

import type { ContractFile } from '../../src/model/types.js';
import { bindScript, triggerOf } from '../../src/windmill/contract.js';
import type { WindmillHttpTrigger, WindmillScript } from '../../src/windmill/workspace.js';

const written: ContractFile = {
  endpoint: 'sync-customers',
  version: '1.0.0',
  owner: '@acme/crm-team',
  status: 'active',
  input: { windmill: 'f/crm/sync_customers' },
  output: true,
};

const script = (meta: Record<string, unknown>): WindmillScript => ({
  path: 'f/crm/sync_customers',
  file: 'f/crm/sync_customers.script.yaml',
  meta,
  schema: { type: 'object' },
});

const trigger: WindmillHttpTrigger = {
  path: 'f/crm/sync',
  file: 'f/crm/sync.http_trigger.yaml',
  script: 'f/crm/sync_customers',
  route: 'crm/sync',
  method: 'post',
  requestType: 'sync_sse',
  auth: 'api_key',
  at: {
    route: '/route_path',
    method: '/http_method',
    requestType: '/request_type',
    auth: '/authentication_method',
  },
};

describe('bindScript', () => {
  it('maps timeout, concurrency, request type, route and authentication, each with where it was read', () => {
    const bound = bindScript(
      written,
      script({ timeout: 2.5, concurrent_limit: 4, concurrency_time_window_s: 60 }),
      trigger,
    );
    expect(bound.conflicts).toEqual([]);
    expect(bound.contract.operational).toEqual({
      timeoutMs: 2500,
      concurrency: { limit: 4, windowSeconds: 60 },
      responseMode: 'stream',
    });
    expect(bound.contract.http).toEqual({ route: 'crm/sync', method: 'post' });
    expect(bound.contract.auth).toEqual({ scheme: 'api_key' });
    expect(bound.sources).toContainEqual({
      pointer: '/operational/timeoutMs',
      file: 'f/crm/sync_customers.script.yaml',
      at: '/timeout',
    });
    expect(bound.sources).toContainEqual({
      pointer: '/auth/scheme',
      file: 'f/crm/sync.http_trigger.yaml',
      at: '/authentication_method',
    });
  });

  it('leaves the written contract untouched (it is shared between loads)', () => {
    const before = JSON.stringify(written);
    bindScript(written, script({ timeout: 10 }), trigger);
    expect(JSON.stringify(written)).toBe(before);
  });

  it('a setting written in contract.yaml as well is a conflict at that field', () => {
    const bound = bindScript(
      { ...written, operational: { timeoutMs: 1000 } },
      script({ timeout: 10 }),
      undefined,
    );
    expect(bound.conflicts).toEqual([
      {
        field: ['operational', 'timeoutMs'],
        message:
          '`operational.timeoutMs` is read from Windmill (`timeout` in `f/crm/sync_customers.script.yaml`): remove it here, one place per fact',
      },
    ]);
    expect(bound.contract.operational?.timeoutMs).toBe(1000);
  });

  it('the placeholder owner is a problem to fix', () => {
    const bound = bindScript({ ...written, owner: '@your-org/your-team' }, script({}), undefined);
    expect(bound.conflicts.map((c) => c.field)).toEqual([['owner']]);
  });

  it('ignores settings that are not positive numbers', () => {
    const bound = bindScript(written, script({ timeout: 'soon', concurrent_limit: 0 }), undefined);
    expect(bound.contract.operational).toBeUndefined();
    expect(bound.sources).toEqual([]);
  });

  it('the first HTTP trigger by path is the route', () => {
    const other = { ...trigger, path: 'f/crm/a' };
    expect(triggerOf('f/crm/sync_customers', [trigger, other])?.path).toBe('f/crm/a');
    expect(triggerOf('f/crm/other', [trigger])).toBeUndefined();
  });
});
