/**
 * The one catalogue generator: registries in, Markdown out, so the docs cannot drift from the code. Each
 * rule engine supplies a section (the schema rules' is here; the contract rules' is in src/tree/rules, which
 * also assembles docs/rules.md from both); the policy findings' table in docs/policy.md uses `table` and
 * `withMarkedSection`.
 */
import { describeSeverity } from './rule-meta.js';
import { specOf } from './rule.js';
import { RULES } from './rules/index.js';
import type { Direction, Semantics } from './types.js';

export interface CatalogueRow {
  /** Becomes the row's anchor (`rules.md#<id>`), which SARIF help links point at. */
  id: string;
  /** The columns between the id and `why`. */
  cells: readonly string[];
  why: string;
}

export interface CatalogueSection {
  /** Also the section's anchor, e.g. `Contract rules` → `#contract-rules`. */
  heading: string;
  intro: readonly string[];
  /** The columns between `rule` and `why`. */
  columns: readonly string[];
  rows: readonly CatalogueRow[];
}

/** A Markdown table cell: one line, pipes escaped. */
export function cellText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A Markdown table, unaligned (the generated files are kept out of prettier). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(cellText).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)];
}

/** docs/rules.md: the shared introduction, then one section per rule engine. */
export function renderCatalogue(sections: readonly CatalogueSection[]): string {
  const lines = [
    '# Rule catalogue',
    '',
    '<!-- Generated from src/diff/rules and src/tree/rules by `npm run docs`; test/tree/rules/catalogue.test.ts fails when it is stale. -->',
    '',
    'Every rule has an effect: what the change does to the set of things one side of the contract admits,',
    'read old → new. A severity follows from the effect and the side (widens → breaking for outputs, narrows →',
    'breaking for inputs, both → breaking, unknown → dangerous, none → none) unless the rule states its own',
    'policy. Override any rule per id and side in `contractguard.yaml`:',
    '',
    '```yaml',
    'rules:',
    '  enum-value-added: { output: dangerous }',
    '  timeout-increased: { input: breaking }',
    '```',
    '',
    'Schema rules can be overridden on both sides; a contract rule only on the side it is judged on (the other',
    'column shows —). An override naming no rule, or a side a rule is not judged on, is reported as a warning.',
  ];
  for (const s of sections) {
    lines.push('', `## ${s.heading}`, '', ...s.intro, '');
    lines.push(
      ...table(
        ['rule', ...s.columns, 'why'],
        s.rows.map((r) => [`<a id="${r.id}"></a>\`${r.id}\``, ...r.cells, r.why]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

const SCHEMA_COLUMNS: readonly [Semantics, Direction][] = [
  ['pragmatic', 'input'],
  ['pragmatic', 'output'],
  ['strict', 'input'],
  ['strict', 'output'],
];

export function schemaRuleSection(): CatalogueSection {
  return {
    heading: 'Schema rules',
    intro: [
      'Differences between two versions of an input or output schema, found by the walker (src/diff). Default',
      'severities per direction and semantics; "by effect" means the walker computes what the change does to the',
      'set of valid values at each place it finds it.',
    ],
    columns: ['effect', ...SCHEMA_COLUMNS.map(([sem, dir]) => `${dir} (${sem})`)],
    rows: RULES.map((r) => ({
      id: r.id,
      cells: [
        r.effect,
        ...SCHEMA_COLUMNS.map(([sem, dir]) => describeSeverity(specOf(r, sem, dir), r.effect, dir)),
      ],
      why: r.why,
    })),
  };
}

/**
 * `doc` with the part between `<!-- name:start -->` and `<!-- name:end -->` replaced by `body`, kept out of
 * prettier (which would re-align a generated table) so the file stays byte-for-byte what was rendered.
 */
export function withMarkedSection(doc: string, name: string, body: readonly string[]): string {
  const start = `<!-- ${name}:start -->\n<!-- prettier-ignore-start -->`;
  const end = `<!-- prettier-ignore-end -->\n<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`no ${name} markers in the document`);
  return `${doc.slice(0, from)}${[start, '', ...body, '', end].join('\n')}${doc.slice(to + end.length)}`;
}
