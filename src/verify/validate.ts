/**
 * Validation of request and response bodies against a version's resolved schemas, with the project's ajv
 * wrapper (src/consumers/validator.ts: every draft, formats, RE2 patterns). Each problem names the field it
 * is about — a missing property is reported at the property (`customers[0].companyName` is missing), not at
 * the object that lacks it — so that a message can say which field a consumer reads.
 */
import { instanceName } from '../consumers/fixtures.js';
import { compileResolved, validateWith } from '../consumers/validator.js';
import type { ResolvedSchema } from '../schema/types.js';

export interface Issue {
  /** `` `customers[0].companyName` ``, or `the body`. */
  field: string;
  /** What is wrong with it: `is missing`, `must be integer`. */
  says: string;
}

export type Validation = { valid: true } | { valid: false; issues: Issue[] } | { unusable: string };

/** Problems reported per body (the first few say enough, and keep a report readable). */
const MAX_PROBLEMS = 5;

/** The wording of a `required` error in validator.ts, whose property is moved into the field. */
const MISSING = /^is missing required property `(.*)`$/;

export function validateBody(schema: ResolvedSchema, body: unknown): Validation {
  const compiled = compileResolved(schema);
  if ('error' in compiled) return { unusable: compiled.error };
  const errors = validateWith(compiled, body, MAX_PROBLEMS);
  if ('error' in errors) return { unusable: errors.error };
  if (errors.length === 0) return { valid: true };
  return {
    valid: false,
    issues: errors.map((e) => {
      const missing = e.keyword === 'required' ? MISSING.exec(e.message)?.[1] : undefined;
      const pointer = missing === undefined ? e.instancePath : `${e.instancePath}/${escapeToken(missing)}`;
      const field = pointer === '' ? 'the body' : instanceName(pointer);
      return { field, says: missing === undefined ? e.message : 'is missing' };
    }),
  };
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One sentence for a list of issues: "`a` is missing; `b` must be integer". */
export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.field} ${i.says}`).join('; ');
}
