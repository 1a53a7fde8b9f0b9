/**
 * `contractguard verify --format json`: the report as `schemas/verify-report.schema.json` documents it (a
 * public interface: CI scripts parse it). Built key by key, so that the order is stable and nothing internal
 * leaks out.
 */
import type { CheckResult, VerifyReport } from '../verify/report.js';

export function renderVerifyJson(report: VerifyReport): string {
  const out: VerifyReport = {
    endpoint: report.endpoint,
    major: report.major,
    version: report.version,
    baseUrl: report.baseUrl,
    url: report.url,
    method: report.method,
    passed: report.passed,
    counts: {
      pass: report.counts.pass,
      warn: report.counts.warn,
      fail: report.counts.fail,
      skip: report.counts.skip,
    },
    requests: report.requests,
    results: report.results.map(resultJson),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function resultJson(r: CheckResult): CheckResult {
  const out: CheckResult = { check: r.check, name: r.name, status: r.status, message: r.message };
  if (r.details !== undefined) out.details = [...r.details];
  if (r.request !== undefined) {
    out.request = { method: r.request.method, url: r.request.url, headers: { ...r.request.headers } };
    if (r.request.body !== undefined) out.request.body = r.request.body;
  }
  if (r.response !== undefined) {
    out.response = { status: r.response.status };
    if (r.response.contentType !== undefined) out.response.contentType = r.response.contentType;
    if (r.response.body !== undefined) out.response.body = r.response.body;
    if (r.response.text !== undefined) out.response.text = r.response.text;
  }
  return out;
}
