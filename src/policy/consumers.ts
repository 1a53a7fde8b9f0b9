/**
 * Consumer contracts in the PR check: a registered consumer's fixtures no longer valid, or its `expects` no
 * longer guaranteed by the head tree, fails the check like any other broken contract (the consumer checks
 * themselves live in src/consumers; this turns their problems into findings). The fix depends on who has to
 * act: when this PR changed the side of the contract the consumer relies on, the change's author (move it to
 * a new major, or update the consumer in the same PR); otherwise the consumer's own files are out of step.
 * An approval never lifts these errors.
 */
import * as path from 'node:path';
import type { TreeProblem } from '../model/types.js';
import type { Area } from '../tree/types.js';
import { type PolicyContext, versionOf } from './context.js';
import { FINDINGS, finding } from './findings.js';
import type { Finding } from './types.js';
import { targetMajor } from './versions.js';

/** What the policy needs of a consumer problem (src/consumers/fixtures.ts `ConsumerProblem`). */
export interface ConsumerContractProblem extends TreeProblem {
  consumer: string;
  endpoint: string;
  major: number;
  /** Which check failed: a recorded request or response, the response against `expects`, `expects` itself. */
  kind?: 'fixture-request' | 'fixture-response' | 'fixture-expects' | 'expects';
  /** For `expects`: the difference between it and the output that breaks the guarantee. */
  change?: { rule: string; path: string };
}

export function consumerFindings(
  ctx: PolicyContext,
  problems: readonly ConsumerContractProblem[],
): Finding[] {
  return problems.map((p) =>
    finding(FINDINGS.consumerContractBroken, {
      endpoint: p.endpoint,
      major: p.major,
      message: p.message,
      fix: consumerFix(ctx, p),
      position: { file: p.file, line: p.line ?? 1, column: p.column ?? 1 },
    }),
  );
}

/** The side of the contract a consumer problem is about: what it sends, or what it reads. */
function sideOf(p: ConsumerContractProblem): Area {
  return p.kind === 'fixture-request' ? 'input' : 'output';
}

/** Whether this PR changed (with an effect) the side of the major the consumer relies on. */
export function changedUnder(ctx: PolicyContext, p: ConsumerContractProblem): boolean {
  if (p.kind === 'fixture-expects') return false; // the consumer's fixture against its own expects
  const side = sideOf(p);
  return ctx.diff.versions.some(
    (v) =>
      v.endpoint === p.endpoint &&
      v.major === p.major &&
      v.kind === 'changed' &&
      v.changes.some((c) => c.area === side && c.severity !== 'none'),
  );
}

function consumerFix(ctx: PolicyContext, p: ConsumerContractProblem): string {
  const at = `${path.posix.basename(p.file)}${p.line === undefined ? '' : `:${p.line}`}`;
  const version = `${p.endpoint} v${p.major}`;
  const side = sideOf(p) === 'input' ? 'input' : 'output';
  const own =
    p.kind === 'expects'
      ? `its \`expects\` (${at})`
      : `its recorded ${p.kind === 'fixture-request' ? 'request' : 'response'} (${at})`;
  if (changedUnder(ctx, p)) {
    const report = ctx.diff.versions.find((v) => v.endpoint === p.endpoint && v.major === p.major);
    const target = report ? targetMajor(ctx, report).major : p.major + 1;
    return (
      `this PR changes the ${side} of ${version}, which ${p.consumer} relies on: move the change to v${target} ` +
      `(${p.consumer} keeps calling v${p.major} as it is); keep it in v${p.major} only if ${p.consumer} changes ` +
      `too, and then update ${own} in this PR. An approval does not lift this error`
    );
  }
  const owner = versionOf(ctx.head, p.endpoint, p.major)?.contract.owner;
  const ask = owner === undefined ? '' : ` (ask ${owner})`;
  switch (p.kind) {
    case 'fixture-expects':
      return `${p.consumer}'s recorded response and its \`expects\` disagree: fix ${at} or the \`expects\` schema, whichever is wrong`;
    case 'expects':
      return p.change?.rule === 'property-removed'
        ? `fix ${at}: drop the field from ${p.consumer}'s \`expects\` if it does not read it; if it does, ${version} has to declare it in its output first${ask}`
        : `fix ${at}: expect only what ${version} output promises; or have ${version} promise it${ask}`;
    default:
      return `fix ${at} so it is valid ${version} ${side} (record it again from real traffic); if ${version} really behaves like this, its contract has to say so${ask}`;
  }
}
