/**
 * The frame of every catalog page. The stylesheet and the script are inline and allowed by their hashes in a
 * Content-Security-Policy that forbids everything else: no request can leave the page (no fonts, images,
 * frames, fetches or other scripts), from file://, GitHub Pages or any static host alike.
 */
import { createHash } from 'node:crypto';

import type { Catalog } from '../../catalog/types.js';
import { CATALOG_SCRIPT } from './client.js';
import { type Html, html, trusted } from './html.js';
import { CATALOG_CSS } from './style.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const POLICY = [
  "default-src 'none'",
  `style-src ${sha256(CATALOG_CSS)}`,
  `script-src ${sha256(CATALOG_SCRIPT)}`,
  // The empty favicon below: without it a browser asks the server for /favicon.ico.
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Every page carries it: how a folder holding a previous catalog is recognised. */
export const CATALOG_GENERATOR = '<meta name="generator" content="contractguard catalog">';

/** Inline exactly as hashed: built here, out of reach of formatters that reflow templates. */
const STYLE = trusted('<style>' + CATALOG_CSS + '</style>');
const SCRIPT = trusted('<script>' + CATALOG_SCRIPT + '</script>');

export interface PageOptions {
  title: string;
  /** `../` from an endpoint page, `''` from the index: links stay relative, so the site can move. */
  toRoot: string;
  /** Breadcrumb trail after the catalog itself (the current page last). */
  trail: Html;
  body: Html;
  catalog: Catalog;
}

export function page(opts: PageOptions): string {
  const document = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content="${POLICY}" />
        <meta name="referrer" content="no-referrer" />
        ${trusted(CATALOG_GENERATOR)}
        <title>${opts.title}</title>
        <link rel="icon" href="data:," />
        ${STYLE}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <div class="wrap">
            <p class="brand"><a href="${opts.toRoot}index.html">contractguard catalog</a></p>
            <nav class="crumbs" aria-label="Breadcrumb">
              <ol>
                ${opts.trail}
              </ol>
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1"><div class="wrap">${opts.body}</div></main>
        <footer><div class="wrap">${footer(opts.catalog)}</div></footer>
        ${SCRIPT}
      </body>
    </html> `;
  return document.markup;
}

function footer(catalog: Catalog): Html {
  const source =
    catalog.source.kind === 'git'
      ? html`at <code>${catalog.source.ref}</code> (commit
          <code>${catalog.source.commit.slice(0, 12)}</code>)`
      : html`in the working tree`;
  return html`<p>
    Built by <code>contractguard catalog</code> on
    <time datetime="${catalog.today}">${catalog.today}</time> from the contracts in
    <code>${catalog.root}</code> ${source}. Days left are counted from that day.
  </p>`;
}
