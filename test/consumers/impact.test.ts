import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { markConsumers, reads } from '../../src/consumers/impact.js';
import { fieldSteps } from '../../src/consumers/fields.js';
import type { ContractSet } from '../../src/model/types.js';
import { renderTreeJson } from '../../src/report/json.js';
import { renderTreeMarkdown } from '../../src/report/markdown.js';
import { renderTreeText } from '../../src/report/text.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import { SchemaError, type SchemaValue } from '../../src/schema/types.js';
import { buildReport } from '../../src/check/report.js';
import type { TreeReport } from '../../src/check/types.js';
import { NOW, tree, type VersionSpec } from '../tree/helpers.js';

function resolved(schema: SchemaValue) {
  return resolveSchema(schema, {
    file: 'consumers/fixtures/expects.schema.json',
    root: '/virtual/contracts',
    readDocument: (abs) => {
      throw new SchemaError('expects', `no file ${abs}`);
    },
  });
}

const customer = (extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['id', 'email'],
  properties: { id: { type: 'string' }, email: { type: 'string' }, legacyId: { type: 'string' }, ...extra },
});
const OUTPUT = { type: 'object', properties: { customers: { type: 'array', items: customer() } } };
/** OUTPUT without `customers[].legacyId`. */
const WITHOUT_LEGACY = {
  type: 'object',
  properties: {
    customers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'email'],
        properties: { id: { type: 'string' }, email: { type: 'string' } },
      },
    },
  },
};

/** Reads `customers[].email` only. */
const EMAIL_ONLY = {
  type: 'object',
  properties: {
    customers: { type: 'array', items: { type: 'object', properties: { email: { type: 'string' } } } },
  },
};
/** Reads `customers[].legacyId`. */
const LEGACY = {
  type: 'object',
  properties: {
    customers: { type: 'array', items: { type: 'object', properties: { legacyId: { type: 'string' } } } },
  },
};

/** Head and base trees of sync-customers v3, with three consumers: two with expects, one without. */
function trees(
  after: VersionSpec,
  opts: { expects?: boolean } = {},
): { base: ContractSet; head: ContractSet } {
  const consumers = [
    { name: 'retool-ops-dashboard', uses: [{ endpoint: 'sync-customers', version: 3 }] },
    { name: 'legacy-export', kind: 'job' as const, uses: [{ endpoint: 'sync-customers', version: 3 }] },
    {
      name: 'slack-lookup',
      kind: 'slack-command' as const,
      uses: [{ endpoint: 'sync-customers', version: 3 }],
    },
    { name: 'v2-job', kind: 'job' as const, uses: [{ endpoint: 'sync-customers', version: 2 }] },
  ];
  const make = (spec: VersionSpec): ContractSet => {
    const set = tree({ endpoints: { 'sync-customers': { versions: { 2: {}, 3: spec } } }, consumers });
    if (opts.expects !== false) {
      const [retool, legacy] = set.consumers;
      if (retool) retool.expects = [resolved(EMAIL_ONLY)];
      if (legacy) legacy.expects = [resolved(LEGACY)];
    }
    const owners = ['@acme/ops', '@acme/data', '@acme/support', '@acme/data'];
    set.consumers.forEach((c, i) => (c.consumer.owner = owners[i] as string));
    return set;
  };
  return { base: make({ output: OUTPUT }), head: make(after) };
}

async function report(after: VersionSpec, opts: { expects?: boolean } = {}): Promise<TreeReport> {
  const { base, head } = trees(after, opts);
  return buildReport({ base, head, baseRef: 'main', headRef: 'pr', now: NOW });
}

function affected(r: TreeReport): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of r.versions)
    for (const c of v.changes) out[`${c.area} ${c.rule} ${c.path}`] = (c.consumers ?? []).map((k) => k.name);
  return out;
}

describe('fieldSteps', () => {
  it('maps schema pointers to field paths', () => {
    expect(fieldSteps('/properties/a/properties/b')).toEqual(['a', 'b']);
    expect(fieldSteps('/properties/customers/items/properties/email/type')).toEqual([
      'customers',
      '[]',
      'email',
    ]);
    expect(fieldSteps('/allOf/0/properties/a/anyOf/1/required')).toEqual(['a']);
    expect(fieldSteps('/additionalProperties')).toEqual(['*']);
    expect(fieldSteps('/$defs/x')).toBeUndefined();
  });

  it('reads: exact, ancestors and descendants', () => {
    const e = resolved(EMAIL_ONLY);
    expect(reads(e, ['customers', '[]', 'email'])).toBe(true);
    expect(reads(e, ['customers'])).toBe(true);
    expect(reads(e, [])).toBe(true);
    expect(reads(e, ['customers', '[]', 'legacyId'])).toBe(false);
    expect(reads(e, ['counts'])).toBe(false);
    // A leaf covers what lies below it.
    expect(reads(resolved({ properties: { customers: { type: 'array' } } }), ['customers', '[]', 'x'])).toBe(
      true,
    );
    // A closed object reads every property.
    const closed = resolved({ properties: { a: { type: 'string' } }, additionalProperties: false });
    expect(reads(closed, ['b'])).toBe(true);
  });

  it('reads: a recursive expects covers everything below the recursion', () => {
    const e = resolved({
      $ref: '#/$defs/Node',
      $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } },
    });
    expect(reads(e, ['child', 'child', 'child', 'x'])).toBe(true);
    expect(reads(e, ['other'])).toBe(false);
  });
});

describe('impact: which consumers a change breaks', () => {
  it('field-level: removing legacyId breaks only the consumer that reads it (and the one without expects)', async () => {
    const r = await report({ output: WITHOUT_LEGACY });
    const removal = r.versions
      .flatMap((v) => v.changes)
      .find((c) => c.rule === 'property-removed' && c.path.endsWith('/legacyId'));
    expect(removal?.consumers).toEqual([
      { name: 'legacy-export', owner: '@acme/data', kind: 'job' },
      { name: 'slack-lookup', owner: '@acme/support', kind: 'slack-command' },
    ]);
  });

  it('a change to a field a consumer reads lists it', async () => {
    const items = customer({ email: { type: ['string', 'null'] } });
    const r = await report({
      output: { type: 'object', properties: { customers: { type: 'array', items } } },
    });
    const names = Object.entries(affected(r)).find(([k]) => k.includes('/email'))?.[1];
    expect(names).toEqual(['retool-ops-dashboard', 'slack-lookup']);
  });

  it('without expects, every consumer of the major', async () => {
    const r = await report({ output: WITHOUT_LEGACY }, { expects: false });
    const removal = r.versions.flatMap((v) => v.changes).find((c) => c.rule === 'property-removed');
    expect(removal?.consumers?.map((k) => k.name)).toEqual([
      'retool-ops-dashboard',
      'legacy-export',
      'slack-lookup',
    ]);
  });

  it('a breaking change in another area breaks every consumer of the major, not those of other majors', async () => {
    const r = await report({
      output: OUTPUT,
      operational: { timeoutMs: 1000 },
      input: { type: 'object', required: ['x'] },
    });
    const changes = r.versions.flatMap((v) => v.changes).filter((c) => c.severity === 'breaking');
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) {
      expect(c.area).not.toBe('output');
      expect(c.consumers?.map((k) => k.name)).toEqual([
        'retool-ops-dashboard',
        'legacy-export',
        'slack-lookup',
      ]);
    }
  });

  it('additive changes break nobody', async () => {
    const r = await report({
      output: {
        type: 'object',
        properties: { customers: { type: 'array', items: customer({ extra: { type: 'string' } }) } },
      },
    });
    expect(r.versions.flatMap((v) => v.changes).every((c) => c.consumers === undefined)).toBe(true);
  });

  it('falls back to base consumers when head registers none for the major', () => {
    const { base, head } = trees({ output: OUTPUT });
    head.consumers = [];
    const versions = markConsumers(
      [
        {
          endpoint: 'sync-customers',
          major: 3,
          kind: 'changed',
          verdict: 'breaking',
          changes: [
            {
              endpoint: 'sync-customers',
              major: 3,
              area: 'auth',
              rule: 'role-added',
              severity: 'breaking',
              path: '/auth/roles',
              message: 'm',
              fingerprint: 'f',
            },
          ],
        },
      ],
      base,
      head,
    );
    expect(versions[0]?.changes[0]?.consumers?.map((k) => k.name)).toEqual([
      'retool-ops-dashboard',
      'legacy-export',
      'slack-lookup',
    ]);
  });
});

describe("impact on a new major's migration", () => {
  it('names the consumers of the major callers move from, and on each change the ones it breaks', async () => {
    const { base, head } = trees({ output: OUTPUT });
    // Head adds v4 without `customers[].legacyId`; v3 (with its consumers) stays as it is.
    head.endpoints = tree({
      endpoints: {
        'sync-customers': { versions: { 2: {}, 3: { output: OUTPUT }, 4: { output: WITHOUT_LEGACY } } },
      },
    }).endpoints;
    const r = await buildReport({ base, head, baseRef: 'main', headRef: 'pr', now: NOW });
    const migration = r.versions.find((v) => v.major === 4)?.migration;
    expect(migration?.from).toBe(3);
    expect(migration?.consumers?.map((k) => k.name)).toEqual([
      'retool-ops-dashboard',
      'legacy-export',
      'slack-lookup',
    ]);
    const removal = migration?.changes.find((c) => c.rule === 'property-removed');
    // Only who reads `legacyId` (or has no expects) is broken by its removal when moving.
    expect(removal?.consumers?.map((k) => k.name)).toEqual(['legacy-export', 'slack-lookup']);
  });
});

describe('impact in the reports', () => {
  it('Markdown, text and JSON name the broken consumers and their owners', async () => {
    const r = await report({ output: WITHOUT_LEGACY });
    const md = renderTreeMarkdown(r);
    expect(md).toContain('Affected consumers: @acme/data (legacy-export), @acme/support (slack-lookup)');
    expect(md).toContain('— breaks: legacy-export (@acme/data), slack-lookup (@acme/support)');
    const text = renderTreeText(r, { color: false });
    expect(text).toContain('affected consumers: @acme/data (legacy-export), @acme/support (slack-lookup)');
    expect(text).toContain('(breaks: legacy-export (@acme/data), slack-lookup (@acme/support))');
    const json = JSON.parse(renderTreeJson(r)) as { versions: { changes: { consumers?: unknown }[] }[] };
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(json)).toBe(true);
    expect(json.versions.flatMap((v) => v.changes).some((c) => Array.isArray(c.consumers))).toBe(true);
  });
});
