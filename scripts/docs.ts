/**
 * `npm run docs`: regenerates what is generated from the registries: docs/rules.md (schema and contract
 * rules) and the table of findings in docs/policy.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { withFindingTable } from '../src/policy/findings-table.js';
import { renderRuleCatalogue } from '../src/tree/rules/catalogue.js';

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url);

writeFileSync(docs('rules.md'), renderRuleCatalogue());
writeFileSync(docs('policy.md'), withFindingTable(readFileSync(docs('policy.md'), 'utf8')));
