/** Facts → changes: severity from the rule table, direction, semantics and policy overrides; the sentence. */
import { defaultImpact, subjectOf } from './describe.js';
import { specOf } from './rule.js';
import { severityOf } from './rule-meta.js';
import { ruleById } from './rules/index.js';
import { type Change, type DiffOptions, type Fact, SEVERITY_ORDER } from './types.js';

export function classify(facts: readonly Fact[], options: DiffOptions): Change[] {
  const semantics = options.semantics ?? 'pragmatic';
  const { direction } = options;
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const fact of facts) {
    const rule = ruleById(fact.rule);
    const spec = specOf(rule, semantics, direction);
    const severity = severityOf(rule, spec, fact.effect, direction, options.overrides);
    const removal = rule.shownIn === 'old';
    const path = removal ? fact.oldPath : fact.newPath;
    const subject = subjectOf(path, direction);
    const ctx = { subject, direction, severity, effect: fact.effect };
    const what = rule.what(fact.args, ctx);
    // A rule's own consequence explains why something breaks; compatible changes get the plain wording,
    // so the sentence never contradicts the severity next to it.
    const own =
      severity === 'breaking' || severity === 'dangerous' ? rule.impact?.(fact.args, ctx) : undefined;
    const impact = own ?? defaultImpact(direction, fact.effect, severity);
    const message = `${capitalise(what)}${impact ? `; ${impact}` : ''}.`;
    const key = `${rule.id}\u0000${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const change: Change = {
      rule: rule.id,
      severity,
      effect: fact.effect,
      path,
      oldPath: fact.oldPath,
      newPath: fact.newPath,
      message,
      args: fact.args,
    };
    const origin = removal ? (fact.oldOrigin ?? fact.newOrigin) : (fact.newOrigin ?? fact.oldOrigin);
    if (origin) change.origin = origin;
    changes.push(change);
  }
  // Most severe first, then by place, so reports read top-down and stay stable between runs.
  return collapseNewRequired(changes).sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity) ||
      a.path.localeCompare(b.path) ||
      a.rule.localeCompare(b.rule),
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A property added as required is one change to a reader. `required-added` says so (and carries the
 * verdict for inputs); a compatible-looking `property-added` beside it ("existing clients keep working")
 * would contradict it, so it is dropped. A `property-added` that is itself breaking (strict semantics,
 * a closed output object) stays: it is a second, real effect.
 */
function collapseNewRequired(changes: Change[]): Change[] {
  const objectOf = (c: Change): string =>
    c.rule === 'required-added'
      ? c.newPath.replace(/\/required$/, '')
      : c.newPath.replace(/\/properties\/[^/]*$/, '');
  const required = new Set(
    changes
      .filter((c) => c.rule === 'required-added')
      .map((c) => `${objectOf(c)}\u0000${String(c.args.name)}`),
  );
  return changes.filter(
    (c) =>
      !(
        c.rule === 'property-added' &&
        (c.severity === 'additive' || c.severity === 'none') &&
        required.has(`${objectOf(c)}\u0000${String(c.args.name)}`)
      ),
  );
}
