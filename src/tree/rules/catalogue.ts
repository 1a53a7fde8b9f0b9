/** docs/rules.md: the schema rules' section and the contract rules', through the one catalogue generator. */
import { type CatalogueSection, renderCatalogue, schemaRuleSection } from '../../diff/catalogue.js';
import { describeSeverity } from '../../diff/rule-meta.js';
import type { Direction } from '../../diff/types.js';
import { CONTRACT_RULES } from './index.js';

const SIDES: readonly Direction[] = ['input', 'output'];

export function contractRuleSection(): CatalogueSection {
  return {
    heading: 'Contract rules',
    intro: [
      "Everything in `contract.yaml` outside the schemas (src/tree/rules), read from the side of the endpoint's",
      'callers. Each rule is judged on one side: `input` is what the endpoint accepts (requests, rates, page',
      'sizes, roles, the route itself), `output` what callers observe (responses, errors, side effects). An',
      'undeclared timeout, rate limit or maximum page size counts as unbounded, so declaring one where there was',
      "none is a decrease. Every listed auth role is required. Meta rules describe a major's lifecycle: the",
      'versioning policy ([policy.md](policy.md)) judges them, and they never count as a break of an existing',
      'major or need a minor bump.',
    ],
    columns: ['area', 'effect', ...SIDES],
    rows: CONTRACT_RULES.map((r) => ({
      id: r.id,
      cells: [
        r.area,
        r.effect,
        ...SIDES.map((side) =>
          side === r.direction ? describeSeverity(r.severity ?? 'by-effect', r.effect, side) : '—',
        ),
      ],
      why: r.why,
    })),
  };
}

/** The whole of docs/rules.md. */
export function renderRuleCatalogue(): string {
  return renderCatalogue([schemaRuleSection(), contractRuleSection()]);
}
