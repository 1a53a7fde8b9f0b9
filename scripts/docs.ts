/**
 * `npm run docs`: regenerates what is generated from the registries: docs/rules.md (schema and contract
 * rules), the table of findings in docs/policy.md and the OpenAPI rule table in docs/openapi.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { withOpenApiRuleTable } from '../src/openapi/rules.js';
import { withFindingTable } from '../src/policy/findings-table.js';
import { renderRuleCatalogue } from '../src/tree/rules/catalogue.js';

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url);

writeFileSync(docs('rules.md'), renderRuleCatalogue());
writeFileSync(docs('policy.md'), withFindingTable(readFileSync(docs('policy.md'), 'utf8')));
writeFileSync(docs('openapi.md'), withOpenApiRuleTable(readFileSync(docs('openapi.md'), 'utf8')));
