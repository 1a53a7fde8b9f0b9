/**
 * Consumer contracts in the PR check: a registered consumer's fixtures no longer valid, or its `expects` no
 * longer guaranteed by the head tree, fails the check like any other broken contract (the consumer checks
 * themselves live in src/consumers; this turns their problems into findings).
 */
import type { TreeProblem } from '../model/types.js';
import type { Finding } from './types.js';

/** What the policy needs of a consumer problem. */
export interface ConsumerContractProblem extends TreeProblem {
  consumer: string;
  endpoint: string;
  major: number;
}

export const CONSUMER_CONTRACT_BROKEN = 'consumer-contract-broken';

export function consumerFindings(problems: readonly ConsumerContractProblem[]): Finding[] {
  return problems.map((p) => ({
    rule: CONSUMER_CONTRACT_BROKEN,
    level: 'error' as const,
    endpoint: p.endpoint,
    major: p.major,
    message: p.message,
    fix:
      `keep ${p.endpoint} v${p.major} compatible with what ${p.consumer} relies on (or move the change to a new ` +
      `major); if ${p.consumer} really changed, update its fixtures and expects in the same PR`,
    position: { file: p.file, line: p.line ?? 1, column: p.column ?? 1 },
  }));
}
