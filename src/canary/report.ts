/**
 * The canary report: what the deploy pipeline measured about a canary (the candidate major) next to the
 * version it may replace (the baseline), over one time window. `evaluate.ts` judges it against an
 * endpoint's `canary.rollbackWhen`; `schemas/canary-report.schema.json` is generated from the zod schema
 * here (`npm run schemas`; test/canary/report.test.ts fails when the committed file is stale).
 */
import { z } from 'zod';

import { KEBAB_PATTERN } from '../model/schemas.js';
import { fieldName } from '../model/validate.js';
import { describeDuplicateKey, findDuplicateKey } from '../schema/read.js';

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

const bucketSchema = z
  .strictObject({
    lower: milliseconds('The bucket starts above this.'),
    upper: milliseconds('The bucket ends at this (inclusive); null: the +Inf bucket.').nullable(),
  })
  .meta({ description: 'The histogram bucket that holds the percentile.' });

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
    latencyBucketsMs: z
      .strictObject({
        p50: bucketSchema.optional(),
        p95: bucketSchema.optional(),
        p99: bucketSchema.optional(),
      })
      .optional()
      .meta({
        description:
          'For percentiles read from a histogram: the bucket each lies in, i.e. the resolution of the value.',
      }),
    latencyHistogramMs: z
      .array(
        z.strictObject({
          le: milliseconds('The bucket upper bound in milliseconds (inclusive); null: +Inf.').nullable(),
          count: z
            .number({ error: 'must be a number of observations (0 or more)' })
            .nonnegative({ error: 'must be 0 or more' })
            .meta({ description: 'Observations at or below `le` (cumulative, as Prometheus counts them).' }),
        }),
      )
      .optional()
      .meta({
        description:
          'The latency histogram over the window (cumulative buckets, the last one +Inf), as `canary collect` reads it: what a latency ratio to the baseline is judged on with confidence bounds.',
      }),
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

const noDataSchema = z
  .strictObject({
    noData: z
      .string({ error: 'must say why there is no data' })
      .min(1, { error: 'must say why there is no data' })
      .meta({
        description:
          'Why this version has no measurements (e.g. no series matched the query): unknown, not zero. Evaluation holds.',
        examples: ['no series matched http_server_request_duration_seconds_count{http_route="/v4"}'],
      }),
  })
  .meta({ description: 'A version without measurements in the window.' });

/** One side of the report: its measurements, or why there are none. */
const sideSchema = z.union([statsSchema, noDataSchema]);

const sourceSchema = z
  .strictObject({
    prometheus: z.string().min(1).meta({ description: 'The Prometheus base URL queried.' }),
    queries: z
      .array(
        z.strictObject({
          side: z.enum(['baseline', 'candidate']).meta({ description: 'The version the query measures.' }),
          measure: z
            .string()
            .min(1)
            .meta({ description: 'What it measures: requests, errors, latency.p95, business.<metric>, …' }),
          query: z
            .string()
            .min(1)
            .meta({ description: 'The PromQL, evaluated as an instant query at window.end.' }),
          value: z.number().nullable().meta({ description: 'What Prometheus answered (null: no series).' }),
        }),
      )
      .meta({ description: 'Every query behind the numbers, in the order they were asked.' }),
  })
  .meta({ description: 'Where the numbers came from, as `contractguard canary collect` records it.' });

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
        baseline: sideSchema,
        candidate: sideSchema,
      })
      .meta({ description: 'The measurements of each version over the window.' }),
    shadow: shadowSchema.optional(),
    source: sourceSchema.optional(),
  })
  .meta({
    title: 'contractguard canary report',
    description:
      'Canary metrics for `contractguard canary evaluate`: a candidate major next to its baseline over one time window.',
  });

export type CanaryReport = z.infer<typeof canaryReportSchema>;
export type CanarySide = CanaryReport['versions']['candidate'];
export type CanaryStats = Exclude<CanarySide, { noData: string }>;
export type CanarySource = NonNullable<CanaryReport['source']>;

/** The side's measurements, or undefined when it has none (`noData`). */
export function statsOf(side: CanarySide): CanaryStats | undefined {
  return 'noData' in side ? undefined : side;
}

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
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    data = JSON.parse(source);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { problems: [`\`${file}\`: not valid JSON: ${reason}`] };
  }
  // JSON.parse keeps the last of two equal keys: which `verdict` or measurement counts would be a guess.
  const duplicate = findDuplicateKey(source);
  if (duplicate !== undefined) {
    return {
      problems: [`\`${file}\`:${duplicate.line}:${duplicate.column}: ${describeDuplicateKey(duplicate)}`],
    };
  }
  const result = canaryReportSchema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues
    .flatMap((issue) => branchIssues(issue, data))
    .map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return `\`${file}\`: ${describeIssue(issue, path, data)}`;
    });
  return { problems: [...new Set(problems)] };
}

/**
 * A side is measurements or `{ noData }`: a failed union is reported as the failures of the branch the data
 * meant (the one with `noData` when it has that key), so the message names the field, not the union.
 */
function branchIssues(issue: z.core.$ZodIssue, data: unknown): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length !== 2) return [issue];
  const here = valueAt(
    data,
    issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
  );
  const meant =
    here.value !== null && typeof here.value === 'object' && Object.hasOwn(here.value, 'noData') ? 1 : 0;
  return (issue.errors[meant] ?? []).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
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
