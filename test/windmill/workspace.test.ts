/** Reading a Windmill workspace from file texts (src/windmill/workspace.ts). */
import { describe, expect, it } from 'vitest';

import { readWorkspace, withoutOrder } from '../../src/windmill/workspace.js';

const SCRIPT = `summary: Sync
schema:
  type: object
  order: [customer_ids, dry_run]
  properties:
    customer_ids: { type: array, items: { type: string } }
    dry_run: { type: boolean, default: false }
    settings:
      type: object
      order: [a]
      properties: { a: { type: string }, order: { type: string } }
  required: [customer_ids]
timeout: 300
`;

const FLOW = `summary: Nightly
value:
  modules:
    - id: first
      value:
        type: script
        path: f/crm/sync_customers
        input_transforms:
          customer_ids: { type: static, value: [a] }
          dry_run: { type: javascript, expr: flow_input.dry }
    - id: loop
      value:
        type: forloopflow
        modules:
          - id: inner
            value:
              type: script
              path: f/crm/sync_customers
              input_transforms:
                customer_ids: { type: static }
`;

const files = (extra: Record<string, string> = {}) =>
  new Map(Object.entries({ 'f/crm/sync_customers.script.yaml': SCRIPT, ...extra }));

describe('readWorkspace', () => {
  it('reads a script with its argument schema, without Windmill’s `order`', () => {
    const ws = readWorkspace('', files());
    const script = ws.scripts.get('f/crm/sync_customers');
    expect(script?.file).toBe('f/crm/sync_customers.script.yaml');
    expect(script?.meta.timeout).toBe(300);
    expect(script?.schema).toEqual({
      type: 'object',
      properties: {
        customer_ids: { type: 'array', items: { type: 'string' } },
        dry_run: { type: 'boolean', default: false },
        settings: { type: 'object', properties: { a: { type: 'string' }, order: { type: 'string' } } },
      },
      required: ['customer_ids'],
    });
  });

  it('keeps a property named `order`', () => {
    expect(withoutOrder({ properties: { order: { type: 'string' } } })).toEqual({
      properties: { order: { type: 'string' } },
    });
  });

  it('reads every flow step calling a script, in order, at any depth, with static and unchecked arguments', () => {
    const ws = readWorkspace('', files({ 'f/ops/nightly.flow/flow.yaml': FLOW }));
    expect(ws.calls.map((c) => [c.label, c.request?.value, c.request?.unchecked])).toEqual([
      ['step first of flow f/ops/nightly', { customer_ids: ['a'] }, ['dry_run']],
      ['step inner of flow f/ops/nightly', {}, []],
    ]);
    const first = ws.calls[0];
    expect(first?.request?.args).toEqual({
      customer_ids: '/value/modules/0/value/input_transforms/customer_ids/value',
    });
    expect(ws.position('f/ops/nightly.flow/flow.yaml', first?.request?.args.customer_ids ?? '')?.line).toBe(
      9,
    );
  });

  it('a step pinned to a deployment hash is no caller of the script’s head', () => {
    const pinned = FLOW.replace(
      '        path: f/crm/sync_customers\n        input_transforms:\n          customer_ids: { type: static, value: [a] }',
      '        path: f/crm/sync_customers\n        hash: 0a1b2c3d4e5f\n        input_transforms:\n          customer_ids: { type: static, value: [a] }',
    );
    expect(pinned).not.toBe(FLOW);
    const ws = readWorkspace('', files({ 'f/ops/nightly.flow/flow.yaml': pinned }));
    expect(ws.calls.map((c) => c.label)).toEqual(['step inner of flow f/ops/nightly']);
  });

  it('reads a schedule’s args as its request and skips schedules of flows', () => {
    const ws = readWorkspace(
      '',
      files({
        'f/ops/hourly.schedule.yaml':
          'path: f/ops/hourly\nschedule: "0 0 * * * *"\nscript_path: f/crm/sync_customers\nis_flow: false\nargs:\n  customer_ids: [a]\n',
        'f/ops/flowy.schedule.yaml': 'script_path: f/ops/nightly\nis_flow: true\nargs: {}\n',
      }),
    );
    expect(ws.calls).toEqual([
      expect.objectContaining({
        kind: 'schedule',
        caller: 'f/ops/hourly',
        label: 'schedule f/ops/hourly',
        request: {
          value: { customer_ids: ['a'] },
          pointer: '/args',
          args: { customer_ids: '/args/customer_ids' },
          unchecked: [],
        },
      }),
    ]);
  });

  it('reads an HTTP trigger, older files’ is_async and requires_auth too', () => {
    const ws = readWorkspace(
      '',
      files({
        'f/crm/new.http_trigger.yaml':
          'script_path: f/crm/sync_customers\nis_flow: false\nroute_path: crm/sync\nhttp_method: POST\nrequest_type: sync_sse\nauthentication_method: api_key\n',
        'f/crm/old.http_trigger.yaml':
          'script_path: f/crm/sync_customers\nis_flow: false\nroute_path: crm/old\nhttp_method: post\nis_async: true\nrequires_auth: false\n',
      }),
    );
    expect(
      ws.triggers.map(({ path, route, method, requestType, auth }) => ({
        path,
        route,
        method,
        requestType,
        auth,
      })),
    ).toEqual([
      { path: 'f/crm/new', route: 'crm/sync', method: 'post', requestType: 'sync_sse', auth: 'api_key' },
      { path: 'f/crm/old', route: 'crm/old', method: 'post', requestType: 'async', auth: 'none' },
    ]);
    expect(ws.calls.map((c) => c.label)).toEqual(['HTTP trigger f/crm/new', 'HTTP trigger f/crm/old']);
  });

  it('a file that does not parse is a problem with its line, and the rest still reads', () => {
    const ws = readWorkspace('', files({ 'f/ops/broken.schedule.yaml': 'args: [\n' }));
    expect(ws.scripts.size).toBe(1);
    const problems = ws.problems.get('f/ops/broken.schedule.yaml');
    expect(problems?.[0]?.message).toMatch(/^Windmill schedule file does not parse/);
    expect(problems?.[0]?.line).toBeGreaterThan(0);
  });

  it('reads only under its folder', () => {
    const ws = readWorkspace(
      'windmill',
      files({ 'windmill/f/a/b.script.yaml': 'schema: { type: object }\n' }),
    );
    expect([...ws.scripts.keys()]).toEqual(['f/a/b']);
  });
});
