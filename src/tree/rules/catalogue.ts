/** The contract rule table in docs/policy.md, generated from the registry so the docs cannot drift. */
import { CONTRACT_RULES } from './index.js';

/** Prettier would re-align the table; the markers keep it byte-for-byte what this function renders. */
export const CATALOGUE_START = '<!-- contract-rules:start -->\n<!-- prettier-ignore-start -->';
export const CATALOGUE_END = '<!-- prettier-ignore-end -->\n<!-- contract-rules:end -->';

/** The Markdown table, between its markers. */
export function renderContractRuleCatalogue(): string {
  const lines = [
    CATALOGUE_START,
    '',
    '| rule | area | severity | why |',
    '|---|---|---|---|',
    ...CONTRACT_RULES.map(
      (r) => `| \`${r.id}\` | ${r.area} | ${r.severity} | ${r.why.replace(/\|/g, '\\|')} |`,
    ),
    '',
    CATALOGUE_END,
  ];
  return lines.join('\n');
}

/** `doc` with its catalogue section replaced by the current one. */
export function withCatalogue(doc: string): string {
  const start = doc.indexOf(CATALOGUE_START);
  const end = doc.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) throw new Error('docs/policy.md has no contract-rules markers');
  return doc.slice(0, start) + renderContractRuleCatalogue() + doc.slice(end + CATALOGUE_END.length);
}
