import { afterAll, describe, expect, it } from 'vitest';
import {
  MAX_SEMANTIC_BRANCHES,
  MAX_SEMANTIC_NODES,
  semanticCompare,
  semanticEligibility,
  shutdownSemanticWorker,
} from '../../src/diff/semantic.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

/** anyOf of `n` open objects with distinct properties: json-schema-diff measured 4.5 s at n = 4, 67 s at n = 5. */
function openObjectUnion(n: number, bump = 0): Record<string, unknown> {
  return {
    anyOf: Array.from({ length: n }, (_, i) => ({
      type: 'object',
      properties: {
        [`p${i}`]: { type: 'string', maxLength: 10 + i + (i === 1 ? bump : 0) },
        [`q${i}`]: { type: 'number', minimum: i },
      },
      required: [`p${i}`],
    })),
  };
}

describe('semanticEligibility', () => {
  it('accepts supported keywords and boolean schemas', () => {
    expect(
      semanticEligibility({
        type: 'object',
        title: 'annotations are stripped',
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        properties: { a: { type: 'integer', minimum: 0, exclusiveMaximum: 10 }, b: true },
        required: ['a'],
        additionalProperties: false,
        allOf: [{ not: { type: 'null' } }],
      }),
    ).toEqual({ ok: true });
    expect(semanticEligibility(false)).toEqual({ ok: true });
  });

  it('rejects keywords json-schema-diff ignores, naming them', () => {
    for (const kw of [
      'enum',
      'const',
      'pattern',
      'format',
      'multipleOf',
      'uniqueItems',
      'if',
      'prefixItems',
    ]) {
      const r = semanticEligibility({ type: 'object', properties: { a: { [kw]: ['x'] } } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(`\`${kw}\``);
    }
  });

  it('rejects unknown keywords, references, tuple items and __proto__ properties', () => {
    const reason = (s: unknown): string => {
      const r = semanticEligibility(s);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason({ nullable: true })).toContain('`nullable`');
    expect(reason({ properties: { a: { $ref: 'https://example.com/a.json' } } })).toContain('`$ref`');
    expect(reason({ $dynamicRef: '#node' })).toContain('`$dynamicRef`');
    expect(reason({ items: [{ type: 'string' }] })).toContain('`items` array');
    expect(reason(JSON.parse('{"properties":{"__proto__":{"type":"string"}}}'))).toContain('__proto__');
    expect(reason({ exclusiveMinimum: true, minimum: 0 })).toContain('`exclusiveMinimum`');
    expect(reason('string')).toContain('not a schema');
  });

  it('rejects cyclic graphs but not shared (DAG) subschemas', () => {
    const node: Record<string, unknown> = { type: 'object' };
    node.properties = { child: node };
    const r = semanticEligibility(node);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('recursive schema');

    const shared = { type: 'string' };
    expect(semanticEligibility({ properties: { a: shared, b: shared } })).toEqual({ ok: true });
  });

  it('enforces the node and branch limits', () => {
    const properties = Object.fromEntries(
      Array.from({ length: MAX_SEMANTIC_NODES }, (_, i) => [`p${i}`, { type: 'string' }]),
    );
    const big = semanticEligibility({ type: 'object', properties });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.reason).toContain(`${MAX_SEMANTIC_NODES} schema nodes`);

    expect(semanticEligibility(openObjectUnion(MAX_SEMANTIC_BRANCHES)).ok).toBe(true);
    const many = semanticEligibility({
      anyOf: [{ type: 'string' }, { type: 'number' }],
      properties: { a: { oneOf: [{ type: 'string' }, { type: 'null' }, { type: 'boolean' }] } },
    });
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.reason).toContain(`${MAX_SEMANTIC_BRANCHES} anyOf/oneOf branches`);
  });

  it('terminates on deep non-cyclic chains', () => {
    let deep: unknown = { type: 'string' };
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const r = semanticEligibility(deep);
    expect(r.ok).toBe(false);
  });
});

describe('semanticCompare', () => {
  it('string → [string, number] widens only', async () => {
    await expect(semanticCompare({ type: 'string' }, { type: ['string', 'number'] })).resolves.toEqual({
      kind: 'decided',
      widens: true,
      narrows: false,
    });
  });

  it('[string, number] → string narrows only', async () => {
    await expect(semanticCompare({ type: ['string', 'number'] }, { type: 'string' })).resolves.toEqual({
      kind: 'decided',
      widens: false,
      narrows: true,
    });
  });

  it('string → number both widens and narrows', async () => {
    await expect(semanticCompare({ type: 'string' }, { type: 'number' })).resolves.toEqual({
      kind: 'decided',
      widens: true,
      narrows: true,
    });
  });

  it('identical schemas neither widen nor narrow, and annotations and $schema headers are ignored', async () => {
    const s = { type: 'object', properties: { a: { type: 'string', maxLength: 5 } }, required: ['a'] };
    await expect(semanticCompare(s, structuredClone(s))).resolves.toEqual({
      kind: 'decided',
      widens: false,
      narrows: false,
    });
    // json-schema-diff itself throws on a draft-04 or 2020-12 header.
    await expect(
      semanticCompare(
        { ...s, $schema: 'http://json-schema.org/draft-04/schema#', description: 'v1' },
        { ...s, $schema: 'https://json-schema.org/draft/2020-12/schema', examples: [{ a: 'x' }] },
      ),
    ).resolves.toEqual({ kind: 'decided', widens: false, narrows: false });
  });

  it('decides combinator rewrites', async () => {
    // anyOf of two branches rewritten as one type array: same set.
    await expect(
      semanticCompare({ anyOf: [{ type: 'string' }, { type: 'number' }] }, { type: ['number', 'string'] }),
    ).resolves.toEqual({ kind: 'decided', widens: false, narrows: false });
    await expect(semanticCompare({ type: 'number' }, { not: { type: 'string' } })).resolves.toMatchObject({
      kind: 'decided',
      widens: true,
      narrows: false,
    });
  });

  it('answers undecided for enum, naming it', async () => {
    const answer = await semanticCompare({ type: 'string' }, { type: 'string', enum: ['a', 'b'] });
    expect(answer.kind).toBe('undecided');
    if (answer.kind === 'undecided') expect(answer.reason).toContain('`enum`');
  });

  it('answers undecided for cyclic input', async () => {
    const node: Record<string, unknown> = { type: 'object' };
    node.properties = { children: { type: 'array', items: node } };
    const answer = await semanticCompare(node, { type: 'object' });
    expect(answer.kind).toBe('undecided');
    if (answer.kind === 'undecided') expect(answer.reason).toContain('recursive schema');
  });

  it('answers undecided for $ref without resolving it', async () => {
    const answer = await semanticCompare(
      { type: 'object' },
      { type: 'object', properties: { a: { $ref: 'http://127.0.0.1:9/never-fetched.json' } } },
    );
    expect(answer.kind).toBe('undecided');
    if (answer.kind === 'undecided') expect(answer.reason).toContain('`$ref`');
  });

  // A hang would hit the test's own timeout; no elapsed-time assertions (speed belongs to the bench).
  it('never hangs on an anyOf of 6 open objects', { timeout: 10_000 }, async () => {
    const answer = await semanticCompare(openObjectUnion(6), openObjectUnion(6, 1), { timeoutMs: 300 });
    expect(['decided', 'undecided']).toContain(answer.kind);
  });

  it('times out on a slow eligible pair, then the worker is reusable', { timeout: 10_000 }, async () => {
    // 3 branches is within the limits but takes json-schema-diff about half a second.
    const slow = await semanticCompare(openObjectUnion(3), openObjectUnion(3, 1), { timeoutMs: 50 });
    expect(slow).toEqual({ kind: 'undecided', reason: 'json-schema-diff gave no answer within 50 ms' });

    await expect(semanticCompare({ type: 'string' }, { type: 'number' })).resolves.toEqual({
      kind: 'decided',
      widens: true,
      narrows: true,
    });
  });

  it('does not mutate its inputs', async () => {
    const oldSchema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { a: { type: 'string', default: 'x' }, b: { allOf: [{ type: 'number' }, { minimum: 1 }] } },
      required: ['a'],
    };
    const newSchema = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    const before = [structuredClone(oldSchema), structuredClone(newSchema)];
    const answer = await semanticCompare(oldSchema, newSchema);
    expect(answer.kind).toBe('decided');
    expect([oldSchema, newSchema]).toEqual(before);
  });

  it('serves concurrent calls from the shared worker', async () => {
    const answers = await Promise.all([
      semanticCompare({ type: 'string' }, { type: 'number' }),
      semanticCompare({ type: 'string' }, { type: 'string' }),
      semanticCompare({ type: 'string', maxLength: 5 }, { type: 'string', maxLength: 3 }),
    ]);
    expect(answers).toEqual([
      { kind: 'decided', widens: true, narrows: true },
      { kind: 'decided', widens: false, narrows: false },
      { kind: 'decided', widens: false, narrows: true },
    ]);
  });

  it('restarts after shutdown, and shutdown cancels pending calls', async () => {
    const pending = semanticCompare(openObjectUnion(3), openObjectUnion(3, 1));
    const queued = semanticCompare({ type: 'string' }, { type: 'number' });
    await new Promise((r) => setTimeout(r, 50));
    await shutdownSemanticWorker();
    expect((await pending).kind).toBe('undecided');
    expect((await queued).kind).toBe('undecided');
    await expect(semanticCompare({ type: 'null' }, { type: ['null', 'boolean'] })).resolves.toEqual({
      kind: 'decided',
      widens: true,
      narrows: false,
    });
  });
});
