import { describe, expect, it } from 'vitest';

import { renderVerifyJunit } from '../../src/report/verify-junit.js';
import { failingReport } from './verify-fixtures.js';

const xml = renderVerifyJunit(failingReport);

describe('renderVerifyJunit', () => {
  it('counts tests, failures and skips on the suite', () => {
    expect(xml).toContain(
      '<testsuite name="sync-customers v3" tests="5" failures="2" errors="0" skipped="1">',
    );
  });

  it('writes one test case per result, classed by check', () => {
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain(
      '<testcase classname="contractguard.verify.generated-valid" name="minimal request (required fields only)"/>',
    );
  });

  it('gives a failure its message, every detail and the exchange', () => {
    const failure = /<failure message="walked 5 pages[^"]*" type="pagination">([^<]*)<\/failure>/.exec(xml);
    expect(failure?.[1]).toContain('item `b` is on page 2 and again on page 3');
    expect(failure?.[1]).toContain(
      'request: POST https://staging.internal/internal/syncCustomers/v3 {"pageSize":2,"cursor":"c1"}',
    );
  });

  it('marks a skip as skipped and a warning as a passing case that says so', () => {
    expect(xml).toContain(
      '<skipped message="give its credentials with --header &quot;Authorization: …&quot;"/>',
    );
    expect(xml).toMatch(/<system-out>warning: the endpoint is more lenient than its contract/);
  });

  it('escapes markup and shows control characters from the endpoint as escapes', () => {
    expect(xml).toContain('&lt;b&gt;bad gateway&lt;/b&gt;\\u001B[31m');
    expect(xml).not.toContain('\u001b');
  });
});
