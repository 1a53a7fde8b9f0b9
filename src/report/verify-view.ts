/**
 * What every rendering of a `contractguard verify` report shares: the headline, the order results are shown
 * in (failures first), and one-line excerpts of a request and its response.
 */
import type { CheckResult, CheckStatus, VerifyReport } from '../verify/report.js';

/** Failures first, then warnings, passes and skips; run order within each. */
const SHOWN_FIRST: readonly CheckStatus[] = ['fail', 'warn', 'pass', 'skip'];

export function resultsInOrder(report: VerifyReport): CheckResult[] {
  return SHOWN_FIRST.flatMap((status) => report.results.filter((r) => r.status === status));
}

/** `sync-customers v3 failed verification: 2 of 13 checks failed` (or passed, with warnings). */
export function verifyHeadline(report: VerifyReport): string {
  const subject = `${report.endpoint} v${report.major}`;
  const { fail, warn } = report.counts;
  const total = report.results.length;
  if (fail > 0) return `${subject} failed verification: ${fail} of ${total} checks failed`;
  const warnings = warn > 0 ? ` (${warn} warning${warn === 1 ? '' : 's'})` : '';
  return `${subject} passed verification${warnings}`;
}

/** `11 passed · 1 warning · 2 failed · 2 skipped`, leaving out zeros. */
export function countsLine(report: VerifyReport): string {
  const { pass, warn, fail, skip } = report.counts;
  const parts = [
    pass > 0 ? `${pass} passed` : undefined,
    warn > 0 ? `${warn} warning${warn === 1 ? '' : 's'}` : undefined,
    fail > 0 ? `${fail} failed` : undefined,
    skip > 0 ? `${skip} skipped` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join(' · ');
}

/** `POST http://…/v3 · contract 3.2.0 · 14 requests`. */
export function targetLine(report: VerifyReport): string {
  return `${report.method} ${report.url} · contract ${report.version} · ${report.requests} request${report.requests === 1 ? '' : 's'}`;
}

/** The body as compact JSON, cut to `max` characters. */
export function excerpt(value: unknown, max = 300): string {
  const text = value === undefined ? '(no body)' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `200 {"syncId":…}` or `no response`: a response in one line. */
export function responseExcerpt(result: CheckResult, max = 300): string | undefined {
  if (result.request === undefined) return undefined;
  const response = result.response;
  if (response === undefined) return 'no response';
  return `${response.status} ${excerpt(response.body ?? response.text, max)}`;
}
