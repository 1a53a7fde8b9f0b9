import { writeFileSync } from 'node:fs';
import { renderCatalogue } from '../src/diff/catalogue.js';

writeFileSync(new URL('../../docs/rules.md', import.meta.url), renderCatalogue());
