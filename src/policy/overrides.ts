/**
 * `rules:` in head's contractguard.yaml overrides severities by rule id and side. An override that names no
 * rule, or a side the rule is not judged on, changes nothing without a word: a typo that silently keeps a
 * breaking change passing (or failing). Each such override is reported at its line.
 */
import type { Direction } from '../diff/types.js';
import { ALL_RULES, overridableSides } from '../tree/rules/overridable.js';
import { type PolicyContext, positionIn } from './context.js';
import { FINDINGS, finding } from './findings.js';
import type { Finding } from './types.js';
import { withPosition } from './versions.js';

export function ruleOverrides(ctx: PolicyContext): Finding[] {
  const findings: Finding[] = [];
  const file = ctx.head.policyFile;
  const at = (pointer: string) =>
    withPosition(file === undefined ? undefined : positionIn(ctx.head, file, pointer));
  // Head's file, whichever policy judges this PR: the finding is about what the file says, at its lines.
  for (const [id, bySide] of Object.entries(ctx.head.policy.rules)) {
    const place = `/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const sides = overridableSides(id);
    if (!sides) {
      const near = closestRuleId(id);
      findings.push(
        finding(FINDINGS.ruleOverrideUnknown, {
          message: `\`rules:\` overrides \`${id}\`, which is no rule id; the override changes nothing`,
          fix: `${near ? `did you mean \`${near}\`? ` : ''}use a rule id from the rule catalogue (docs/rules.md)`,
          ...at(place),
        }),
      );
      continue;
    }
    for (const side of Object.keys(bySide) as Direction[]) {
      if (sides.includes(side)) continue;
      const judged = sides[0] as Direction;
      findings.push(
        finding(FINDINGS.ruleOverrideWrongSide, {
          message: `\`rules:\` overrides \`${id}\` on the ${side} side, but it is judged on the ${judged} side only; the override changes nothing`,
          fix: `write \`${id}: { ${judged}: ${bySide[side]} }\``,
          ...at(`${place}/${side}`),
        }),
      );
    }
  }
  return findings;
}

/** The rule id a typo most likely meant: at most a few edits away, else none. */
function closestRuleId(id: string): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const rule of ALL_RULES) {
    const distance = editDistance(id, rule.id);
    if (distance <= 3 && (!best || distance < best.distance)) best = { id: rule.id, distance };
  }
  return best?.id;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] as number;
}
