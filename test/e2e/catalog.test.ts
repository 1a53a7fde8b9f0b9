/**
 * `contractguard catalog` in a real browser: the example tree's catalog (built by the CLI as a process, in a
 * git repository with history, on a fixed day) opened from file:// in Debian's headless Chromium. One browser
 * for the file; each test opens its own page and records its console and requests.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type BuiltCatalog,
  buildExampleCatalog,
  launchChromium,
  type Recording,
  record,
} from './catalog-site.js';
import { CONTRAST_AUDIT, type ContrastFailure } from './contrast.js';

let built: BuiltCatalog;
let browser: Browser;
const recordings: Recording[] = [];

beforeAll(async () => {
  [built, browser] = await Promise.all([buildExampleCatalog(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  built?.cleanup();
});

async function open(
  path: string,
  opts: { width?: number; height?: number; scheme?: 'light' | 'dark' } = {},
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    colorScheme: opts.scheme ?? 'light',
  });
  recordings.push(record(page));
  await page.goto(new URL(path, built.base).href);
  return page;
}

/** The focused element (`TAG:text`) and its outline, evaluated in the page. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return [el.tagName + ':' + el.textContent.trim(), style.outlineStyle + ' ' + style.outlineWidth];
})()`;

/** The endpoint names of the index's visible rows, top to bottom. */
async function visibleEndpoints(page: Page): Promise<string[]> {
  return page.locator('#endpoints tbody tr:visible th a').allInnerTexts();
}

describe('contractguard catalog in a browser', () => {
  it('is written by the CLI with exit 0 and a one-line summary', () => {
    expect(built.run.stderr).toBe('');
    expect(built.run.code).toBe(0);
    expect(built.run.stdout).toMatch(/index\.html: 3 endpoints, 4 live majors, 4 consumers\n$/);
  });

  it('lists every endpoint of the example tree on the index', async () => {
    const page = await open('index.html');
    expect(await page.title()).toBe('Contract catalog');
    expect(await visibleEndpoints(page)).toEqual(['enrich-events', 'export-orders', 'sync-customers']);
    const sync = page.locator('#endpoints tbody tr', { hasText: 'sync-customers' });
    expect(await sync.locator('td[data-label="Aliases"]').innerText()).toBe('latest, prod, staging → v3');
    expect(await sync.locator('td[data-label="Next deadline"]').innerText()).toBe(
      'v2: 2027-03-31 115 days left',
    );
    await page.close();
  });

  it('filters the endpoints as you type in the search box', async () => {
    const page = await open('index.html');
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.pressSequentially('crm');
    expect(await visibleEndpoints(page)).toEqual(['sync-customers']);
    expect(await page.locator('[data-count-for="endpoints"]').innerText()).toBe('1 of 3 endpoints shown');
    await search.fill('');
    await search.pressSequentially('slack');
    // A consumer's name finds the endpoints it calls.
    expect(await visibleEndpoints(page)).toEqual(['export-orders', 'sync-customers']);
    await search.fill('no-such-thing');
    await search.dispatchEvent('input');
    expect(await visibleEndpoints(page)).toEqual([]);
    expect(await page.getByText('No endpoint matches the search.').isVisible()).toBe(true);
    await page.close();
  });

  it('sorts a column with its header button and says so with aria-sort', async () => {
    const page = await open('index.html');
    const header = (name: string) => page.locator('#endpoints thead th', { hasText: name });
    await header('Consumers').getByRole('button').click();
    expect(await header('Consumers').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Endpoint').getAttribute('aria-sort')).toBe('none');
    expect((await visibleEndpoints(page)).at(-1)).toBe('sync-customers');
    await header('Consumers').getByRole('button').click();
    expect(await header('Consumers').getAttribute('aria-sort')).toBe('descending');
    expect((await visibleEndpoints(page))[0]).toBe('sync-customers');
    await header('Endpoint').getByRole('button').click();
    expect(await visibleEndpoints(page)).toEqual(['enrich-events', 'export-orders', 'sync-customers']);
    await header('Endpoint').getByRole('button').click();
    expect(await visibleEndpoints(page)).toEqual(['sync-customers', 'export-orders', 'enrich-events']);
    await page.close();
  });

  it('shows an endpoint page with its majors, aliases, consumers, deadline and history', async () => {
    const page = await open('index.html');
    await page.getByRole('link', { name: 'sync-customers', exact: true }).click();
    await page.waitForURL(/endpoints\/sync-customers\.html$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('sync-customers');
    expect(await page.locator('#majors tbody th a').allInnerTexts()).toEqual(['v3', 'v2']);
    expect(await page.locator('dl.facts').first().innerText()).toContain('prod → v3');
    const v2 = page.locator('section#v2');
    expect(await v2.locator('h2').innerText()).toContain('2.4.1');
    expect(await v2.locator('dl.facts').first().innerText()).toContain(
      'may be removed after 2027-03-31 115 days left; move to v3',
    );
    const consumers = v2.locator('table.consumers-of tbody tr');
    expect(await consumers.locator('th').allInnerTexts()).toEqual(['nightly-reconcile']);
    expect(await consumers.locator('td').allInnerTexts()).toEqual([
      '@acme/data-platform',
      'job',
      '2027-03-31 115 days left',
    ]);
    const v3 = page.locator('section#v3');
    expect(await v3.locator('table.consumers-of tbody th').allInnerTexts()).toEqual([
      'retool-ops-dashboard',
      'slack-customer-lookup',
    ]);
    expect(await v3.locator('table.fields').first().locator('tbody th').first().innerText()).toBe(
      'customerIds',
    );
    expect(await v3.locator('table.fields').nth(1).innerText()).toContain('customers[].email');
    const history = await page.locator('#history tbody tr').allInnerTexts();
    expect(history[0]).toContain('v3: 3.1.0 → 3.2.0 (minor)');
    expect(history.some((row) => row.includes('v1 removed (last version 1.6.2)'))).toBe(true);
    await page.close();
  });

  it('draws the timeline with a lane for the deadline and one for the removal', async () => {
    const page = await open('index.html');
    // SVG has no innerText; a <title> holds plain text.
    const marks = page.locator('figure.timeline svg polygon title');
    expect(await marks.allTextContents()).toEqual([
      'sync-customers v1 removed on 2026-07-15',
      'sync-customers v2: deadline 2027-03-31, 115 days left',
    ]);
    await page.close();
  });

  it('lets the keyboard reach the skip link, the search box and every endpoint row, with a visible focus', async () => {
    const page = await open('index.html');
    const reached: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const [what, outline] = (await page.evaluate(FOCUSED)) as [string, string];
      reached.push(what);
      expect(outline, what).toBe('solid 3px');
    }
    expect(reached[0]).toBe('A:Skip to content');
    expect(reached).toContain('INPUT:');
    for (const name of ['enrich-events', 'export-orders', 'sync-customers'])
      expect(reached).toContain(`A:${name}`);
    await page.keyboard.press('/');
    expect(await page.locator(':focus').getAttribute('id')).toBe('search');
    await page.close();
  });

  it('turns each endpoint row into a card on a phone, without sideways scrolling', async () => {
    const page = await open('index.html', { width: 390, height: 844 });
    const row = "document.querySelector('#endpoints tbody tr')";
    expect(await page.evaluate(`getComputedStyle(${row}).display`)).toBe('grid');
    expect(
      await page.evaluate(`getComputedStyle(${row}.querySelector('[data-label=Owner]'), '::before').content`),
    ).toBe('"Owner"');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('meets WCAG AA contrast in the light and dark schemes, on the index and an endpoint page', async () => {
    const failures: ContrastFailure[] = [];
    for (const path of ['index.html', 'endpoints/sync-customers.html']) {
      const page = await open(path);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          const found = (await page.evaluate(CONTRAST_AUDIT)) as ContrastFailure[];
          failures.push(
            ...found.map((f) => ({ ...f, what: `${path} ${colorScheme} ${width}px: ${f.what}` })),
          );
        }
      }
      await page.close();
    }
    expect(failures).toEqual([]);
  });

  it('logs no console error and requests nothing outside the site on any page', async () => {
    const page = await open('index.html');
    const links = (await page.evaluate(
      "Array.from(document.querySelectorAll('#endpoints tbody th a'), (a) => a.href)",
    )) as string[];
    expect(links).toHaveLength(3);
    for (const href of links) await page.goto(href);
    await page.close();
    const errors = recordings.flatMap((r) => r.errors);
    const requests = recordings.flatMap((r) => r.requests);
    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(recordings.length);
    expect(requests.filter((url) => !url.startsWith(built.base) && !url.startsWith('data:'))).toEqual([]);
  });
});
