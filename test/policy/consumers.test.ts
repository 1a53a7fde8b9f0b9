import { describe, expect, it } from 'vitest';

import { CONSUMER_CONTRACT_BROKEN, consumerFindings } from '../../src/policy/consumers.js';

describe('consumer contracts in the policy', () => {
  it('each consumer problem fails the check at its file and line, with a fix naming the consumer', () => {
    const [finding] = consumerFindings([
      {
        consumer: 'ops-dashboard',
        endpoint: 'sync-customers',
        major: 2,
        file: 'contracts/consumers/fixtures/ops/response.json',
        line: 3,
        column: 13,
        message:
          'response fixture of ops-dashboard is not valid sync-customers v2 output: `status` must be one of …',
      },
    ]);
    expect(finding).toMatchObject({
      rule: CONSUMER_CONTRACT_BROKEN,
      level: 'error',
      endpoint: 'sync-customers',
      major: 2,
      position: { file: 'contracts/consumers/fixtures/ops/response.json', line: 3, column: 13 },
    });
    expect(finding?.fix).toMatch(/what ops-dashboard relies on/);
  });
});
