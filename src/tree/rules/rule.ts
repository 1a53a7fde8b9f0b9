/**
 * The shape of a contract rule: one difference between two versions of a major's `contract.yaml` outside
 * its schemas (side effects, operational behaviour, error codes, auth, lifecycle). It shares its metadata
 * and severity derivation with the schema rules (src/diff/rule-meta.ts): an effect on one side of the
 * contract, read from the caller's side, and a default severity that `rules:` in contractguard.yaml overrides.
 */
import { type RuleMeta, type SeveritySpec, severityOf } from '../../diff/rule-meta.js';
import type { Direction, Effect, Severity, SeverityOverrides } from '../../diff/types.js';
import type { ContractFile } from '../../model/types.js';
import type { Area } from '../types.js';

export interface ContractHit {
  /** Structured arguments for the message; never prose. */
  args: Record<string, unknown>;
  /**
   * Stable identity of the place: a JSON pointer into contract.yaml in which list items are named by their
   * key rather than their index (`/errors/CRM_TIMEOUT/status`, `/auth/roles/crm-sync`), so reordering a list
   * changes no path and no fingerprint.
   */
  path: string;
  /** Where it is written (list items by index, `/errors/2/status`); defaults to `path`. */
  pointer?: string;
  /** `base` when the thing is gone from head and is best shown where it was. */
  shownIn?: 'base';
}

export interface ContractRule extends RuleMeta {
  area: Area;
  /** `input`: what the endpoint accepts (requests, rates, roles); `output`: what callers observe. */
  direction: Direction;
  /** Contract rules decide their effect up front; none computes it per hit. */
  effect: Effect;
  /** The rule's own policy where it differs from effect × direction (default `by-effect`). */
  severity?: SeveritySpec;
  /** Compares two versions of one major. Rules without a check are emitted by the tree diff itself. */
  check?: (o: ContractFile, n: ContractFile) => ContractHit[];
  /** What changed, as a sentence fragment. */
  what: (args: Record<string, unknown>) => string;
  /** Whom it affects; shown after `what`. */
  impact?: (args: Record<string, unknown>) => string | undefined;
}

/** The severity a contract rule reports: its default, or what `rules:` in contractguard.yaml says. */
export function contractSeverity(rule: ContractRule, overrides?: SeverityOverrides): Severity {
  return severityOf(rule, rule.severity ?? 'by-effect', rule.effect, rule.direction, overrides);
}

/** RFC 6901 escaping of one pointer token. */
export function token(name: string | number): string {
  return String(name).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `` `value` `` for messages. */
export function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** `1 time`, `3 times`. */
export function times(n: unknown): string {
  return `${String(n)} time${n === 1 ? '' : 's'}`;
}

/** The sentence for a hit reported at `severity`: what changed, then whom it affects. */
export function messageOf(rule: ContractRule, args: Record<string, unknown>, severity: Severity): string {
  const what = rule.what(args);
  const impact = rule.impact?.(args) ?? defaultImpact(severity);
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}${impact ? `; ${impact}` : ''}.`;
}

function defaultImpact(severity: Severity): string | undefined {
  switch (severity) {
    case 'additive':
      return 'existing callers keep working';
    case 'dangerous':
      return 'some callers may be affected; review it';
    case 'breaking':
      return 'callers that relied on the old behaviour break';
    case 'none':
      return undefined;
  }
}

/** Items of a list keyed by name, with their index in the file. */
export function keyed<T>(
  items: readonly T[] | undefined,
  key: (item: T) => string,
): Map<string, [T, number]> {
  const out = new Map<string, [T, number]>();
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    if (!out.has(k)) out.set(k, [item, i]);
  });
  return out;
}
