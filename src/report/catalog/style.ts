/**
 * The catalog's stylesheet, inlined in every page (a page works alone, from file:// or any static host; its
 * hash is in the page's Content-Security-Policy). Colours are chosen for WCAG AA contrast in light and dark
 * schemes (checked by the browser tests); colour never carries meaning alone, words always stand beside it.
 * Below 720px wide, tables marked `.cards` become one card per row.
 */
export const CATALOG_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #1f2328;
  --muted: #59636e;
  --surface: #f6f8fa;
  --border: #d1d9e0;
  --link: #0550ae;
  --focus: #0969da;
  --code-bg: #eff2f5;
  --ok-fg: #116329; --ok-bg: #dafbe1;
  --warn-fg: #6c4400; --warn-bg: #fff8c5;
  --bad-fg: #a40e26; --bad-bg: #ffebe9;
  --off-fg: #4a525b; --off-bg: #eaeef2;
  --bar-later: #0969da; --bar-soon: #9a6700; --bar-overdue: #cf222e; --bar-removed: #59636e;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --fg: #e6edf3;
    --muted: #9aa4b0;
    --surface: #151b23;
    --border: #3d444d;
    --link: #58a6ff;
    --focus: #58a6ff;
    --code-bg: #1f2630;
    --ok-fg: #7ee2a1; --ok-bg: #12301d;
    --warn-fg: #f2cc60; --warn-bg: #33260a;
    --bad-fg: #ffa198; --bad-bg: #3d1116;
    --off-fg: #c3cbd4; --off-bg: #262c36;
    --bar-later: #4493f8; --bar-soon: #d29922; --bar-overdue: #f85149; --bar-removed: #9aa4b0;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 var(--font);
}
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
code, .mono { font-family: var(--mono); font-size: 0.875em; }
code { background: var(--code-bg); padding: 0.1em 0.35em; border-radius: 4px; overflow-wrap: anywhere; }
h1, h2, h3 { line-height: 1.25; margin: 1.6em 0 0.6em; }
h1 { font-size: 1.9rem; margin-top: 0.4em; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; padding-bottom: 0.3em; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.1rem; }
.skip {
  position: absolute; left: 0.5rem; top: -3rem; z-index: 10; padding: 0.5rem 0.75rem;
  background: var(--bg); color: var(--link); border: 2px solid var(--focus); border-radius: 6px;
}
.skip:focus { top: 0.5rem; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.wrap { max-width: 76rem; margin: 0 auto; padding: 0 1.25rem; }
header.site { background: var(--surface); border-bottom: 1px solid var(--border); }
header.site .wrap { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; padding-block: 0.75rem; }
header.site .brand { font-weight: 650; margin: 0; }
header.site .brand a { color: var(--fg); text-decoration: none; }
header.site .brand a:hover { text-decoration: underline; }
.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; }
.crumbs li + li::before { content: "/"; color: var(--muted); margin-right: 0.25rem; }
main { padding-bottom: 3rem; }
main:focus { outline: none; }
.lede { color: var(--muted); margin-top: 0; }
.lede strong { color: var(--fg); }
footer { border-top: 1px solid var(--border); color: var(--muted); font-size: 0.875rem; padding: 1rem 0 2rem; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; margin: 1.25rem 0; padding: 0; list-style: none; }
.stats li { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; }
.stats .n { display: block; font-size: 1.6rem; font-weight: 650; line-height: 1.2; }
.stats .what { color: var(--muted); font-size: 0.9rem; }
.notice { border: 1px solid var(--bad-fg); background: var(--bad-bg); color: var(--fg); border-radius: 8px; padding: 0.75rem 1rem; }
.notice ul { margin: 0.5rem 0 0; padding-left: 1.25rem; }

.search { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 0.75rem 0 1rem; }
.search label { font-weight: 600; }
.search input {
  flex: 1 1 18rem; max-width: 32rem; font: inherit; padding: 0.5rem 0.75rem; color: var(--fg);
  background: var(--bg); border: 1px solid var(--muted); border-radius: 6px;
}
.search input:focus-visible { outline-offset: 0; }
.search input::placeholder { color: var(--muted); opacity: 1; }
.search .count { color: var(--muted); margin: 0; font-size: 0.9rem; }
kbd { font-family: var(--mono); font-size: 0.8em; border: 1px solid var(--border); border-bottom-width: 2px; border-radius: 4px; padding: 0 0.3em; }

.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 0.25rem; }
th, td { text-align: left; vertical-align: top; padding: 0.55rem 0.75rem; border-bottom: 1px solid var(--border); }
thead th { background: var(--surface); font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 600; }
th[aria-sort] button, th > button.sort {
  font: inherit; color: inherit; background: none; border: 0; padding: 0.1rem 0.2rem; margin: -0.1rem -0.2rem;
  cursor: pointer; display: inline-flex; gap: 0.35rem; align-items: center; border-radius: 4px;
}
th > button.sort::after { content: "↕"; color: var(--muted); font-size: 0.9em; }
th[aria-sort="ascending"] > button.sort::after { content: "▲"; color: var(--fg); }
th[aria-sort="descending"] > button.sort::after { content: "▼"; color: var(--fg); }
th > button.sort:hover { text-decoration: underline; }
tr.hidden { display: none; }
.empty { color: var(--muted); font-style: italic; }
.sub { display: block; color: var(--muted); font-size: 0.85rem; font-weight: 400; }
.chips { list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0; padding: 0; }
.chips li, .chip {
  display: inline-block; border: 1px solid var(--border); background: var(--surface); border-radius: 999px;
  padding: 0 0.55rem; font-size: 0.85rem; white-space: nowrap;
}
.chips.wrap li { white-space: normal; border-radius: 6px; }
.chip.dead, .chips li.dead { border-color: var(--bad-fg); color: var(--bad-fg); }
.badge { display: inline-block; border-radius: 999px; padding: 0.05rem 0.6rem; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.badge.active { color: var(--ok-fg); background: var(--ok-bg); }
.badge.deprecating, .badge.deprecated, .badge.soon, .badge.later { color: var(--warn-fg); background: var(--warn-bg); }
.badge.overdue { color: var(--bad-fg); background: var(--bad-bg); }
.badge.retired, .badge.removed { color: var(--off-fg); background: var(--off-bg); }
.left.overdue { color: var(--bad-fg); font-weight: 600; }
.left.soon { color: var(--warn-fg); font-weight: 600; }
.left.later { color: var(--muted); }

dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; margin: 0.75rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.majors-nav { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 1rem 0; }
section.major { border: 1px solid var(--border); border-radius: 10px; padding: 0 1.25rem 0.5rem; margin: 1.5rem 0; }
section.major > h2 { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; border-bottom: 0; }
section.major > h2 .version { font-family: var(--mono); font-size: 0.95rem; color: var(--muted); font-weight: 400; }
.desc { margin: 0.25rem 0 0.5rem; }
table.fields { table-layout: fixed; }
table.fields th:nth-child(1) { width: 30%; } table.fields th:nth-child(2) { width: 17%; }
table.fields th:nth-child(3) { width: 10%; }
.nowrap { white-space: nowrap; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.field .parent { color: var(--muted); font-weight: 400; }
.field code { background: none; padding: 0; white-space: nowrap; }
.field.d1 { padding-left: 1.5rem; } .field.d2 { padding-left: 2.25rem; } .field.d3 { padding-left: 3rem; }
.field.d4, .field.d5, .field.d6 { padding-left: 3.75rem; }
.req { font-weight: 600; }
.opt { color: var(--muted); }
.constraints { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0.25rem 0 0; padding: 0; }
.constraints li { font-family: var(--mono); font-size: 0.78rem; background: var(--code-bg); border-radius: 4px; padding: 0 0.35rem; overflow-wrap: anywhere; }
.note { color: var(--muted); font-size: 0.85rem; }

figure.timeline { margin: 0.5rem 0 1rem; overflow-x: auto; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); }
figure.timeline svg { display: block; min-width: 880px; width: 100%; height: auto; }
figure.timeline figcaption { padding: 0.5rem 0.75rem; font-size: 0.85rem; color: var(--muted); border-top: 1px solid var(--border); }
.tl-axis { stroke: var(--border); }
.tl-tick { fill: var(--muted); font: 12px var(--font); }
.tl-grid { stroke: var(--border); stroke-dasharray: 2 4; }
.tl-today { stroke: var(--fg); stroke-width: 1.5; }
.tl-today-label { fill: var(--fg); font: 600 12px var(--font); }
.tl-label { fill: var(--fg); font: 600 13px var(--font); }
.tl-sub { fill: var(--muted); font: 12px var(--font); }
.tl-bar.later { fill: var(--bar-later); } .tl-bar.soon { fill: var(--bar-soon); } .tl-bar.overdue { fill: var(--bar-overdue); }
.tl-bar.removed { fill: var(--bar-removed); }
.tl-mark { stroke: var(--bg); stroke-width: 1.5; }
.tl-mark.later { fill: var(--bar-later); } .tl-mark.soon { fill: var(--bar-soon); } .tl-mark.overdue { fill: var(--bar-overdue); }
.tl-mark.removed { fill: var(--bar-removed); }
.tl-lane { fill: transparent; }
.tl-lane.odd { fill: var(--bg); }

@media (max-width: 720px) {
  body { font-size: 15px; }
  .wrap { padding: 0 0.85rem; }
  h1 { font-size: 1.55rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0 0; }
  dl.facts dd { margin-bottom: 0.5rem; }
  section.major { padding: 0 0.85rem 0.5rem; }
  table.cards, table.cards tbody { display: block; width: 100%; }
  table.cards thead tr { display: flex; flex-wrap: wrap; gap: 0.35rem; padding: 0.25rem 0; }
  table.cards thead th { border: 1px solid var(--border); border-radius: 6px; padding: 0.25rem 0.5rem; }
  table.cards thead th:not([aria-sort]) { display: none; }
  table.cards caption { display: block; }
  /* One card per row: the row header across the top, then the cells two by two, each under its label. */
  table.cards tbody tr {
    display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.35rem 1rem;
    border: 1px solid var(--border); border-radius: 8px; margin: 0 0 0.75rem; padding: 0.6rem 0.75rem;
  }
  table.cards tbody tr.hidden { display: none; }
  table.cards td, table.cards tbody th { display: block; border: 0; padding: 0; min-width: 0; }
  table.cards tbody th, table.cards td.wide { grid-column: 1 / -1; }
  table.cards td[data-label]::before {
    content: attr(data-label); display: block; color: var(--muted); font-size: 0.75rem; font-weight: 600;
    text-transform: uppercase; letter-spacing: 0.03em;
  }
  table.cards tbody th { font-size: 1.05rem; }
  table.fields th:nth-child(n) { width: auto; }
  .nowrap { white-space: normal; }
  .field.d1, .field.d2, .field.d3, .field.d4, .field.d5, .field.d6 { padding-left: 0; }
  .field code { white-space: normal; overflow-wrap: anywhere; }
}
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
@media print { .search, .skip, th > button.sort::after { display: none; } }
`;
