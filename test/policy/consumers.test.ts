import { afterAll, describe, expect, it } from 'vitest';

import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { PolicyContext } from '../../src/policy/context.js';
import type { SchemaValue } from '../../src/schema/types.js';
import { type ConsumerContractProblem, consumerFindings } from '../../src/policy/consumers.js';
import { diffTrees } from '../../src/tree/diff.js';
import { NOW, type TreeSpec, tree } from '../tree/helpers.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

const OUTPUT = { type: 'object', properties: { status: { enum: ['active', 'paused'] } } };
const WIDER = { type: 'object', properties: { status: { enum: ['active', 'paused', 'frozen'] } } };

const spec = (output: SchemaValue): TreeSpec => ({
  endpoints: { 'sync-customers': { versions: { 2: { version: '2.1.0', output, owner: '@acme/crm' } } } },
});

async function context(base: SchemaValue, head: SchemaValue): Promise<PolicyContext> {
  const b = tree(spec(base));
  const h = tree(spec(head));
  return { diff: await diffTrees(b, h), base: b, head: h, policy: h.policy, now: NOW };
}

const response: ConsumerContractProblem = {
  consumer: 'ops-dashboard',
  endpoint: 'sync-customers',
  major: 2,
  kind: 'fixture-response',
  file: 'contracts/consumers/fixtures/ops/response.json',
  line: 3,
  column: 13,
  message:
    "ops-dashboard's recorded response response.json is not valid sync-customers v2 output: `status` must be one of …",
};

describe('consumer contracts in the policy', () => {
  it('each consumer problem fails the check at its file and line, with its own message', async () => {
    const [finding] = consumerFindings(await context(OUTPUT, OUTPUT), [response]);
    expect(finding).toMatchObject({
      rule: 'consumer-contract-broken',
      level: 'error',
      endpoint: 'sync-customers',
      major: 2,
      message: response.message,
      position: { file: 'contracts/consumers/fixtures/ops/response.json', line: 3, column: 13 },
    });
  });

  it('broken by this PR changing the side the consumer relies on: move the change, an approval does not lift it', async () => {
    const [finding] = consumerFindings(await context(OUTPUT, WIDER), [response]);
    expect(finding?.fix).toBe(
      'this PR changes the output of sync-customers v2, which ops-dashboard relies on: move the change to v3 ' +
        '(ops-dashboard keeps calling v2 as it is); keep it in v2 only if ops-dashboard changes too, and then ' +
        'update its recorded response (response.json:3) in this PR. An approval does not lift this error',
    );
  });

  it('with the major unchanged, the consumer file is out of step: fix it at its line, or ask the owner', async () => {
    const [finding] = consumerFindings(await context(OUTPUT, OUTPUT), [
      {
        ...response,
        kind: 'expects',
        file: 'contracts/consumers/fixtures/ops/expects.schema.json',
        line: 13,
        message: 'ops-dashboard expects `language`, which sync-customers v2 output does not declare',
        change: { rule: 'property-removed', path: '/properties/language' },
      },
    ]);
    expect(finding?.fix).toBe(
      "fix expects.schema.json:13: drop the field from ops-dashboard's `expects` if it does not read it; " +
        'if it does, sync-customers v2 has to declare it in its output first (ask @acme/crm)',
    );
  });

  it("a recorded response against the consumer's own expects is the consumer's to fix, whatever changed", async () => {
    const [finding] = consumerFindings(await context(OUTPUT, WIDER), [
      { ...response, kind: 'fixture-expects' },
    ]);
    expect(finding?.fix).toBe(
      "ops-dashboard's recorded response and its `expects` disagree: fix response.json:3 or the `expects` schema, whichever is wrong",
    );
  });
});
