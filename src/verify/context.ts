/**
 * What every check of one run shares: the version under test, the HTTP runner, the recorded traffic, and the
 * minimal and full requests generated once from the input schema and checked with ajv before any is sent.
 */
import type { Semantics } from '../diff/types.js';
import type { ContractSet, ErrorCode, LoadedEndpoint, LoadedVersion } from '../model/types.js';
import { collectSamples, generateRequest, OMIT, type GenerationHints, type Variant } from './generate.js';
import type { HttpRunner } from './http.js';
import { recordedBodies, recordedCases, type RecordedCase } from './recorded.js';
import { describeIssues, validateBody } from './validate.js';

/** A generated request ready to send, or why there is none. */
export type Prepared = { body: unknown; notes: string[] } | { none: string };

export interface VerifyContext {
  set: ContractSet;
  endpoint: LoadedEndpoint;
  version: LoadedVersion;
  /** `sync-customers v3`, as messages name the version. */
  label: string;
  runner: HttpRunner;
  semantics: Semantics;
  recorded: RecordedCase[];
  hints: GenerationHints;
  minimal: Prepared;
  full: Prepared;
  /** Where an error body carries its code (dotted path). */
  errorCodeField: string;
  errors: readonly ErrorCode[];
  /** The credentials header given on the command line (`Authorization`, as typed), if any. */
  authHeader: string | undefined;
  /** Pages the pagination check walks at most. */
  maxPages: number;
}

export const DEFAULT_ERROR_CODE_FIELD = 'code';

export function createContext(
  fields: Pick<VerifyContext, 'set' | 'endpoint' | 'version' | 'runner' | 'authHeader' | 'maxPages'>,
): VerifyContext {
  const { set, version } = fields;
  const recorded = recordedCases(set, version);
  const cursorField = version.contract.operational?.pagination?.cursorField;
  const hints: GenerationHints = {
    samples: collectSamples(recordedBodies(recorded)),
    // A made-up cursor is one the endpoint never issued: generated requests ask for the first page.
    ...(cursorField === undefined ? {} : { fixed: new Map([[cursorField, OMIT]]) }),
  };
  const label = `${version.endpoint} v${version.major}`;
  return {
    ...fields,
    label,
    semantics: set.policy.semantics,
    recorded,
    hints,
    minimal: prepare(version, 'minimal', hints, label),
    full: prepare(version, 'full', hints, label),
    errorCodeField: version.contract.errorCodeField ?? DEFAULT_ERROR_CODE_FIELD,
    errors: version.contract.errors ?? [],
  };
}

function prepare(version: LoadedVersion, variant: Variant, hints: GenerationHints, label: string): Prepared {
  const generated = generateRequest(version.input.root, variant, hints);
  if ('problem' in generated) return { none: `cannot make the ${variant} request: ${generated.problem}` };
  const checked = validateBody(version.input, generated.value);
  if ('unusable' in checked)
    return { none: `the input schema cannot be used for validation: ${checked.unusable}` };
  if (!checked.valid) {
    return {
      none: `the ${variant} request made from the input schema is not valid ${label} input (${describeIssues(checked.issues)}): give those fields \`examples\` in the schema, or record a request fixture that has them`,
    };
  }
  return { body: generated.value, notes: generated.notes };
}
