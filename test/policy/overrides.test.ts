import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { evaluatePolicy } from '../../src/policy/evaluate.js';
import type { PolicyFile } from '../../src/model/types.js';
import { diffTrees } from '../../src/tree/diff.js';
import { NOW, ROOT, positions, tree } from '../tree/helpers.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

const POLICY_FILE = `${ROOT}/contractguard.yaml`;

/** Findings about `rules:` for a head policy (base and head otherwise equal, so nothing else is reported). */
async function overrideFindings(rules: PolicyFile['rules'], lines: Record<string, number> = {}) {
  const base = tree({ endpoints: { 'sync-customers': { versions: { 3: {} } } } });
  const head = {
    ...tree({
      policy: { rules },
      endpoints: { 'sync-customers': { versions: { 3: {} } } },
      position: positions(
        Object.fromEntries(Object.entries(lines).map(([p, l]) => [`${POLICY_FILE}#${p}`, l])),
      ),
    }),
    policyFile: POLICY_FILE,
  };
  return evaluatePolicy(await diffTrees(base, head), base, head, { now: NOW });
}

describe('overrides in `rules:`', () => {
  it('schema and contract rule ids on their sides are accepted without a word', async () => {
    expect(
      await overrideFindings({
        'enum-value-added': { input: 'none', output: 'dangerous' },
        'timeout-increased': { input: 'breaking' },
        'error-code-added': { output: 'breaking' },
      }),
    ).toEqual([]);
  });

  it('an id that names no rule is a warning at its line, suggesting the closest id', async () => {
    const findings = await overrideFindings(
      { 'enum-valeu-added': { output: 'dangerous' } },
      { '/rules/enum-valeu-added': 7 },
    );
    expect(findings).toEqual([
      {
        rule: 'rule-override-unknown',
        level: 'warning',
        message: '`rules:` overrides `enum-valeu-added`, which is no rule id; the override changes nothing',
        fix: 'did you mean `enum-value-added`? use a rule id from the rule catalogue (docs/rules.md)',
        position: { file: POLICY_FILE, line: 7, column: 3 },
      },
    ]);
  });

  it('an id far from every rule gets no suggestion', async () => {
    const [finding] = await overrideFindings({ 'no-such-thing-at-all': { input: 'none' } });
    expect(finding?.fix).toBe('use a rule id from the rule catalogue (docs/rules.md)');
  });

  it('a contract rule overridden on the side it is not judged on is a warning naming the right side', async () => {
    const findings = await overrideFindings(
      { 'timeout-decreased': { input: 'dangerous', output: 'none' } },
      { '/rules/timeout-decreased/output': 9 },
    );
    expect(findings).toEqual([
      {
        rule: 'rule-override-wrong-side',
        level: 'warning',
        message:
          '`rules:` overrides `timeout-decreased` on the output side, but it is judged on the input side only; the override changes nothing',
        fix: 'write `timeout-decreased: { input: none }`',
        position: { file: POLICY_FILE, line: 9, column: 3 },
      },
    ]);
  });
});
