/**
 * The result of `contractguard verify`: one endpoint major run against a real base URL, as a list of check
 * results. The zod schema here is the single definition: the TypeScript types come from it, and so does the
 * published `schemas/verify-report.schema.json` (`npm run schemas`; test/verify/report.test.ts fails when the
 * committed file is stale), which documents `--format json`.
 */
import { z } from 'zod';

import { publishedJsonSchema } from '../model/schemas.js';

/** Every check family, in the order a run performs them. Each id is documented in docs/verify.md. */
export const CHECK_IDS = [
  'fixtures',
  'generated-valid',
  'generated-invalid',
  'idempotency',
  'pagination',
  'auth',
  'errors',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** `warn`: the endpoint did something its contract does not promise but nobody relies on (not a failure). */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const;

export type CheckStatus = (typeof CHECK_STATUSES)[number];

const sentSchema = z
  .strictObject({
    method: z.string().meta({ description: 'The HTTP method.' }),
    url: z.string().meta({ description: 'The full URL requested.' }),
    headers: z.record(z.string(), z.string()).meta({
      description: 'Headers sent; the values of headers given on the command line are redacted.',
    }),
    body: z.unknown().optional().meta({ description: 'The JSON body sent.' }),
  })
  .meta({ description: 'The request as sent.' });

const receivedSchema = z
  .strictObject({
    status: z.int().meta({ description: 'The HTTP status.' }),
    contentType: z.string().optional().meta({ description: 'The Content-Type header, when there was one.' }),
    body: z.unknown().optional().meta({ description: 'The body, when it was JSON.' }),
    text: z
      .string()
      .optional()
      .meta({ description: 'The start of the body, when it was not JSON (at most 2,000 characters).' }),
  })
  .meta({ description: 'The response as received.' });

const resultSchema = z
  .strictObject({
    check: z.enum(CHECK_IDS).meta({ description: 'The check id (see docs/verify.md).' }),
    name: z.string().meta({
      description: 'Which case of the check: a consumer fixture, a generated request, a page walk.',
    }),
    status: z.enum(CHECK_STATUSES).meta({
      description:
        'pass; warn (more lenient than the contract, not a failure); fail; skip (not applicable, with the reason).',
    }),
    message: z.string().meta({ description: 'What happened, for a reader: what failed, where, what to do.' }),
    details: z.array(z.string()).optional().meta({
      description: 'Every problem found, one sentence each, when the message names only the first few.',
    }),
    request: sentSchema.optional(),
    response: receivedSchema.optional(),
  })
  .meta({ description: 'One check result.' });

export const verifyReportSchema = z
  .strictObject({
    endpoint: z.string().meta({ description: 'The endpoint verified.', examples: ['sync-customers'] }),
    major: z
      .int()
      .positive()
      .meta({ description: 'Its major version.', examples: [3] }),
    version: z.string().meta({ description: 'The contract version (semver) verified against.' }),
    baseUrl: z.string().meta({ description: 'The base URL given.' }),
    url: z.string().meta({ description: 'The URL requests went to: the base URL and the route.' }),
    method: z.string().meta({ description: 'The HTTP method used.' }),
    passed: z.boolean().meta({ description: 'true when no check failed (warnings and skips do not fail).' }),
    counts: z
      .strictObject({
        pass: z.int().nonnegative(),
        warn: z.int().nonnegative(),
        fail: z.int().nonnegative(),
        skip: z.int().nonnegative(),
      })
      .meta({ description: 'How many results have each status.' }),
    requests: z.int().nonnegative().meta({ description: 'How many HTTP requests the run made.' }),
    results: z.array(resultSchema).meta({ description: 'Every check result, in the order run.' }),
  })
  .meta({
    title: 'contractguard verify report',
    description:
      '`contractguard verify --format json`: one endpoint major checked against a running implementation.',
  });

export type VerifyReport = z.infer<typeof verifyReportSchema>;
export type CheckResult = VerifyReport['results'][number];
export type SentRequest = NonNullable<CheckResult['request']>;
export type ReceivedResponse = NonNullable<CheckResult['response']>;

/** File name of the published JSON Schema in `schemas/`. */
export const VERIFY_REPORT_SCHEMA_FILE = 'verify-report.schema.json';

/** The published JSON Schema (draft-07, like the others), `$id`, `title` and `description` first. */
export function verifyReportJsonSchema(): Record<string, unknown> {
  return publishedJsonSchema(verifyReportSchema, 'verify-report', 'output');
}
