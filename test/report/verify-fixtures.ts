/** Verify reports for the renderer tests, written out by hand: one that passes, one that fails. */
import type { CheckResult, VerifyReport } from '../../src/verify/report.js';

const request = (body: unknown) => ({
  method: 'POST',
  url: 'https://staging.internal/internal/syncCustomers/v3',
  headers: { 'content-type': 'application/json', Authorization: '<redacted>', 'X-Contractguard-Verify': '1' },
  body,
});

const results: CheckResult[] = [
  {
    check: 'fixtures',
    name: 'slack-customer-lookup: sync-customers.request.json',
    status: 'fail',
    message: 'answered 200, but slack-customer-lookup reads `customers[0].companyName`, which is missing',
    request: request({ customerIds: ['cus_8fK2mQ9xLp'] }),
    response: {
      status: 200,
      contentType: 'application/json',
      body: { customers: [{ id: 'cus_8fK2mQ9xLp' }] },
    },
  },
  {
    check: 'generated-valid',
    name: 'minimal request (required fields only)',
    status: 'pass',
    message: 'accepted with 200 and valid output',
    request: request({}),
    response: { status: 200, body: { customers: [] } },
  },
  {
    check: 'generated-invalid',
    name: 'wrong type',
    status: 'warn',
    message: 'the endpoint is more lenient than its contract: it accepted an invalid request with 200',
    request: request({ customerIds: 'contractguard-wrong-type' }),
    response: { status: 200, body: {} },
  },
  {
    check: 'pagination',
    name: 'walk every page',
    status: 'fail',
    message: 'walked 5 pages: item `a` is on page 1 and again on page 2; … (and 1 more)',
    details: ['item `a` is on page 1 and again on page 2', 'item `b` is on page 2 and again on page 3'],
    request: request({ pageSize: 2, cursor: 'c1' }),
    response: { status: 502, contentType: 'text/html', text: '<b>bad gateway</b>\u001b[31m' },
  },
  {
    check: 'auth',
    name: 'request without credentials',
    status: 'skip',
    message: 'give its credentials with --header "Authorization: …"',
  },
];

export const failingReport: VerifyReport = {
  endpoint: 'sync-customers',
  major: 3,
  version: '3.2.0',
  baseUrl: 'https://staging.internal',
  url: 'https://staging.internal/internal/syncCustomers/v3',
  method: 'POST',
  passed: false,
  counts: { pass: 1, warn: 1, fail: 2, skip: 1 },
  requests: 9,
  results,
};

export const passingReport: VerifyReport = {
  ...failingReport,
  passed: true,
  counts: { pass: 1, warn: 0, fail: 0, skip: 1 },
  results: results.filter((r) => r.status === 'pass' || r.status === 'skip'),
};
