import { it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { SchemaValue } from '../../src/schema/types.js';

it('probe', async () => {
  const CASES: [string, SchemaValue, SchemaValue][] = JSON.parse(process.env.PROBE ?? '[]');
  for (const [label, a, b] of CASES) {
    const lines: string[] = [`== ${label}`];
    for (const direction of ['input', 'output'] as const)
      for (const semantics of ['pragmatic', 'strict'] as const) {
        const r = await diff(a, b, { direction, semantics });
        lines.push(`  ${direction[0]}${semantics[0]} verdict=${r.verdict}`);
        for (const c of r.changes)
          lines.push(`  ${direction[0]}${semantics[0]} ${c.severity} ${c.rule} ${c.path} ${c.effect} origin=${JSON.stringify(c.origin)} | ${c.message}${c.args.decidedBy ? ' [sem]' : ''}${c.args.undecided ? ` [undecided: ${c.args.undecided}]` : ''}`);
      }
    console.log(lines.join('\n'));
  }
  await shutdownSemanticWorker();
});
