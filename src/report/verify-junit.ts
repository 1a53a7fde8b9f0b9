/**
 * `contractguard verify --format junit`: JUnit XML for CI test reporters — one test suite for the endpoint
 * major, one test case per check result (classname `contractguard.verify.<check>`). A failure is a
 * `<failure>`, a skip a `<skipped>`, a warning a passing case whose `<system-out>` says so. Text from the
 * endpoint is untrusted: control characters are made visible and markup is escaped.
 */
import type { CheckResult, VerifyReport } from '../verify/report.js';
import { showInvisible } from './invisible.js';
import { excerpt, responseExcerpt } from './verify-view.js';

export function renderVerifyJunit(report: VerifyReport): string {
  const suite = `${report.endpoint} v${report.major}`;
  const { fail, skip } = report.counts;
  const tests = report.results.length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="contractguard verify" tests="${tests}" failures="${fail}" errors="0" skipped="${skip}">`,
    `  <testsuite name="${attr(suite)}" tests="${tests}" failures="${fail}" errors="0" skipped="${skip}">`,
    '    <properties>',
    `      <property name="url" value="${attr(report.url)}"/>`,
    `      <property name="method" value="${attr(report.method)}"/>`,
    `      <property name="contract" value="${attr(report.version)}"/>`,
    `      <property name="requests" value="${report.requests}"/>`,
    '    </properties>',
    ...report.results.flatMap(testcase),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function testcase(r: CheckResult): string[] {
  const open = `    <testcase classname="contractguard.verify.${attr(r.check)}" name="${attr(r.name)}"`;
  const exchange =
    r.request === undefined
      ? []
      : [
          `request: ${r.request.method} ${r.request.url} ${excerpt(r.request.body, 1_000)}`,
          `response: ${responseExcerpt(r, 2_000) ?? ''}`,
        ];
  switch (r.status) {
    case 'pass':
      return [`${open}/>`];
    case 'skip':
      return [`${open}>`, `      <skipped message="${attr(r.message)}"/>`, '    </testcase>'];
    case 'warn':
      return [
        `${open}>`,
        `      <system-out>${text([`warning: ${r.message}`, ...exchange].join('\n'))}</system-out>`,
        '    </testcase>',
      ];
    case 'fail':
      return [
        `${open}>`,
        `      <failure message="${attr(r.message)}" type="${attr(r.check)}">${text([r.message, ...(r.details ?? []), ...exchange].join('\n'))}</failure>`,
        '    </testcase>',
      ];
  }
}

/** Character data: markup escaped, invisible characters shown (XML 1.0 cannot hold most controls at all). */
function text(value: string): string {
  return xmlChars(value.replace(/\r\n?/g, '\n'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return xmlChars(value.replace(/[\r\n\t]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/F) written as visible escapes. */
function xmlChars(value: string): string {
  return showInvisible(value).replace(
    /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
