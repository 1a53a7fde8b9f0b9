/**
 * `contractguard verify --format text`: the verdict, where the requests went, every result (failures first)
 * and, under each failure or warning, what was sent and what came back. Everything the endpoint returned is
 * untrusted and shown on one line with control characters made visible.
 */
import { styleText } from 'node:util';

import type { CheckStatus, VerifyReport } from '../verify/report.js';
import { oneLine } from './paths.js';
import {
  countsLine,
  excerpt,
  resultsInOrder,
  responseExcerpt,
  targetLine,
  verifyHeadline,
} from './verify-view.js';

export interface VerifyTextOptions {
  /** The CLI passes `process.stdout.isTTY && !process.env.NO_COLOR`. */
  color: boolean;
}

type Style = Parameters<typeof styleText>[0];

const MARK: Record<CheckStatus, { mark: string; style: Style }> = {
  pass: { mark: '✔', style: 'green' },
  warn: { mark: '⚠', style: 'yellow' },
  fail: { mark: '✖', style: ['red', 'bold'] },
  skip: { mark: '–', style: 'dim' },
};

const CHECK_WIDTH = 18;

export function renderVerifyText(report: VerifyReport, opts: VerifyTextOptions): string {
  const paint = (style: Style, s: string): string =>
    opts.color ? styleText(style, s, { validateStream: false }) : s;
  const verdict = report.passed ? MARK.pass : MARK.fail;
  const out = [
    paint(
      [...[verdict.style].flat(), 'bold'] as Style,
      `${verdict.mark} contractguard verify: ${oneLine(verifyHeadline(report))}`,
    ),
    paint('dim', `  ${oneLine(targetLine(report))}`),
    '',
  ];
  for (const r of resultsInOrder(report)) {
    const mark = MARK[r.status];
    out.push(
      `  ${paint(mark.style, mark.mark)} ${paint('bold', r.check.padEnd(CHECK_WIDTH))} ${oneLine(r.name)}`,
    );
    out.push(`      ${oneLine(r.message)}`);
    if (r.status === 'fail' || r.status === 'warn') {
      for (const line of r.details ?? []) out.push(`      · ${oneLine(line)}`);
      if (r.request !== undefined) {
        out.push(
          paint('dim', `      request:  ${oneLine(`${r.request.method} ${excerpt(r.request.body, 200)}`)}`),
        );
        out.push(paint('dim', `      response: ${oneLine(responseExcerpt(r, 200) ?? '')}`));
      }
    }
  }
  out.push('', `${oneLine(countsLine(report))}`);
  return `${out.join('\n')}\n`;
}
