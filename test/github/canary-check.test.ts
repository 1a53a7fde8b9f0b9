/** src/github/canary-check.ts: the canary result a check run carries, read back by the promotion bot. */
import { describe, expect, it } from 'vitest';

import type { CanaryCheckResult } from '../../src/canary/promotion.js';
import { readCanaryCheckOutput } from '../../src/github/canary-check.js';
import { CANARY_MARKER, CANARY_MARKER_END, renderCanarySummary } from '../../src/report/canary.js';

const result: CanaryCheckResult = {
  verdict: 'hold',
  endpoint: 'sync-customers',
  baseline: 1,
  candidate: 2,
  criteria: [
    {
      name: 'minRequests',
      measured: 3,
      threshold: 100,
      outcome: 'insufficient-data',
      explanation: 'the candidate served only 3 requests',
    },
  ],
  report: {
    endpoint: 'sync-customers',
    baseline: { major: 1 },
    candidate: { major: 2 },
    window: { start: '2026-11-25T10:00:00Z', end: '2026-11-25T12:00:00Z' },
    versions: {
      baseline: { requests: 100, errors: 0, latencyMs: { p50: 1, p95: 2, p99: 3 } },
      candidate: { requests: 3, errors: 0, latencyMs: { p50: 1, p95: 2, p99: 3 } },
    },
  },
};

/** `value` as the hidden JSON block of a check run's output. */
function output(value: unknown): string {
  return `${CANARY_MARKER}\n${JSON.stringify(value)}\n${CANARY_MARKER_END}\n`;
}

describe('readCanaryCheckOutput', () => {
  it('reads back the result the summary was written with', () => {
    const summary = renderCanarySummary(result);
    expect(summary).toContain('### ⏳ hold: not enough data yet');
    expect(readCanaryCheckOutput(summary)).toEqual({ value: result });
  });

  it('hides the machine-readable result in an HTML comment, out of the reader’s way', () => {
    const summary = renderCanarySummary(result);
    const hidden = summary.slice(summary.indexOf(CANARY_MARKER));
    expect(hidden.startsWith(`${CANARY_MARKER}\n{`)).toBe(true);
    expect(hidden.trimEnd().endsWith(CANARY_MARKER_END)).toBe(true);
    expect(summary).not.toContain('```json');
  });

  it('keeps a value holding `-->` from closing the comment early, and reads it back intact', () => {
    const sneaky: CanaryCheckResult = {
      ...result,
      criteria: [{ ...result.criteria[0]!, explanation: 'ends here --> <b>not</b>' }],
    };
    const summary = renderCanarySummary(sneaky);
    const hidden = summary.slice(summary.indexOf(CANARY_MARKER) + CANARY_MARKER.length);
    expect(hidden.indexOf(CANARY_MARKER_END)).toBe(hidden.trimEnd().length - CANARY_MARKER_END.length);
    expect(readCanaryCheckOutput(summary).value?.criteria[0]?.explanation).toBe('ends here --> <b>not</b>');
  });

  it('still reads the fenced block of check runs published before the result was hidden', () => {
    const legacy = `<!-- contractguard:canary -->\n\`\`\`json\n${JSON.stringify(result)}\n\`\`\`\n`;
    expect(readCanaryCheckOutput(legacy)).toEqual({ value: result });
  });

  it('says what is missing when there is no marker', () => {
    expect(readCanaryCheckOutput('all good').problem).toBe(
      `the check run output has no ${CANARY_MARKER} ${CANARY_MARKER_END} block`,
    );
  });

  it('refuses a criterion of the wrong shape', () => {
    const summary = output({ ...result, criteria: [{ name: 'x' }] });
    expect(readCanaryCheckOutput(summary).problem).toBe('a criterion in the report is malformed');
  });

  it('refuses a result without its measurements: the bot judges those, not the verdict', () => {
    const { report: _, ...verdictOnly } = result;
    expect(readCanaryCheckOutput(output(verdictOnly)).problem).toMatch(/carries no measurements/);
  });

  it('refuses measurements that are not a valid canary report', () => {
    const broken = { ...result, report: { ...result.report, versions: {} } };
    expect(readCanaryCheckOutput(output(broken)).problem).toMatch(
      /^`report`: `versions\.baseline` is missing/,
    );
  });
});
