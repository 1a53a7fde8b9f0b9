/**
 * The README says what contractguard really does: its demo output is the demo's (regenerate it with
 * `npm run demo -- --readme`), the commands of "Getting started" exist, and the Action is named in the form
 * GitHub reads.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { readmeDemoBlock, readmeWithDemo, runDemo } from '../scripts/demo-runs.js';
import { cli } from './helpers/cli.js';

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

/** The text of a `## title` section, up to the next `## `. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "${title}"`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('README.md', () => {
  it('shows the demo’s real output (run `npm run demo -- --readme` after changing what it prints)', async () => {
    const runs = await runDemo();
    expect(runs.map((r) => r.code)).toEqual([0, 1, 0]);
    expect(readmeWithDemo(README, readmeDemoBlock(runs))).toBe(README);
  }, 60_000);

  it('getting started uses only commands contractguard has', async () => {
    const commands = [...section('Getting started').matchAll(/npx contractguard ([a-z-]+)/g)].map(
      (m) => m[1],
    );
    expect(commands).toEqual(expect.arrayContaining(['init', 'add-endpoint', 'check', 'diff']));
    for (const command of new Set(commands)) {
      const r = await cli([command as string, '--help'], '.');
      expect(r.code, command).toBe(0);
    }
  });

  it('names the Action as `uses: owner/name@ref`, and says what each part is', () => {
    const uses = [...README.matchAll(/uses: (\S*contractguard\S*)/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[A-Za-z0-9-]+\/contractguard@[\w.-]+$/);
    expect(section('The GitHub Action')).toContain(
      '`uses:` names this repository on GitHub in the form `owner/name@ref`',
    );
  });
});
