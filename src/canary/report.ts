/**
 * The canary report: what the deploy pipeline measured about a canary (the candidate major) next to the
 * version it may replace (the baseline), over one time window. `evaluate.ts` judges it against an
 * endpoint's `canary.rollbackWhen`; `schemas/canary-report.schema.json` is generated from the zod schema
 * here (`npm run schemas`; test/canary/report.test.ts fails when the committed file is stale).
 */
import { z } from 'zod';

import { KEBAB_PATTERN } from '../model/schemas.js';
import { fieldName } from '../model/validate.js';

const count = (description: string) =>
  z
    .int({ error: 'must be a whole number (0 or more)' })
    .nonnegative({ error: 'must be 0 or more' })
    .meta({ description });

const milliseconds = (description: string) =>
  z
    .number({ error: 'must be a number of milliseconds (0 or more)' })
    .nonnegative({ error: 'must be 0 or more' })
    .meta({ description });

const major = (description: string) =>
  z
    .int({ error: 'must be a major version number (e.g. 3)' })
    .positive({ error: 'must be a major version number, 1 or more' })
    .meta({ description, examples: [3] });

const instant = (description: string) =>
  z.iso
    .datetime({
      offset: true,
      error: 'must be an ISO 8601 date-time with a zone (e.g. 2026-11-25T10:00:00Z)',
    })
    .meta({ description, examples: ['2026-11-25T10:00:00Z'] });

const statsSchema = z
  .strictObject({
    requests: count('Requests this version served in the window.'),
    errors: count('Of those, requests that failed (the error rate is errors / requests).'),
    latencyMs: z
      .strictObject({
        p50: milliseconds('Median latency in milliseconds.'),
        p95: milliseconds('95th percentile latency in milliseconds.'),
        p99: milliseconds('99th percentile latency in milliseconds.'),
      })
      .meta({ description: 'Latency percentiles over the window, in milliseconds.' }),
    business: z
      .record(
        z.string().min(1, { error: 'must not be empty' }),
        z.number({ error: 'must be a number' }).meta({ description: 'The metric value over the window.' }),
      )
      .optional()
      .meta({
        description: 'Business metrics by name, as named in `rollbackWhen.business[].metric`.',
        examples: [{ synced_count_delta: 0.001 }],
      }),
  })
  .refine((s) => s.errors <= s.requests, {
    error: 'has more errors than requests',
    path: ['errors'],
  })
  .meta({ description: 'What one version did in the window.' });

const shadowSchema = z
  .strictObject({
    compared: count('Request pairs whose outputs were compared.'),
    mismatches: count('Pairs whose outputs differed.'),
    mismatchRate: z
      .number({ error: 'must be a number' })
      .min(0, { error: 'must be a ratio between 0 and 1' })
      .max(1, { error: 'must be a ratio between 0 and 1' })
      .nullable()
      .optional()
      .meta({
        description: 'mismatches / compared (null when nothing was compared), as shadow-diff prints.',
      }),
    topPaths: z
      .array(
        z.strictObject({
          path: z
            .string({ error: 'must be a JSON pointer' })
            .meta({ description: 'A differing JSON pointer.' }),
          count: count('Pairs that differed at this pointer.'),
        }),
      )
      .optional()
      .meta({ description: 'The most frequent differing JSON pointers, most frequent first.' }),
  })
  .refine((s) => s.mismatches <= s.compared, {
    error: 'has more mismatches than compared pairs',
    path: ['mismatches'],
  })
  .meta({ description: 'Shadow traffic comparison (`contractguard shadow-diff --format json`).' });

export const canaryReportSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this file, for editors.' }),
    endpoint: z
      .string({ error: 'must be a kebab-case endpoint name (e.g. sync-customers)' })
      .regex(KEBAB_PATTERN, { error: 'must be a kebab-case endpoint name (e.g. sync-customers)' })
      .meta({ description: 'The endpoint the canary runs for.', examples: ['sync-customers'] }),
    baseline: z
      .strictObject({ major: major('The major serving the rest of the traffic.') })
      .meta({ description: 'The version the canary is compared with.' }),
    candidate: z
      .strictObject({ major: major('The major under test.') })
      .meta({ description: 'The canary version.' }),
    window: z
      .strictObject({
        start: instant('When measuring began.'),
        end: instant('When measuring ended.'),
      })
      .refine((w) => !(Date.parse(w.end) < Date.parse(w.start)), {
        error: 'ends before it starts',
        path: ['end'],
      })
      .meta({ description: 'The time window the numbers cover.' }),
    versions: z
      .strictObject({
        baseline: statsSchema,
        candidate: statsSchema,
      })
      .meta({ description: 'The measurements of each version over the window.' }),
    shadow: shadowSchema.optional(),
  })
  .meta({
    title: 'contractguard canary report',
    description:
      'Canary metrics for `contractguard canary evaluate`: a candidate major next to its baseline over one time window.',
  });

export type CanaryReport = z.infer<typeof canaryReportSchema>;
export type CanaryStats = CanaryReport['versions']['candidate'];

/** File name of the published JSON Schema in `schemas/`. */
export const CANARY_REPORT_SCHEMA_FILE = 'canary-report.schema.json';

/** The published JSON Schema (draft-07, like the contract tree's), `$id`, `title` and `description` first. */
export function canaryReportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(canaryReportSchema, { target: 'draft-07', io: 'input' }) as Record<
    string,
    unknown
  >;
  const { $schema, title, description, ...rest } = generated;
  return { $schema, $id: 'urn:contractguard:schema:canary-report', title, description, ...rest };
}

export type CanaryReportParse =
  { value: CanaryReport; problems: [] } | { value?: undefined; problems: string[] };

/**
 * Parses a report's JSON text. `file` names it in the problems, each one line:
 * "`report.json`: `versions.candidate.requests` must be a whole number (0 or more), found "12"".
 */
export function parseCanaryReport(text: string, file: string): CanaryReportParse {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { problems: [`\`${file}\`: not valid JSON: ${reason}`] };
  }
  const result = canaryReportSchema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return `\`${file}\`: ${describeIssue(issue, path, data)}`;
  });
  return { problems: [...new Set(problems)] };
}

function describeIssue(issue: z.core.$ZodIssue, path: (string | number)[], data: unknown): string {
  const subject = path.length === 0 ? 'the report' : `\`${fieldName(path)}\``;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `\`${k}\``).join(', ');
    return `${subject} has unknown key${issue.keys.length === 1 ? '' : 's'} ${keys}`;
  }
  const value = valueAt(data, path);
  if (value.missing) return `${subject} is missing`;
  if (issue.code === 'invalid_type' && path.length === 0) return 'the report must be a JSON object';
  if (issue.code === 'invalid_type' && issue.expected === 'object') {
    return `${subject} must be an object, found ${found(value.value)}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'array') {
    return `${subject} must be a list, found ${found(value.value)}`;
  }
  if (issue.code === 'custom') return `${subject} ${issue.message}`;
  return `${subject} ${issue.message}, found ${found(value.value)}`;
}

function valueAt(data: unknown, path: (string | number)[]): { missing: boolean; value?: unknown } {
  let here: unknown = data;
  for (const token of path) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, token)) return { missing: true };
    here = (here as Record<string | number, unknown>)[token];
  }
  return { missing: here === undefined, value: here };
}

function found(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
