/** The catalog's HTML: escaping, the content security policy, links between pages, and its words. */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildCatalog } from '../../src/catalog/build.js';
import type { Catalog } from '../../src/catalog/types.js';
import { html, trusted } from '../../src/report/catalog/html.js';
import { renderCatalogSite } from '../../src/report/catalog/site.js';
import { constraintTexts, daysLeftText, historyText, typeText } from '../../src/report/catalog/words.js';
import { copyExample, load } from '../consumers/helpers.js';

const HOSTILE = '<img src=x onerror="alert(1)">&amp;';

let dir: string;
let catalog: Catalog;
let files: Map<string, string>;

beforeAll(async () => {
  dir = copyExample();
  catalog = buildCatalog(await load(dir), {
    now: new Date('2026-12-06T00:00:00Z'),
    source: { kind: 'git', ref: `main${HOSTILE}`, commit: 'f'.repeat(40) },
    history: new Map([
      [
        'sync-customers',
        [
          {
            kind: 'major-added',
            major: 3,
            version: '3.0.0',
            commit: { sha: 'a'.repeat(40), date: '2026-08-20T10:00:00Z', author: HOSTILE, subject: HOSTILE },
          },
        ],
      ],
    ]),
  });
  // Text from contract files, as a hostile author could write it (routes and descriptions are free text).
  const sync = catalog.endpoints[2];
  const v3 = sync?.majors[0];
  if (sync === undefined || v3 === undefined) throw new Error('example tree changed');
  sync.route = `/internal/${HOSTILE}/v{major}`;
  sync.owner = HOSTILE;
  v3.input.rows[0] = {
    ...(v3.input.rows[0] as (typeof v3.input.rows)[0]),
    description: HOSTILE,
    facets: { pattern: HOSTILE },
  };
  v3.errors = [{ code: HOSTILE, status: 500 }];
  v3.sideEffects = { writes: [HOSTILE] };
  catalog.problems = [{ file: HOSTILE, message: HOSTILE }];
  files = renderCatalogSite(catalog);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the catalog site', () => {
  it('writes the index and one page per endpoint', () => {
    expect([...files.keys()]).toEqual([
      'index.html',
      'endpoints/enrich-events.html',
      'endpoints/export-orders.html',
      'endpoints/sync-customers.html',
    ]);
  });

  it('escapes every string from the contract files and git', () => {
    for (const [path, text] of files) {
      expect(text, path).not.toContain('<img');
      expect(text, path).not.toContain('onerror="');
    }
    const page = files.get('endpoints/sync-customers.html') ?? '';
    const escaped = '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;';
    // route, owner, description, pattern, error code, write target, commit subject and author, ref
    expect(page.split(escaped).length - 1).toBeGreaterThanOrEqual(9);
    expect(files.get('index.html')).toContain(escaped);
  });

  it('allows exactly its inline style and script by their hashes, and nothing else', () => {
    for (const [path, text] of files) {
      // The attribute is escaped like any other (' is &#39;); the browser reads it decoded.
      const policy = (
        /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text)?.[1] ?? ''
      ).replaceAll('&#39;', "'");
      const style = /<style>([\s\S]*?)<\/style>/.exec(text)?.[1] ?? '';
      const script = /<script>([\s\S]*?)<\/script>/.exec(text)?.[1] ?? '';
      const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
      expect(policy, path).toContain("default-src 'none'");
      expect(policy, path).toContain(`style-src ${hash(style)}`);
      expect(policy, path).toContain(`script-src ${hash(script)}`);
      expect(text.match(/<script/g), path).toHaveLength(1);
      expect(text, path).not.toMatch(/\sstyle="/);
    }
  });

  it('links pages to each other by relative paths only', () => {
    for (const [path, text] of files) {
      const links = [...text.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1] as string);
      expect(
        links.filter((l) => /^[a-z]+:/i.test(l) && l !== 'data:,'),
        path,
      ).toEqual([]);
      const prefix = path.startsWith('endpoints/') ? '../' : '';
      for (const link of links.filter((l) => l.endsWith('.html'))) {
        const target = link.startsWith('../') ? link.slice(3) : `${prefix === '' ? '' : 'endpoints/'}${link}`;
        expect(files.has(target), `${path} → ${link}`).toBe(true);
      }
    }
  });
});

describe('html', () => {
  it('escapes interpolated text but keeps nested markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(
      html`<p title="${'"x"'}">${inner}${['<', trusted('<br>')]}${undefined}${false}${3}</p>`.markup,
    ).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;<br>3</p>');
  });
});

describe('catalog words', () => {
  it('says how many days are left, or how overdue a deadline is', () => {
    expect(daysLeftText({ date: '2027-03-31', daysLeft: 115 })).toBe('115 days left');
    expect(daysLeftText({ date: '2027-03-31', daysLeft: 1 })).toBe('1 day left');
    expect(daysLeftText({ date: '2027-03-31', daysLeft: 0 })).toBe('due today');
    expect(daysLeftText({ date: '2027-03-31', daysLeft: -3 })).toBe('3 days overdue');
  });

  it('names types, array items included', () => {
    expect(typeText(['string', 'null'])).toBe('string | null');
    expect(typeText(['array'], ['object'])).toBe('array of object');
  });

  it('phrases constraints, in the singular where one is meant', () => {
    expect(
      constraintTexts({ facets: { minLength: 1, maxProperties: 1, minProperties: 0, maxItems: 50 } }),
    ).toEqual(['at least 1 character', 'at most 50 items', '0–1 properties']);
    expect(
      constraintTexts({
        facets: { minLength: 1, maxLength: 200, enum: ['a', null], default: 3, format: 'email' },
      }),
    ).toEqual(['one of "a", null', 'format email', '1–200 characters', 'default 3']);
  });

  it('tells a minor bump from a major one in history', () => {
    const commit = { sha: 'a', date: '2026-01-01', author: 'a', subject: 's' };
    expect(
      historyText({ kind: 'version-changed', major: 3, version: '3.2.0', previousVersion: '3.1.4', commit }),
    ).toBe('v3: 3.1.4 → 3.2.0 (minor)');
    expect(historyText({ kind: 'major-removed', major: 1, version: '1.6.2', commit })).toBe(
      'v1 removed (last version 1.6.2)',
    );
  });
});
