import { describe, expect, it } from 'vitest';

import { renderVerifyText } from '../../src/report/verify-text.js';
import { failingReport, passingReport } from './verify-fixtures.js';

const plain = (report = failingReport) => renderVerifyText(report, { color: false });

describe('renderVerifyText', () => {
  it('starts with the verdict and where the requests went', () => {
    expect(plain().split('\n').slice(0, 2)).toEqual([
      '✖ contractguard verify: sync-customers v3 failed verification: 2 of 5 checks failed',
      '  POST https://staging.internal/internal/syncCustomers/v3 · contract 3.2.0 · 9 requests',
    ]);
    expect(plain(passingReport).split('\n')[0]).toBe(
      '✔ contractguard verify: sync-customers v3 passed verification',
    );
  });

  it('lists failures first, then warnings, passes and skips', () => {
    const checks = plain()
      .split('\n')
      .filter((l) => /^ {2}[✔⚠✖–] /.test(l))
      .map((l) => l.slice(4, 22).trim());
    expect(checks).toEqual(['fixtures', 'pagination', 'generated-invalid', 'generated-valid', 'auth']);
  });

  it('shows what was sent and received under a failure, and nothing under a pass', () => {
    const text = plain();
    expect(text).toContain('      request:  POST {"customerIds":["cus_8fK2mQ9xLp"]}\n');
    expect(text).toContain('      response: 200 {"customers":[{"id":"cus_8fK2mQ9xLp"}]}\n');
    expect(text).not.toContain('request:  POST {}');
  });

  it('lists every detail of a failure whose message names only the first few', () => {
    expect(plain()).toContain('      · item `b` is on page 2 and again on page 3\n');
  });

  it('shows control characters from the endpoint as escapes, never raw', () => {
    expect(plain()).toContain('<b>bad gateway</b>\\u001B[31m');
    expect(plain()).not.toContain('\u001b');
  });

  it('ends with the counts', () => {
    expect(plain().trimEnd().split('\n').at(-1)).toBe('1 passed · 1 warning · 2 failed · 1 skipped');
  });

  it('colours only when asked to', () => {
    expect(renderVerifyText(failingReport, { color: true })).toContain('\u001b[');
  });
});
