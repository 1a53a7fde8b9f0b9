/** The table of findings in docs/policy.md, generated from the registry so the docs cannot drift. */
import { table, withMarkedSection } from '../diff/catalogue.js';
import { FINDING_KINDS } from './findings.js';

const SECTION = 'findings';

export function renderFindingTable(): string[] {
  return table(
    ['finding', 'level', 'fires when', 'fix'],
    FINDING_KINDS.map((k) => [
      `<a id="${k.id}"></a>\`${k.id}\``,
      k.levelNote ? `${k.level} (${k.levelNote})` : k.level,
      k.when,
      k.fix ?? '—',
    ]),
  );
}

/** docs/policy.md with its table of findings replaced by the current one. */
export function withFindingTable(doc: string): string {
  return withMarkedSection(doc, SECTION, renderFindingTable());
}
