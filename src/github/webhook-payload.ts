/**
 * What the bot's handlers read from a delivery, checked before any handler runs: a payload that lacks a
 * field a handler dereferences would otherwise fail as a TypeError deep in a handler (HTTP 500, the
 * payload in the error log). Each event the bot handles has a schema of just those fields; unknown fields
 * pass, and events the bot does not handle need only be a JSON object.
 */
import { z } from 'zod';

const login = z.object({ login: z.string() });
const repository = z.object({ name: z.string(), owner: login });
const ref = z.object({ sha: z.string(), ref: z.string() });

const SCHEMAS: Record<string, z.ZodType> = {
  pull_request: z.object({
    action: z.string(),
    pull_request: z.object({
      number: z.number().int(),
      state: z.string(),
      base: ref,
      head: ref,
      labels: z.array(z.object({ name: z.string().optional() })).optional(),
    }),
    repository,
    sender: login,
  }),
  issue_comment: z.object({
    action: z.string(),
    issue: z.object({
      number: z.number().int(),
      state: z.string(),
      pull_request: z.object({}).nullish(),
    }),
    comment: z.object({
      body: z.string().nullish(),
      user: z.object({ type: z.string().optional() }).nullish(),
    }),
    repository,
    sender: login,
  }),
  check_run: z.object({
    action: z.string(),
    check_run: z.object({
      name: z.string(),
      head_sha: z.string(),
      pull_requests: z.array(z.object({ number: z.number().int() })),
    }),
    repository,
  }),
  push: z.object({
    ref: z.string(),
    after: z.string(),
    deleted: z.boolean().optional(),
    repository: repository.extend({ default_branch: z.string() }),
  }),
};

/** Why the payload of a `name` delivery cannot be handled, in one line; undefined when it can. */
export function payloadProblem(name: string, payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return `the ${name} payload is not a JSON object`;
  }
  const schema = SCHEMAS[name];
  if (schema === undefined) return undefined;
  const result = schema.safeParse(payload);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const message = oneLine(issue?.message ?? 'invalid');
  const what = /received undefined$/.test(message) ? 'is missing' : `is not valid (${message})`;
  return `the ${name} payload's field ${field} ${what}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
