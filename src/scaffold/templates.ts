/**
 * The starter tree `contractguard init` writes: a policy, one endpoint with a v1 contract and its schemas,
 * one consumer with fixtures. Small on purpose; `contracts-example/` in the contractguard repository is the
 * complete example (several endpoints, majors, consumer kinds, canary policies).
 */

/** The published JSON Schemas for the tree's files (`schemas/<name>.schema.json`). */
export type FileSchema = 'contractguard' | 'endpoint' | 'contract' | 'consumer';

export interface TemplateFile {
  /** Relative to the contract root, posix. */
  path: string;
  text: string;
}

export interface TemplateOptions {
  /**
   * The `$schema=` target for the yaml-language-server comment of a file (path relative to the root), or
   * `undefined` for no comment (no schema the editor could find).
   */
  schemaFor: (file: string, schema: FileSchema) => string | undefined;
}

/** Where the formats are explained. */
export const DOCS = 'the contractguard docs, "The contract tree" (docs/design.md §1)';

const header = (opts: TemplateOptions, file: string, schema: FileSchema): string => {
  const target = opts.schemaFor(file, schema);
  return target === undefined ? '' : `# yaml-language-server: $schema=${target}\n`;
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function starterTree(opts: TemplateOptions): TemplateFile[] {
  const files: TemplateFile[] = [];
  const yamlFile = (path: string, schema: FileSchema, body: string): void => {
    files.push({ path, text: header(opts, path, schema) + body });
  };

  yamlFile(
    'contractguard.yaml',
    'contractguard',
    `#
# contractguard policy for this repository. Every key is optional; the values below are the defaults.
# Formats: ${DOCS}.

# pragmatic: undeclared properties are not part of a contract (adding an output field is additive).
# strict: pure set inclusion, like a schema registry; choose it for event and data pipelines.
semantics: pragmatic

# Which verdict fails a pull request: breaking | dangerous | never.
failOn: breaking

# An additive change must bump the minor version in contract.yaml: error | warning | off.
requireMinorBump: error

# A superseded major needs a deprecation date at least this many days out.
deprecationWindowDays: 90

# Who may approve a breaking change anywhere, besides each endpoint's owner and repository admins.
approvers: []

# Per-rule severity overrides, by rule id and direction, e.g.
#   enum-value-added: { output: dangerous }
rules: {}

canary:
  # Only canary check runs from these GitHub Apps count.
  trustedApps: [github-actions]
`,
  );

  yamlFile(
    'hello-webhook/endpoint.yaml',
    'endpoint',
    `#
# One folder per endpoint: this file, and one folder per major version (v1/, v2/, …).
# Formats: ${DOCS}.
name: hello-webhook
owner: '@your-org/your-team' # a GitHub user or team: approves breaking changes to this endpoint
route: /internal/helloWebhook/v{major} # each major is served at its own, immutable route
versionHeader: X-Internal-Version

# Mutable pointers for humans and routing; pointing one at a missing or retired major fails the check.
aliases: { prod: 1, latest: 1 }

# Canary rollout policy (optional): the check run that reports canary metrics, and when to roll back.
# canary:
#   check: 'canary / hello-webhook'
#   strategy: header # header | shadow | segment
#   minDuration: 1h
#   minRequests: 200
#   rollbackWhen:
#     errorRate: { above: 0.01 }
#     p95LatencyMs: { aboveRatioToBaseline: 1.2 }
#   promote: { alias: prod }
`,
  );

  yamlFile(
    'hello-webhook/v1/contract.yaml',
    'contract',
    `#
# hello-webhook v1. Within a major only compatible changes are allowed (bump the minor version for an
# additive one); a breaking change needs a new major: \`contractguard new-version hello-webhook\`.
# Formats: ${DOCS}.
endpoint: hello-webhook
version: 1.0.0 # major == folder name
owner: '@your-org/your-team'
status: active # active | deprecated | retired

# What the endpoint accepts and what it may return (JSON Schema draft-07, 2019-09 or 2020-12).
input: { $ref: ./input.schema.json }
output: { $ref: ./output.schema.json }

sideEffects:
  writes: [] # tables or systems it writes to, e.g. [crm.customers]
  idempotent: true

operational:
  timeoutMs: 10000

# Error codes callers may branch on.
errors:
  - { code: INVALID_REQUEST, status: 400, retryable: false }
  - { code: UPSTREAM_UNAVAILABLE, status: 503, retryable: true }

# Roles a caller's token must carry.
auth: { roles: [internal] }
`,
  );

  files.push({
    path: 'hello-webhook/v1/input.schema.json',
    text: json({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'hello-webhook v1 request',
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        language: { $ref: '#/$defs/Language' },
      },
      additionalProperties: false,
      $defs: {
        Language: { enum: ['en', 'de', 'fr'], default: 'en' },
      },
    }),
  });

  files.push({
    path: 'hello-webhook/v1/output.schema.json',
    text: json({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'hello-webhook v1 response',
      type: 'object',
      required: ['greeting', 'requestId'],
      properties: {
        greeting: { type: 'string' },
        requestId: { type: 'string', format: 'uuid' },
      },
    }),
  });

  yamlFile(
    'consumers/hello-cron.yaml',
    'consumer',
    `#
# One file per consumer: who calls which major, the response fields it relies on, and recorded traffic.
# A change that breaks them is reported as "breaks hello-cron" in the pull request.
# Formats: ${DOCS}.
name: hello-cron
owner: '@your-org/your-team'
kind: job # dashboard | job | slack-command | pipeline | service | other
uses:
  - endpoint: hello-webhook
    version: 1
    expects: { $ref: ./fixtures/hello-cron/expects.schema.json }
    fixtures:
      - request: ./fixtures/hello-cron/request.json # must stay valid input
        response: ./fixtures/hello-cron/response.json # must match expects
`,
  );

  files.push({
    path: 'consumers/fixtures/hello-cron/expects.schema.json',
    text: json({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'What hello-cron reads from hello-webhook v1',
      type: 'object',
      required: ['greeting'],
      properties: { greeting: { type: 'string' } },
    }),
  });
  files.push({ path: 'consumers/fixtures/hello-cron/request.json', text: json({ name: 'Ada' }) });
  files.push({
    path: 'consumers/fixtures/hello-cron/response.json',
    text: json({ greeting: 'Hello, Ada!', requestId: '3f2b8c1e-6a4d-4e2f-9b7a-0c5d1e8f2a6b' }),
  });

  return files;
}

export interface EndpointTemplate extends TemplateOptions {
  /** The endpoint's name (kebab-case): its folder. */
  name: string;
  /** Who owns it and approves breaking changes (`@org/team`). */
  owner: string;
  /** Its route, with `{major}`. */
  route: string;
}

/**
 * A new endpoint, as `contractguard add-endpoint` writes it (paths relative to the contract root): its
 * endpoint.yaml, and a v1 whose contract says what to fill in and whose schemas accept any JSON object
 * until they do.
 */
export function endpointTree(opts: EndpointTemplate): TemplateFile[] {
  const { name, owner, route } = opts;
  const endpointPath = `${name}/endpoint.yaml`;
  const contractPath = `${name}/v1/contract.yaml`;
  const schema = (side: 'request' | 'response', what: string) =>
    json({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: `${name} v1 ${side}`,
      description: `TODO: ${what}. Until then any JSON object is valid, and every change to it is additive.`,
      type: 'object',
      properties: {},
    });
  return [
    {
      path: endpointPath,
      text: `${header(opts, endpointPath, 'endpoint')}#
# ${name}: one folder per endpoint, this file and one folder per major version (v1/, v2/, …).
# Formats: ${DOCS}.
name: ${name}
owner: '${owner}' # a GitHub user or team: approves breaking changes to this endpoint
route: ${route} # each major is served at its own, immutable route

# Mutable pointers for humans and routing; pointing one at a missing or retired major fails the check.
aliases: { prod: 1, latest: 1 }
`,
    },
    {
      path: contractPath,
      text: `${header(opts, contractPath, 'contract')}#
# ${name} v1. Within a major only compatible changes are allowed (bump the minor version for an
# additive one); a breaking change needs a new major: \`contractguard new-version ${name}\`.
# Formats: ${DOCS}.
endpoint: ${name}
version: 1.0.0 # major == folder name
owner: '${owner}'
status: active # active | deprecated | retired

# What the endpoint accepts and what it may return (JSON Schema draft-07, 2019-09 or 2020-12).
input: { $ref: ./input.schema.json }
output: { $ref: ./output.schema.json }

sideEffects:
  writes: [] # TODO: tables or systems it writes to, e.g. [crm.customers]
  idempotent: false # TODO: true when calling twice has the effect of calling once

operational:
  timeoutMs: 30000 # TODO: how long a caller should wait

# Error codes callers may branch on.
errors:
  - { code: INVALID_REQUEST, status: 400, retryable: false }

# Roles a caller's token must carry.
auth: { roles: [] }
`,
    },
    { path: `${name}/v1/input.schema.json`, text: schema('request', 'describe the request body it accepts') },
    {
      path: `${name}/v1/output.schema.json`,
      text: schema('response', 'describe the response body it returns'),
    },
  ];
}
