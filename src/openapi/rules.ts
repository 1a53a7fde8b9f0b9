/**
 * The OpenAPI rules: what differs between two operations outside their schemas (an operation, a parameter,
 * a media type, a status code, a security requirement). Schemas inside an operation go through the schema
 * classifier; these rules have the `RuleMeta` shape of the other engines, and their severity is decided by
 * `deriveSeverity` (effect × direction, or the rule's stated policy) like theirs.
 */
import { table, withMarkedSection } from '../diff/catalogue.js';
import { describeSeverity, deriveSeverity, type RuleMeta, type SeveritySpec } from '../diff/rule-meta.js';
import type { Direction, Severity } from '../diff/types.js';

export interface OpenApiRule extends RuleMeta {
  direction: Direction;
  effect: 'widens' | 'narrows' | 'both' | 'none';
  /** Policy where it differs from effect × direction. */
  severity?: SeveritySpec;
}

const rule = (r: OpenApiRule): OpenApiRule => r;

/** Every OpenAPI rule, mirrored pairs next to each other. The order is the catalogue's. */
export const OPENAPI_RULES: readonly OpenApiRule[] = [
  rule({
    id: 'path-removed',
    inverse: 'path-added',
    direction: 'input',
    effect: 'narrows',
    why: 'Every request to the path now fails.',
  }),
  rule({
    id: 'path-added',
    inverse: 'path-removed',
    direction: 'input',
    effect: 'widens',
    why: 'A new path serves requests nobody sent before.',
  }),
  rule({
    id: 'operation-removed',
    inverse: 'operation-added',
    direction: 'input',
    effect: 'narrows',
    why: 'Every request to the operation now fails.',
  }),
  rule({
    id: 'operation-added',
    inverse: 'operation-removed',
    direction: 'input',
    effect: 'widens',
    why: 'A new operation serves requests nobody sent before.',
  }),
  rule({
    id: 'operation-deprecated',
    inverse: 'operation-undeprecated',
    direction: 'input',
    effect: 'none',
    why: 'Nothing fails yet; clients are told to move away before the operation goes.',
  }),
  rule({
    id: 'operation-undeprecated',
    inverse: 'operation-deprecated',
    direction: 'input',
    effect: 'none',
    why: 'The operation stays; nothing a client does changes.',
  }),
  rule({
    id: 'sunset-brought-forward',
    inverse: 'sunset-pushed-back',
    direction: 'input',
    effect: 'none',
    severity: 'dangerous',
    why: 'Clients have less time than they were promised (a sunset added counts as brought forward).',
  }),
  rule({
    id: 'sunset-pushed-back',
    inverse: 'sunset-brought-forward',
    direction: 'input',
    effect: 'none',
    why: 'Clients have more time than they were promised (a sunset removed counts as pushed back).',
  }),
  rule({
    id: 'required-parameter-added',
    inverse: 'required-parameter-removed',
    direction: 'input',
    effect: 'narrows',
    why: 'Requests without the new parameter, every request sent so far, are now rejected.',
  }),
  rule({
    id: 'required-parameter-removed',
    inverse: 'required-parameter-added',
    direction: 'input',
    effect: 'widens',
    severity: 'dangerous',
    why: 'Requests still carry it and the endpoint now ignores it: what it meant is lost without an error.',
  }),
  rule({
    id: 'optional-parameter-added',
    inverse: 'optional-parameter-removed',
    direction: 'input',
    effect: 'widens',
    why: 'Requests without it are accepted as before.',
  }),
  rule({
    id: 'optional-parameter-removed',
    inverse: 'optional-parameter-added',
    direction: 'input',
    effect: 'narrows',
    severity: 'dangerous',
    why: 'Requests that send it are no longer described: the endpoint may ignore or reject it.',
  }),
  rule({
    id: 'parameter-became-required',
    inverse: 'parameter-became-optional',
    direction: 'input',
    effect: 'narrows',
    why: 'Requests that leave the parameter out are now rejected.',
  }),
  rule({
    id: 'parameter-became-optional',
    inverse: 'parameter-became-required',
    direction: 'input',
    effect: 'widens',
    why: 'Requests that send it are accepted as before, and so are those that do not.',
  }),
  rule({
    id: 'parameter-serialization-changed',
    inverse: 'parameter-serialization-changed',
    direction: 'input',
    effect: 'both',
    why: 'A different `style` or `explode` spells the same value differently: requests written for the old one are misread.',
  }),
  rule({
    id: 'request-body-became-required',
    inverse: 'request-body-became-optional',
    direction: 'input',
    effect: 'narrows',
    why: 'Requests without a body are now rejected.',
  }),
  rule({
    id: 'request-body-became-optional',
    inverse: 'request-body-became-required',
    direction: 'input',
    effect: 'widens',
    why: 'Requests without a body are now accepted too.',
  }),
  rule({
    id: 'request-media-type-removed',
    inverse: 'request-media-type-added',
    direction: 'input',
    effect: 'narrows',
    why: 'Requests sent in that media type are now rejected.',
  }),
  rule({
    id: 'request-media-type-added',
    inverse: 'request-media-type-removed',
    direction: 'input',
    effect: 'widens',
    why: 'Requests in the new media type are accepted; the old ones still are.',
  }),
  rule({
    id: 'success-response-removed',
    inverse: 'success-response-added',
    direction: 'output',
    effect: 'narrows',
    severity: 'breaking',
    why: 'Clients that wait for this success status never see it again: the operation now answers differently.',
  }),
  rule({
    id: 'success-response-added',
    inverse: 'success-response-removed',
    direction: 'output',
    effect: 'widens',
    severity: 'dangerous',
    why: 'Clients may not treat a success status they have never seen as success.',
  }),
  rule({
    id: 'response-status-removed',
    inverse: 'response-status-added',
    direction: 'output',
    effect: 'narrows',
    why: 'Clients see one answer fewer; what they handle for it is simply never used.',
  }),
  rule({
    id: 'response-status-added',
    inverse: 'response-status-removed',
    direction: 'output',
    effect: 'widens',
    severity: 'dangerous',
    why: 'Clients meet a status they were never told about; most handle an unknown error status generically.',
  }),
  rule({
    id: 'response-media-type-removed',
    inverse: 'response-media-type-added',
    direction: 'output',
    effect: 'narrows',
    severity: 'breaking',
    why: 'Clients that ask for that media type no longer get it.',
  }),
  rule({
    id: 'response-media-type-added',
    inverse: 'response-media-type-removed',
    direction: 'output',
    effect: 'widens',
    severity: 'dangerous',
    why: 'Clients that do not send `Accept` may now receive a media type they cannot read.',
  }),
  rule({
    id: 'required-response-header-removed',
    inverse: 'required-response-header-added',
    direction: 'output',
    effect: 'narrows',
    severity: 'breaking',
    why: 'Clients that rely on a header the response always carried no longer find it.',
  }),
  rule({
    id: 'required-response-header-added',
    inverse: 'required-response-header-removed',
    direction: 'output',
    effect: 'widens',
    severity: 'additive',
    why: 'Clients that do not know the header ignore it.',
  }),
  rule({
    id: 'optional-response-header-removed',
    inverse: 'optional-response-header-added',
    direction: 'output',
    effect: 'narrows',
    severity: 'dangerous',
    why: 'Clients had to cope with its absence already, but those that use it when present lose it for good.',
  }),
  rule({
    id: 'optional-response-header-added',
    inverse: 'optional-response-header-removed',
    direction: 'output',
    effect: 'widens',
    severity: 'additive',
    why: 'Clients that do not know the header ignore it.',
  }),
  rule({
    id: 'response-header-became-optional',
    inverse: 'response-header-became-required',
    direction: 'output',
    effect: 'widens',
    why: 'Clients that rely on the header being present now sometimes miss it.',
  }),
  rule({
    id: 'response-header-became-required',
    inverse: 'response-header-became-optional',
    direction: 'output',
    effect: 'narrows',
    why: 'The header is now always sent; clients that checked for it keep working.',
  }),
  rule({
    id: 'security-alternative-removed',
    inverse: 'security-alternative-added',
    direction: 'input',
    effect: 'narrows',
    why: 'Clients that authenticate that way (or not at all, for `{}`) are now rejected; not reported when a remaining alternative asks for a subset of it (fewer schemes or scopes).',
  }),
  rule({
    id: 'security-alternative-added',
    inverse: 'security-alternative-removed',
    direction: 'input',
    effect: 'widens',
    why: 'One more way to authenticate is accepted; the old ones still are.',
  }),
  rule({
    id: 'security-scheme-changed',
    inverse: 'security-scheme-changed',
    direction: 'input',
    effect: 'both',
    why: 'The credential now goes elsewhere or is of another kind (an API key header renamed, bearer → basic, another token URL): clients that send it the old way are rejected.',
  }),
];

export const OPENAPI_RULES_BY_ID: ReadonlyMap<string, OpenApiRule> = new Map(
  OPENAPI_RULES.map((r) => [r.id, r]),
);

export function openApiRule(id: string): OpenApiRule {
  const found = OPENAPI_RULES_BY_ID.get(id);
  if (found === undefined) throw new Error(`unknown OpenAPI rule ${id}`);
  return found;
}

/** The default severity of an OpenAPI rule. */
export function openApiSeverity(r: OpenApiRule): Severity {
  return deriveSeverity(r.severity ?? 'by-effect', r.effect, r.direction);
}

/** The catalogue table of docs/openapi.md, one row per rule. */
export function renderOpenApiRuleTable(): string[] {
  return table(
    ['rule', 'side', 'severity', 'inverse', 'why'],
    OPENAPI_RULES.map((r) => [
      `<a id="${r.id}"></a>\`${r.id}\``,
      r.direction,
      describeSeverity(r.severity ?? 'by-effect', r.effect, r.direction),
      `\`${r.inverse}\``,
      r.why,
    ]),
  );
}

/**
 * docs/openapi.md with its rule table (between `<!-- openapi-rules:start -->` and `…:end -->`) replaced by
 * the current one: `npm run docs` writes it, test/openapi/rules.test.ts fails when it is stale.
 */
export function withOpenApiRuleTable(doc: string): string {
  return withMarkedSection(doc, 'openapi-rules', renderOpenApiRuleTable());
}
