/**
 * A PR that edits `contractguard.yaml` must not relax its own gate: the PR is judged by base's policy, and each
 * setting the PR changes is an error naming the change (`failOn: breaking → never`) that takes effect only
 * after merge. Only an admin, a maintainer or an approver listed in base may approve it — never an endpoint
 * owner — and the approval is bound to that exact change (the fingerprint names the setting and both values).
 */
import type { ContractSet } from '../model/types.js';
import { positionIn } from '../policy/context.js';
import { FINDINGS, finding } from '../policy/findings.js';
import type { Finding } from '../policy/types.js';
import { stableId } from '../tree/fingerprint.js';

/** Every setting of a policy as `path → value`; lists and scalars are leaves, maps are walked. */
function settings(
  value: unknown,
  path: string[] = [],
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) settings(inner, [...path, key], out);
  } else if (path.length > 0) out.set(JSON.stringify(path), value);
  return out;
}

function shown(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (Array.isArray(value))
    return `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const pointer = (path: readonly string[]) =>
  path.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** One error per setting the PR changes, in base's order of settings, then head's new ones. */
export function policyChanges(base: ContractSet, head: ContractSet): Finding[] {
  const before = settings(base.policy);
  const after = settings(head.policy);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys.flatMap((key) => {
    const [was, now] = [before.get(key), after.get(key)];
    if (JSON.stringify(was) === JSON.stringify(now)) return [];
    const path = JSON.parse(key) as string[];
    const change = `${path.join('.')}: ${shown(was)} → ${shown(now)}`;
    const position =
      head.policyFile === undefined ? undefined : positionIn(head, head.policyFile, pointer(path));
    return [
      finding(FINDINGS.policyChanged, {
        message: `the policy change \`${change}\` takes effect only after merge; this PR is judged by base's contractguard.yaml`,
        fix: "have an admin or maintainer of the repository, or an approver listed in base's contractguard.yaml, approve this change of the policy",
        fingerprints: [
          stableId('contractguard-policy-v1', [key, JSON.stringify(was) ?? '', JSON.stringify(now) ?? '']),
        ],
        ...(position ? { position } : {}),
      }),
    ];
  });
}
