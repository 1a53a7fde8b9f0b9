import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

import { renderSarif, SARIF_SCHEMA, toSarif } from '../../src/report/sarif.js';

const DOCS = 'https://example.com/contractguard/docs/';
import {
  approved,
  change,
  failing,
  phoneRemoved,
  report,
  reusesV3,
  statusEnum,
  timeout,
  version,
} from './fixtures.js';

/**
 * The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) these logs use: required properties,
 * enums and bounds, copied by hand (the published schema is not vendored here).
 */
const sarifSubset = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  rules: {
                    type: 'array',
                    uniqueItems: true,
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: { $ref: '#/$defs/message' },
                        fullDescription: { $ref: '#/$defs/message' },
                        helpUri: { type: 'string', pattern: '^https?://' },
                      },
                    },
                  },
                },
              },
            },
          },
          columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: { $ref: '#/$defs/message' },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
                        properties: {
                          artifactLocation: {
                            type: 'object',
                            properties: {
                              uri: { type: 'string', format: 'uri-reference' },
                              uriBaseId: { type: 'string' },
                            },
                          },
                          region: {
                            type: 'object',
                            properties: {
                              startLine: { type: 'integer', minimum: 1 },
                              startColumn: { type: 'integer', minimum: 1 },
                            },
                          },
                        },
                      },
                    },
                  },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
  $defs: {
    message: {
      type: 'object',
      anyOf: [{ required: ['text'] }, { required: ['id'] }],
      properties: { text: { type: 'string' } },
    },
  },
};

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(sarifSubset);

describe('toSarif', () => {
  it('is a SARIF 2.1.0 log with one run of contractguard', () => {
    const log = toSarif(failing(), { version: '0.1.0' });
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'contractguard', version: '0.1.0' });
    for (const r of [failing(), approved(), report()]) {
      const ok = validate(toSarif(r));
      if (!ok) console.error(ajv.errorsText(validate.errors));
      expect(ok).toBe(true);
    }
  });

  it('links no help page unless told where the docs are (it never invents a URL)', () => {
    for (const rule of toSarif(failing()).runs[0].tool.driver.rules) expect(rule.helpUri).toBeUndefined();
  });

  it('declares every rule a result uses, once, with a description and help link', () => {
    const run = toSarif(failing(), { docsUrl: DOCS }).runs[0];
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)]);
    expect(new Set(run.results.map((r) => r.ruleId))).toEqual(new Set(ids));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    const byId = new Map(run.tool.driver.rules.map((r) => [r.id, r]));
    expect(byId.get('enum-value-added')).toMatchObject({
      shortDescription: { text: 'Enum value added' },
      fullDescription: { text: expect.stringMatching(/new enum value/i) as unknown },
      helpUri: `${DOCS}rules.md#enum-value-added`,
    });
    expect(byId.get('breaking-change-in-existing-major')?.helpUri).toBe(
      `${DOCS}policy.md#breaking-change-in-existing-major`,
    );
    // timeout-decreased is a contract rule (src/tree/rules): documented in the same catalogue as schema rules.
    expect(byId.get('timeout-decreased')).toMatchObject({
      fullDescription: { text: expect.any(String) as unknown },
      helpUri: `${DOCS}rules.md#timeout-decreased`,
    });
    expect(
      toSarif(failing(), { docsUrl: 'https://example.com/docs/' }).runs[0].tool.driver.rules[0]?.helpUri,
    ).toMatch(/^https:\/\/example\.com\/docs\/(rules|policy)\.md#/);
  });

  it('sets levels by what the policy made of each change, and leaves out changes without effect', () => {
    const results = toSarif(failing()).runs[0].results;
    const level = (rule: string): string | undefined => results.find((r) => r.ruleId === rule)?.level;
    expect(level('enum-value-added')).toBe('error');
    expect(level('property-removed')).toBe('error');
    expect(level('timeout-decreased')).toBe('warning');
    expect(level('property-added')).toBe('note');
    expect(level('description-changed')).toBeUndefined();
    expect(level('breaking-change-in-existing-major')).toBe('error');
    expect(level('deprecation-date-missing')).toBe('warning');

    const ok = toSarif(approved()).runs[0].results;
    expect(ok.find((r) => r.ruleId === 'enum-value-added')).toMatchObject({
      level: 'note',
      message: { text: `${statusEnum.message} Approved by @acme/crm-team.` },
    });
  });

  it('locates results in the repository with fingerprints that ignore lines', () => {
    const results = toSarif(failing()).runs[0].results;
    const enumResult = results.find((r) => r.ruleId === 'enum-value-added');
    expect(enumResult).toMatchObject({
      message: { text: `${statusEnum.message} Fix: ${reusesV3.fix ?? ''}.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'contracts/sync-customers/v3/output.schema.json',
              uriBaseId: '%SRCROOT%',
            },
            region: { startLine: 12, startColumn: 7 },
          },
        },
      ],
      partialFingerprints: { 'contractguard/v1': statusEnum.fingerprint },
    });
    // A removal: the file in head, line 1, and the message says where it was.
    const removed = results.find((r) => r.ruleId === phoneRemoved.rule);
    expect(removed?.locations?.[0]?.physicalLocation.region).toEqual({ startLine: 1 });
    expect(removed?.message.text).toMatch(/\(removed; it was at line 30 in main\)$/);
    // No position: the version's contract.yaml.
    const t = results.find((r) => r.ruleId === timeout.rule);
    expect(t?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe(
      'contracts/sync-customers/v3/contract.yaml',
    );

    const moved = failing();
    moved.findings = moved.findings.map((f) =>
      f.position ? { ...f, position: { ...f.position, line: f.position.line + 5 } } : f,
    );
    const fps = (r: typeof results) => r.map((x) => x.partialFingerprints['contractguard/v1']);
    expect(fps(toSarif(moved).runs[0].results)).toEqual(fps(results));
    expect(new Set(fps(results)).size).toBe(results.length);
  });

  it('reports each head-tree problem once, under the rule of the finding that repeats it', () => {
    const r = report({
      passed: false,
      problems: [{ file: 'contracts/a b/endpoint.yaml', line: 3, column: 2, message: 'unknown key `rout`' }],
      findings: [
        {
          rule: 'invalid-contract-file',
          level: 'error',
          message: 'contracts/a b/endpoint.yaml: unknown key `rout`',
        },
        {
          rule: 'policy-file-missing',
          level: 'notice',
          message: 'No contractguard.yaml; using the defaults.',
        },
      ],
    });
    const run = toSarif(r).runs[0];
    expect(run.results).toHaveLength(2);
    expect(run.results[0]).toMatchObject({
      ruleId: 'invalid-contract-file',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'contracts/a%20b/endpoint.yaml' },
            region: { startLine: 3, startColumn: 2 },
          },
        },
      ],
    });
    expect(run.results[1]).toMatchObject({ ruleId: 'policy-file-missing', level: 'note' });
    expect(run.results[1]).not.toHaveProperty('locations');
    expect(validate(toSarif(r))).toBe(true);
  });

  it('shows bidirectional and control characters in message text as \\uXXXX', () => {
    const sneaky = change('breaking', 'property-removed', 'Field `a\u202Eb\u0007` removed');
    const log = toSarif(report({ versions: [version('sync-customers', 3, [sneaky])] }));
    const text = log.runs[0].results.map((r) => r.message.text).join('\n');
    expect([...'\u202e\u0007'].filter((ch) => text.includes(ch))).toEqual([]);
    expect(text).toContain('Field `a\\u202Eb\\u0007` removed');
  });

  it('renders as JSON text', () => {
    const text = renderSarif(failing());
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(toSarif(failing()));
  });
});
