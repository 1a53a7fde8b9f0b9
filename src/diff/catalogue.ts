/** The rule catalogue (docs/rules.md), generated from the registry so the docs cannot drift from the code. */
import { severityOfEffect } from './effect.js';
import type { SeveritySpec } from './rule.js';
import { RULES } from './rules/index.js';
import type { Direction, Semantics } from './types.js';

function cell(spec: SeveritySpec | undefined, effect: string, direction: Direction): string {
  if (spec === undefined || spec === 'by-effect') {
    return effect === 'computed'
      ? 'by effect'
      : severityOfEffect(effect as Parameters<typeof severityOfEffect>[0], direction);
  }
  return typeof spec === 'string' ? spec : `by effect, at least ${spec.atLeast}`;
}

export function renderCatalogue(): string {
  const lines = [
    '# Rule catalogue',
    '',
    '<!-- Generated from src/diff/rules by `npm run docs`; test/diff/catalogue.test.ts fails when it is stale. -->',
    '',
    'Default severities per direction and semantics. "by effect" means the walker computes what the change does',
    'to the set of valid values (widens → breaking for outputs, narrows → breaking for inputs, both → breaking,',
    'unknown → dangerous). Override any of them per rule id and direction in `contractguard.yaml` (`rules:`).',
    '',
    '| rule | effect | input (pragmatic) | output (pragmatic) | input (strict) | output (strict) | why |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of RULES) {
    const at = (sem: Semantics, dir: Direction) => cell(r.severity?.[sem]?.[dir], r.effect, dir);
    lines.push(
      `| <a id="${r.id}"></a>\`${r.id}\` | ${r.effect} | ${at('pragmatic', 'input')} | ${at('pragmatic', 'output')} | ${at('strict', 'input')} | ${at('strict', 'output')} | ${r.why.replace(/\|/g, '\\|')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
