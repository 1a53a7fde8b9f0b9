/**
 * The core knows nothing of GitHub (DESIGN §4): only src/github talks to it, and nothing else in src/
 * imports src/github, @actions/*, Octokit or Probot. Front ends (action/, bot/) import from both, and so
 * does one CLI command that publishes to GitHub (`canary run --publish`), lazily.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the core does not know GitHub', () => {
  it('no module outside src/github imports it, @actions/*, Octokit or Probot', () => {
    const offenders: string[] = [];
    for (const file of sources(src)) {
      const rel = relative(src, file).replace(/\\/g, '/');
      if (rel.startsWith('github/')) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = match[1] as string;
        // `canary run --publish` is a front end like the Action: it loads the check-run publisher lazily.
        if (rel === 'commands/canary.ts' && spec === '../github/canary-check.js') continue;
        if (/(^|\/)github\//.test(spec) || /^(@actions\/|@octokit\/|probot)/.test(spec)) {
          offenders.push(`${rel} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
