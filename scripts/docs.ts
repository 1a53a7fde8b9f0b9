/** `npm run docs`: regenerates the catalogues that are generated from the rule registries. */
import { readFileSync, writeFileSync } from 'node:fs';

import { renderCatalogue } from '../src/diff/catalogue.js';
import { withCatalogue } from '../src/tree/rules/catalogue.js';

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url);

writeFileSync(docs('rules.md'), renderCatalogue());
writeFileSync(docs('policy.md'), withCatalogue(readFileSync(docs('policy.md'), 'utf8')));
