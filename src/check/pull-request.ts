/**
 * The PR check — the one use case behind the Action, the bot and `contractguard diff`: load base and head,
 * diff and judge them with the approvals recorded so far, judge this event's approval evidence (an approve
 * command, the approve label), and say what still needs approval. GitHub enters only through the ports
 * (`ContractSource`, `People`); the front ends publish the outcome.
 */
import type { Semantics } from '../diff/types.js';
import { type LoadContractSetOptions, loadContractSet, prepareScopedLoad } from '../load/load.js';
import type { ContractSource } from '../load/source.js';
import { type ChangeProbe, changeScope } from '../load/changes.js';
import type { ContractSet, Policy } from '../model/types.js';
import type { Approval, RefusedApproval } from '../policy/types.js';
import {
  type ApprovalEvidence,
  type CommandVerdict,
  type LabelVerdict,
  judgeCommand,
  judgeLabel,
} from './approval-evidence.js';
import { toCoreApprovals } from './ledger.js';
import { type PendingApprovals, pendingApprovals } from './pending-approvals.js';
import type { People } from './ports.js';
import { buildReport } from './report.js';
import type { TreeReport } from './types.js';

export interface PullRequestCheck {
  base: ContractSource;
  head: ContractSource;
  /** How the two commits are named in the report: `main (a1b2c3d)`. */
  refs: { base: string; head: string };
  load: LoadContractSetOptions;
  /**
   * Load and judge only what the change between base and head can affect (load/changes.ts); without it,
   * or when the change calls for it (contractguard.yaml changed, …), both trees are loaded whole.
   */
  changes?: ChangeProbe;
  /** Approvals recorded so far (the bot's ledger, the CLI's `--approve`), already verified. */
  approvals?: readonly Approval[];
  /** The ledger read back had a seal that did not verify (it was ignored): the report says so. */
  ledgerTampered?: boolean;
  evidence?: ApprovalEvidence;
  /** Answers who may approve; without it an approve label is reported as unchecked. */
  people?: People;
  /** Overrides `failOn` of the policy (the Action's `fail-on` input). */
  failOn?: Policy['failOn'];
  semantics?: Semantics;
  /** The clock (deprecation dates, approval times). Default: now. */
  now?: Date;
}

export interface PullRequestOutcome {
  report: TreeReport;
  /** What still needs approval after this event. */
  pending: PendingApprovals;
  /** `approvers` of base's contractguard.yaml: who may approve, besides admins, maintainers and owners. */
  approvers: readonly string[];
  /** Set when the event brought the approve label as evidence; `approved` entries are for the ledger. */
  label?: LabelVerdict;
  /**
   * Set when the event carried an approve command; `recorded` entries are for the ledger. Unless recorded,
   * the report is the one before it.
   */
  command?: CommandVerdict;
}

export async function checkPullRequest(input: PullRequestCheck): Promise<PullRequestOutcome> {
  // The trees are laid out while the scope waits for git (its search of the base tree takes longest).
  const prepared = input.changes
    ? [prepareScopedLoad(input.base, input.load.root), prepareScopedLoad(input.head, input.load.root)]
    : [];
  // A probe that fails (git cannot search the base tree, say) only costs the saving: both trees load whole,
  // and a source that cannot be read at all is reported by the loads.
  const scope =
    input.changes &&
    (await changeScope(input.changes, input.base, input.head, input.load.root).catch(() => undefined));
  await Promise.all(prepared);
  const opts = scope?.kind === 'scoped' ? { ...input.load, only: scope.scope } : input.load;
  const [base, head] = await Promise.all([load(input.base, opts), load(input.head, opts)]);
  const now = input.now ?? new Date();
  const build = (approvals: readonly Approval[], refused: readonly RefusedApproval[]) =>
    buildReport({
      base,
      head,
      baseRef: input.refs.base,
      headRef: input.refs.head,
      approvals: [...approvals],
      ...(refused.length ? { refusedApprovals: [...refused] } : {}),
      ...(input.ledgerTampered ? { ledgerTampered: true } : {}),
      ...(input.semantics ? { semantics: input.semantics } : {}),
      ...(input.failOn ? { failOn: input.failOn } : {}),
      ...(input.now ? { now: input.now } : {}),
    });
  const recorded = input.approvals ?? [];
  const first = await build(recorded, []);
  const before = pendingApprovals(first, base);
  const approvers = base.policy.approvers;
  const approvals = [...recorded];
  const refused: RefusedApproval[] = [];

  let command: CommandVerdict | undefined;
  const sent = input.evidence?.command;
  if (sent !== undefined) {
    if (input.people === undefined) throw new Error('an approve command needs a People port to judge it');
    command = await judgeCommand(sent, before, approvers, input.people, now);
    if (command.kind !== 'recorded') return { report: first, pending: before, approvers, command };
    approvals.push(...toCoreApprovals(command.entries));
  }
  let label: LabelVerdict | undefined;
  if (input.evidence?.label !== undefined) {
    label = await judgeLabel(input.evidence.label, before, approvers, input.people, now);
    if (label.kind === 'judged') {
      approvals.push(...toCoreApprovals(label.approved));
      if (label.refused) refused.push(label.refused);
    }
  }
  const unchanged = approvals.length === recorded.length && refused.length === 0;
  const report = unchanged ? first : await build(approvals, refused);
  return {
    report,
    pending: unchanged ? before : pendingApprovals(report, base),
    approvers,
    ...(label ? { label } : {}),
    ...(command ? { command } : {}),
  };
}

async function load(source: ContractSource, opts: LoadContractSetOptions): Promise<ContractSet> {
  try {
    return await loadContractSet(source, opts);
  } finally {
    await source.close?.();
  }
}
