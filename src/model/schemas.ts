/**
 * The file schemas of the contract tree (DESIGN §1), as strict zod schemas: unknown keys are errors.
 * `z.infer` of each is the matching interface in `types.ts` (checked both ways in test/model/schemas.test.ts),
 * and `schemas/*.schema.json` are generated from them (`npm run schemas`) for editors.
 *
 * Every leaf that has a rule of its own carries its requirement as its zod error, phrased to follow the
 * field name: "`version` must be semver (e.g. 3.2.0)". `validate.ts` adds the field, position and what was
 * found; fields without one get a generic phrase there ("must be a whole number").
 */
import { z } from 'zod';

// ---- patterns -----------------------------------------------------------------------------------------

/** Semantic Versioning 2.0.0 (the regex from semver.org). */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** Endpoint, consumer and rule names: lowercase words joined by single hyphens. */
export const KEBAB_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A GitHub team (`@org/team`) or user (`@user`). */
export const OWNER_PATTERN =
  /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9_](?:[A-Za-z0-9._-]*))?$/;
/** `YYYY-MM-DD`; whether the date exists is checked in validate.ts. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** An OpenAPI operation: a method and a path template (`POST /internal/sync`). */
export const OPERATION_PATTERN = /^[A-Za-z]+ \/\S*$/;
/** `2h`, `30m`, `1h30m`, `90s`, `1d`, `500ms`. */
export const DURATION_PATTERN = /^(?:\d+(?:ms|s|m|h|d))+$/;
/** Alias names: `prod`, `staging`, `latest`, `eu-west`. */
export const ALIAS_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
/** An HTTP header name (RFC 9110 token). */
export const HEADER_PATTERN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** A route that starts with `/` and holds `{major}`. */
export const ROUTE_PATTERN = /^\/[^\s]*\{major\}[^\s]*$/;
/** A field of a JSON body: a name, or a dotted path into nested objects (`page.nextCursor`). */
export const FIELD_PATH_PATTERN = /^[^.\s[\]]+(?:\.[^.\s[\]]+)*$/;
/** A field path that may step into every item of an array with `[]` (`customers[].syncedAt`). */
export const ITEM_FIELD_PATH_PATTERN = /^[^.\s[\]]+(?:\[\])*(?:\.[^.\s[\]]+(?:\[\])*)*$/;

// ---- building blocks ----------------------------------------------------------------------------------

/** A string with one requirement phrase for both the type and the format error. */
function patterned(pattern: RegExp, requirement: string, description: string, examples: string[]) {
  return z
    .string({ error: requirement })
    .regex(pattern, { error: requirement })
    .meta({ description, examples });
}

const nonEmpty = (description: string) =>
  z.string().min(1, { error: 'must not be empty' }).meta({ description });

const positiveInt = (description: string) =>
  z
    .int({ error: 'must be a whole number greater than 0' })
    .positive({ error: 'must be greater than 0' })
    .meta({
      description,
    });

const nonNegativeInt = (description: string) =>
  z.int({ error: 'must be a whole number (0 or more)' }).nonnegative({ error: 'must be 0 or more' }).meta({
    description,
  });

/** A field of a request or response body, for `contractguard verify`. */
const fieldPath = (description: string, example: string) =>
  patterned(FIELD_PATH_PATTERN, 'must be a field name or a dotted path (e.g. page.nextCursor)', description, [
    example,
  ]);

const endpointName = (description: string) =>
  patterned(KEBAB_PATTERN, 'must be a kebab-case name (e.g. sync-customers)', description, [
    'sync-customers',
  ]);

const owner = (description: string) =>
  patterned(
    OWNER_PATTERN,
    'must be a GitHub team or user (e.g. "@acme/crm-team" or "@octocat")',
    description,
    ['@acme/crm-team'],
  );

const major = (description: string) =>
  z
    .int({ error: 'must be a major version number (e.g. 3)' })
    .positive({ error: 'must be a major version number, 1 or more' })
    .meta({ description, examples: [3] });

/** `{ $ref: ./input.schema.json }` (relative to the file) or an inline JSON Schema (object or boolean). */
const schemaRef = (description: string) =>
  z
    .union(
      [
        z.strictObject({ $ref: z.string() }),
        z.strictObject({
          windmill: z.string().meta({
            description:
              "A Windmill script's path (f/crm/sync_customers): its argument schema, read from the .script.yaml at the same ref (input only; docs/windmill.md).",
          }),
        }),
        z.record(z.string(), z.unknown()),
        z.boolean(),
      ],
      {
        error: 'must be { $ref: ./file.schema.json } or an inline JSON Schema (a mapping, or true/false)',
      },
    )
    .meta({ description, examples: [{ $ref: './input.schema.json' }] });

// ---- contract.yaml -----------------------------------------------------------------------------------

const openApiRefSchema = z
  .strictObject({
    $ref: nonEmpty(
      'The OpenAPI 3.0/3.1 document (YAML or JSON), relative to this file and under the contract root; never a URL.',
    ),
    operation: patterned(
      OPERATION_PATTERN,
      "must be a method and a path template (e.g. 'POST /internal/sync')",
      'The operation of the document this major is: method and path template (path parameter names do not matter).',
      ['POST /internal/sync'],
    ),
  })
  .meta({
    description:
      "In place of `input` and `output`: one operation of an OpenAPI document. The input is its request body's schema, the output the body of its first success (2XX) response; parameters, security and the other responses are compared by the OpenAPI rules (docs/openapi.md).",
    examples: [{ $ref: '../../api/openapi.yaml', operation: 'POST /internal/sync' }],
  });

const retriesSchema = z
  .strictObject({
    max: nonNegativeInt('How many times a failed call is retried.'),
    backoff: z
      .enum(['none', 'fixed', 'linear', 'exponential'])
      .optional()
      .meta({ description: 'Delay growth between retries.' }),
    jitter: z.boolean().optional().meta({ description: 'Whether retry delays are randomised.' }),
  })
  .meta({ description: 'How callers (or the platform) retry this endpoint.' });

const sideEffectsSchema = z
  .strictObject({
    writes: z
      .array(nonEmpty('A data store or table written, e.g. crm.customers.'))
      .optional()
      .meta({ description: 'What the endpoint writes; a new write target is a breaking change.' }),
    idempotent: z
      .boolean()
      .optional()
      .meta({ description: 'Whether calling twice with the same request has the effect of calling once.' }),
    idempotencyKey: nonEmpty('The request field that makes a call idempotent.').optional(),
    retries: retriesSchema.optional(),
    dedupe: z
      .strictObject({
        key: nonEmpty('The request field duplicates are recognised by.'),
        windowSeconds: positiveInt('How long a key is remembered, in seconds.'),
      })
      .optional()
      .meta({ description: 'Duplicate suppression.' }),
    volatile: z
      .array(
        patterned(
          ITEM_FIELD_PATH_PATTERN,
          'must be a response field path, with [] for every item of an array (e.g. customers[].syncedAt)',
          'A response field that differs between two identical calls by design (a call id, a timestamp).',
          ['customers[].syncedAt'],
        ),
      )
      .optional()
      .meta({
        description:
          'Response fields that differ between two identical calls by design; `contractguard verify` ignores them when it compares the two responses of an idempotent call.',
        examples: [['syncId', 'customers[].syncedAt']],
      }),
  })
  .meta({ description: 'What calling the endpoint does besides answering.' });

const operationalSchema = z
  .strictObject({
    timeoutMs: positiveInt('Server-side timeout in milliseconds; shortening it is breaking.').optional(),
    rateLimit: z
      .strictObject({
        requests: positiveInt('Requests allowed per window.'),
        perSeconds: positiveInt('Window length in seconds.'),
      })
      .optional()
      .meta({ description: 'Rate limit per caller; lowering it is breaking.' }),
    pagination: z
      .strictObject({
        defaultPageSize: positiveInt('Page size when the caller gives none.').optional(),
        maxPageSize: positiveInt('Largest page size accepted.').optional(),
        order: nonEmpty('Sort order of pages, e.g. "id asc".').optional(),
        cursorField: fieldPath(
          'The request field that asks for a page (null or absent: the first).',
          'cursor',
        ).optional(),
        nextCursorField: fieldPath(
          "The response field holding the next page's cursor (null or absent on the last page).",
          'nextCursor',
        ).optional(),
        itemsField: fieldPath(
          "The response field holding the page's items (an array).",
          'customers',
        ).optional(),
        pageSizeField: fieldPath('The request field that sets the page size.', 'pageSize').optional(),
      })
      .optional()
      .meta({ description: 'Paging behaviour; changing the default or the order is breaking.' }),
    concurrency: z
      .strictObject({
        limit: positiveInt('Runs at the same time; more wait in a queue.'),
        windowSeconds: positiveInt('The window the limit counts runs in, in seconds.').optional(),
      })
      .optional()
      .meta({
        description: "Concurrency limit (a Windmill script's concurrent_limit); lowering it is dangerous.",
      }),
    responseMode: z
      .enum(['sync', 'async', 'stream'], { error: 'must be one of sync, async, stream' })
      .optional()
      .meta({
        description:
          'sync: the response is the result; async: a job id to poll; stream: server-sent events. Changing it is breaking.',
      }),
  })
  .meta({ description: 'Operational guarantees callers rely on.' });

const errorCodeSchema = z
  .strictObject({
    code: nonEmpty('Stable error code, e.g. CRM_TIMEOUT.'),
    status: z
      .int({ error: 'must be an HTTP status code (100–599)' })
      .min(100, { error: 'must be an HTTP status code (100–599)' })
      .max(599, { error: 'must be an HTTP status code (100–599)' })
      .meta({ description: 'HTTP status returned with this code.' }),
    retryable: z.boolean().optional().meta({ description: 'Whether a caller may retry on this error.' }),
  })
  .meta({ description: 'An error the endpoint may return; removing one is breaking.' });

const authSchema = z
  .strictObject({
    roles: z
      .array(nonEmpty('A role name.'))
      .optional()
      .meta({ description: 'Roles a caller needs; adding one is breaking.' }),
    scheme: nonEmpty(
      'How callers authenticate (none, api_key, basic_http, windmill, …); a change other than to none is breaking.',
    ).optional(),
  })
  .meta({ description: 'Who may call the endpoint.' });

export const contractFileSchema = z
  .strictObject({
    endpoint: endpointName('The endpoint this version belongs to: the name of the folder above v<N>/.'),
    version: patterned(
      SEMVER_PATTERN,
      'must be semver (e.g. 3.2.0)',
      'Semantic version. Its major is the folder (v3/ holds 3.x.y); an additive change needs a minor bump.',
      ['3.2.0'],
    ),
    owner: owner('Team or user that owns this version and approves breaking changes.'),
    status: z
      .enum(['active', 'deprecated', 'retired'], { error: 'must be one of active, deprecated, retired' })
      .meta({ description: 'active | deprecated | retired. Aliases may not point at a retired version.' }),
    deprecation: z
      .strictObject({
        date: patterned(
          DATE_PATTERN,
          'must be a date written YYYY-MM-DD (e.g. 2027-03-31)',
          'The date after which this major may be removed.',
          ['2027-03-31'],
        ),
        replacement: major('The major that replaces this one.').optional(),
      })
      .optional()
      .meta({ description: 'Required once a newer major exists.' }),
    input: schemaRef(
      'JSON Schema of the requests the endpoint accepts (required unless `openapi` is given).',
    ).optional(),
    output: schemaRef(
      'JSON Schema of the responses the endpoint may produce (required unless `openapi` is given).',
    ).optional(),
    openapi: openApiRefSchema.optional(),
    sideEffects: sideEffectsSchema.optional(),
    operational: operationalSchema.optional(),
    errors: z.array(errorCodeSchema).optional().meta({ description: 'Error codes the endpoint may return.' }),
    errorCodeField: fieldPath(
      'Where an error response body carries its code from `errors` (default `code`; a dotted path such as error.code for a nested one).',
      'code',
    ).optional(),
    auth: authSchema.optional(),
    http: z
      .strictObject({
        route: nonEmpty('The route path, e.g. crm/sync_customers.'),
        method: nonEmpty('The HTTP method, e.g. post.'),
      })
      .optional()
      .meta({
        description:
          "Where this major is served when it differs per major (a Windmill HTTP trigger's route_path and http_method); changing either is breaking.",
      }),
  })
  .meta({
    title: 'contractguard contract.yaml',
    description: 'One immutable major version of an internal endpoint: <endpoint>/v<N>/contract.yaml.',
  });

// ---- endpoint.yaml ----------------------------------------------------------------------------------

const latencySchema = (description: string) =>
  z
    .strictObject({
      above: z.number().positive().optional().meta({ description: 'Absolute limit in milliseconds.' }),
      aboveRatioToBaseline: z
        .number()
        .positive()
        .optional()
        .meta({ description: 'Limit as a ratio to the baseline, e.g. 1.2.' }),
    })
    .optional()
    .meta({ description });

const rollbackWhenSchema = z
  .strictObject({
    errorRate: z
      .strictObject({
        above: z
          .number()
          .min(0, { error: 'must be a ratio between 0 and 1' })
          .max(1, { error: 'must be a ratio between 0 and 1' })
          .optional()
          .meta({ description: 'Error ratio, e.g. 0.01 for 1%.' }),
        aboveBaselineBy: z
          .number()
          .min(0, { error: 'must be a ratio between 0 and 1' })
          .max(1, { error: 'must be a ratio between 0 and 1' })
          .optional()
          .meta({
            description:
              "Limit on the candidate's error rate minus the baseline's (absolute difference), e.g. 0.005: roll back when the candidate's rate is more than 0.5 percentage points above the baseline's.",
          }),
      })
      .optional()
      .meta({
        description:
          'Roll back when the canary error rate exceeds a limit (`above`) or the baseline rate by more than a margin (`aboveBaselineBy`).',
      }),
    p95LatencyMs: latencySchema('Roll back when the canary p95 latency exceeds this.'),
    p99LatencyMs: latencySchema('Roll back when the canary p99 latency exceeds this.'),
    business: z
      .array(
        z.strictObject({
          metric: nonEmpty('Metric name reported by the canary check.'),
          above: z.number().optional(),
          below: z.number().optional(),
          aboveAbs: z.number().optional().meta({ description: 'Limit on the absolute change.' }),
        }),
      )
      .optional()
      .meta({ description: 'Business metrics and their limits.' }),
  })
  .meta({ description: 'When a canary is rolled back.' });

const PROMETHEUS_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const PROMETHEUS_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const promName = (description: string, example: string) =>
  patterned(PROMETHEUS_NAME, 'must be a Prometheus metric name (e.g. http_requests_total)', description, [
    example,
  ]).optional();
const promLabel = (description: string, example: string) =>
  patterned(PROMETHEUS_LABEL, 'must be a Prometheus label name (e.g. http_route)', description, [
    example,
  ]).optional();

const canaryPrometheusSchema = z
  .strictObject({
    histogram: promName(
      'Latency histogram base name, with `_bucket`, `_count` and `_sum` series (default http_server_request_duration_seconds, the OpenTelemetry HTTP server convention).',
      'http_server_request_duration_seconds',
    ),
    unit: z
      .enum(['seconds', 'milliseconds'], { error: 'must be one of seconds, milliseconds' })
      .optional()
      .meta({ description: 'Unit of the histogram buckets (default seconds).' }),
    labels: z
      .strictObject({
        route: promLabel(
          'Label holding the route, with {major} filled in (default http_route).',
          'http_route',
        ),
        method: promLabel(
          'Label holding the HTTP method (default http_request_method).',
          'http_request_method',
        ),
        status: promLabel(
          'Label holding the HTTP status code; 5xx counts as an error (default http_response_status_code).',
          'http_response_status_code',
        ),
      })
      .optional()
      .meta({ description: 'Label names, where they differ from the OpenTelemetry conventions.' }),
    selectors: z
      .record(
        z.string().regex(PROMETHEUS_LABEL, { error: 'must be a Prometheus label name (e.g. job)' }),
        z.string().meta({ description: 'The exact label value.' }),
      )
      .optional()
      .meta({
        description:
          'Extra label matchers added to every query (exact match), e.g. { job: sync, namespace: prod }.',
        examples: [{ job: 'sync-customers', namespace: 'prod' }],
      }),
    business: z
      .record(
        z.string().min(1, { error: 'must not be empty' }),
        nonEmpty(
          'PromQL giving one number per side; $major, $route and $window are replaced (e.g. sum(increase(synced_total{major="$major"}[$window]))).',
        ),
      )
      .optional()
      .meta({
        description:
          'Business metrics by name (as in `rollbackWhen.business[].metric`), each a PromQL query.',
      }),
  })
  .meta({ description: 'Where `contractguard canary collect` finds the canary metrics in Prometheus.' });

const canarySchema = z
  .strictObject({
    check: nonEmpty('Name of the check run that reports canary metrics.'),
    strategy: z
      .enum(['header', 'shadow', 'segment'], { error: 'must be one of header, shadow, segment' })
      .meta({ description: 'How canary traffic is chosen.' }),
    minDuration: patterned(
      DURATION_PATTERN,
      'must be a duration such as 2h, 30m or 1h30m',
      'Minimum canary duration before promotion.',
      ['2h'],
    ).optional(),
    minRequests: nonNegativeInt('Minimum canary requests before promotion.').optional(),
    rollbackWhen: rollbackWhenSchema.optional(),
    judgement: z
      .enum(['statistical', 'threshold'], { error: 'must be one of statistical, threshold' })
      .optional()
      .meta({
        description:
          'statistical (default): an error-rate limit fails or passes only with 95% confidence, otherwise hold; threshold: plain comparison of the measured values.',
      }),
    prometheus: canaryPrometheusSchema.optional(),
    promote: z
      .strictObject({
        alias: patterned(ALIAS_PATTERN, 'must be an alias name (e.g. prod)', 'Alias moved on promotion.', [
          'prod',
        ]),
      })
      .optional()
      .meta({ description: 'What promotion does.' }),
  })
  .meta({ description: 'Canary policy for promoting a new version.' });

export const endpointFileSchema = z
  .strictObject({
    name: endpointName('The endpoint name: the same as its folder.'),
    owner: owner('Team or user that owns the endpoint.'),
    route: patterned(
      ROUTE_PATTERN,
      'must be a path starting with / that contains {major} (e.g. /internal/syncCustomers/v{major})',
      'Immutable per-major route; {major} is replaced by the major version.',
      ['/internal/syncCustomers/v{major}'],
    ),
    method: z
      .enum(['POST', 'PUT', 'PATCH', 'DELETE'], { error: 'must be one of POST, PUT, PATCH, DELETE' })
      .optional()
      .meta({
        description:
          'The HTTP method callers use (default POST). The request is the JSON body, so methods without one (GET) are not offered.',
      }),
    versionHeader: patterned(
      HEADER_PATTERN,
      'must be an HTTP header name (e.g. X-Internal-Version)',
      'Header that carries the requested version.',
      ['X-Internal-Version'],
    ).optional(),
    aliases: z
      .record(
        z.string().regex(ALIAS_PATTERN, { error: 'must be an alias name (e.g. prod, staging, latest)' }),
        major('The major this alias points at.'),
      )
      .optional()
      .meta({
        description: 'Mutable names for majors, for humans and routing, e.g. { prod: 3, latest: 4 }.',
        examples: [{ prod: 3, staging: 4, latest: 4 }],
      }),
    canary: canarySchema.optional(),
  })
  .meta({
    title: 'contractguard endpoint.yaml',
    description: 'An internal endpoint: <endpoint>/endpoint.yaml, next to its v<N>/ folders.',
  });

// ---- consumers/<name>.yaml -------------------------------------------------------------------------

const consumerUseSchema = z
  .strictObject({
    endpoint: endpointName('The endpoint used.'),
    version: major('The major version used.'),
    expects: schemaRef('The response fields this consumer relies on (a JSON Schema).').optional(),
    fixtures: z
      .array(
        z.strictObject({
          request: nonEmpty('A request that must stay valid input (path relative to this file).').optional(),
          response: nonEmpty(
            'A recorded response that must match expects (path relative to this file).',
          ).optional(),
        }),
      )
      .optional()
      .meta({ description: 'Recorded requests and responses.' }),
  })
  .meta({ description: 'One endpoint major this consumer calls.' });

export const consumerFileSchema = z
  .strictObject({
    name: endpointName('The consumer name: the same as the file name.'),
    owner: owner('Team or user that owns the consumer.'),
    kind: z
      .enum(['dashboard', 'job', 'slack-command', 'pipeline', 'service', 'other'], {
        error: 'must be one of dashboard, job, slack-command, pipeline, service, other',
      })
      .meta({ description: 'What sort of consumer this is.' }),
    uses: z.array(consumerUseSchema).meta({ description: 'The endpoint majors this consumer calls.' }),
  })
  .meta({
    title: 'contractguard consumer',
    description: 'A registered consumer of internal endpoints: consumers/<name>.yaml.',
  });

// ---- contractguard.yaml ------------------------------------------------------------------------------

const severitySchema = z.enum(['breaking', 'dangerous', 'additive', 'none'], {
  error: 'must be one of breaking, dangerous, additive, none',
});

export const policyFileSchema = z
  .strictObject({
    semantics: z
      .enum(['pragmatic', 'strict'], { error: 'must be one of pragmatic, strict' })
      .optional()
      .meta({
        description:
          'pragmatic (default): undeclared properties are not part of the contract; strict: set inclusion.',
      }),
    failOn: z
      .enum(['breaking', 'dangerous', 'never'], { error: 'must be one of breaking, dangerous, never' })
      .optional()
      .meta({ description: 'Lowest severity that fails the check (default breaking).' }),
    requireMinorBump: z
      .enum(['error', 'warning', 'off'], { error: 'must be one of error, warning, off' })
      .optional()
      .meta({ description: 'What an additive change without a minor bump is (default error).' }),
    deprecationWindowDays: nonNegativeInt(
      'A superseded major needs a deprecation date at least this many days out (default 90).',
    ).optional(),
    approvers: z
      .array(owner('A team or user who may approve breaking changes anywhere.'))
      .optional()
      .meta({ description: 'May approve breaks anywhere, besides each endpoint owner.' }),
    rules: z
      .record(
        z
          .string()
          .regex(KEBAB_PATTERN, { error: 'must be a rule id (e.g. enum-value-added, timeout-increased)' }),
        z
          .strictObject({ input: severitySchema.optional(), output: severitySchema.optional() })
          .meta({ description: 'Severity per direction.' }),
      )
      .optional()
      .meta({
        description:
          'Per-rule severity overrides, by rule id and side: any schema rule on either side, a contract rule on the side it is judged on (see the rule catalogue, docs/rules.md).',
        examples: [
          { 'enum-value-added': { output: 'dangerous' }, 'timeout-increased': { input: 'breaking' } },
        ],
      }),
    canary: z
      .strictObject({
        trustedApps: z.array(nonEmpty('A GitHub App slug.')).optional().meta({
          description: 'Canary check runs from any other app are ignored (default [github-actions]).',
        }),
      })
      .optional()
      .meta({ description: 'Canary settings.' }),
  })
  .meta({
    title: 'contractguard.yaml',
    description: 'Repository policy for contractguard, at the contract root. Every key is optional.',
  });

// ---- published JSON Schemas -------------------------------------------------------------------------

export type FileKind = 'contract' | 'endpoint' | 'consumer' | 'contractguard';

/** The zod schema of each kind of file, and the name of its published JSON Schema in `schemas/`. */
export const FILE_SCHEMAS = {
  contract: { schema: contractFileSchema, file: 'contract.schema.json' },
  endpoint: { schema: endpointFileSchema, file: 'endpoint.schema.json' },
  consumer: { schema: consumerFileSchema, file: 'consumer.schema.json' },
  contractguard: { schema: policyFileSchema, file: 'contractguard.schema.json' },
} as const;

/** `$id` prefix of the published schemas (a URN: the schemas are used by path, not fetched). */
export const SCHEMA_ID_PREFIX = 'urn:contractguard:schema:';

/**
 * The JSON Schema (draft-07, which editors support best) of one kind of file, with `$id`, `title` and
 * `description` first and every field's description, so editors show help and complete keys.
 */
export function jsonSchemaOf(kind: FileKind): Record<string, unknown> {
  return publishedJsonSchema(FILE_SCHEMAS[kind].schema, kind, 'input');
}

/**
 * A zod schema as a published JSON Schema (`schemas/<name>.schema.json`): draft-07, `$id`
 * `urn:contractguard:schema:<name>`, then `title` and `description`. `io`: `input` for files people write,
 * `output` for reports contractguard writes.
 */
export function publishedJsonSchema(
  schema: z.ZodType,
  name: string,
  io: 'input' | 'output',
): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { target: 'draft-07', io }) as Record<string, unknown>;
  const { $schema, title, description, ...rest } = generated;
  return { $schema, $id: `${SCHEMA_ID_PREFIX}${name}`, title, description, ...rest };
}

/** Every published schema: file name in `schemas/` → JSON Schema. */
export function jsonSchemaFiles(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const kind of Object.keys(FILE_SCHEMAS) as FileKind[])
    out[FILE_SCHEMAS[kind].file] = jsonSchemaOf(kind);
  return out;
}
