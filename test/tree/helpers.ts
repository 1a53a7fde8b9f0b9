/**
 * Builds `ContractSet` values from plain objects, so tree diff and policy tests need no loader and no
 * files: schemas are resolved in memory, positions come from a fake.
 */
import type {
  ConsumerKind,
  ContractFile,
  ContractSet,
  LoadedEndpoint,
  LoadedVersion,
  PolicyFile,
  SourcePosition,
  TreeProblem,
} from '../../src/model/types.js';
import { DEFAULT_POLICY } from '../../src/model/types.js';
import { resolveSchema } from '../../src/schema/resolve.js';
import { SchemaError, type SchemaValue } from '../../src/schema/types.js';

export const ROOT = 'contracts';

/** A contract.yaml, with schemas given inline (they become `<endpoint>/v<N>/input.schema.json`). */
export type VersionSpec = Partial<Omit<ContractFile, 'input' | 'output'>> & {
  input?: SchemaValue;
  output?: SchemaValue;
};

export interface EndpointSpec {
  owner?: string;
  aliases?: Record<string, number>;
  versions: Record<number, VersionSpec>;
}

export interface ConsumerSpec {
  name: string;
  kind?: ConsumerKind;
  uses: { endpoint: string; version: number }[];
}

export interface TreeSpec {
  policy?: PolicyFile;
  endpoints?: Record<string, EndpointSpec>;
  consumers?: ConsumerSpec[];
  problems?: TreeProblem[];
  position?: ContractSet['position'];
}

export const OBJECT: SchemaValue = { type: 'object', properties: { id: { type: 'string' } } };

/** A full contract.yaml from the fields a case cares about. */
export function contract(endpoint: string, major: number, spec: VersionSpec = {}): ContractFile {
  const { input: _input, output: _output, ...rest } = spec;
  return {
    endpoint,
    version: `${major}.0.0`,
    owner: '@acme/team',
    status: 'active',
    input: { $ref: './input.schema.json' },
    output: { $ref: './output.schema.json' },
    ...rest,
  };
}

export const contractFile = (endpoint: string, major: number): string =>
  `${ROOT}/${endpoint}/v${major}/contract.yaml`;

function resolve(schema: SchemaValue, file: string) {
  return resolveSchema(schema, {
    file,
    root: '/virtual/contracts',
    readDocument: (abs) => {
      throw new SchemaError(file, `test schemas are in memory; no file ${abs}`);
    },
  });
}

function version(endpoint: string, major: number, spec: VersionSpec): LoadedVersion {
  return {
    endpoint,
    major,
    file: contractFile(endpoint, major),
    contract: contract(endpoint, major, spec),
    input: resolve(spec.input ?? OBJECT, `${endpoint}/v${major}/input.schema.json`),
    output: resolve(spec.output ?? OBJECT, `${endpoint}/v${major}/output.schema.json`),
  };
}

export function tree(spec: TreeSpec = {}): ContractSet {
  const endpoints = new Map<string, LoadedEndpoint>();
  for (const [name, e] of Object.entries(spec.endpoints ?? {})) {
    const versions = new Map<number, LoadedVersion>();
    for (const [major, v] of Object.entries(e.versions))
      versions.set(Number(major), version(name, Number(major), v));
    endpoints.set(name, {
      name,
      file: `${ROOT}/${name}/endpoint.yaml`,
      endpoint: {
        name,
        owner: e.owner ?? '@acme/team',
        route: `/internal/${name}/v{major}`,
        ...(e.aliases ? { aliases: e.aliases } : {}),
      },
      versions,
    });
  }
  return {
    root: ROOT,
    policy: {
      ...DEFAULT_POLICY,
      ...spec.policy,
      canary: { ...DEFAULT_POLICY.canary, ...spec.policy?.canary },
    },
    endpoints,
    consumers: (spec.consumers ?? []).map((c) => ({
      file: `${ROOT}/consumers/${c.name}.yaml`,
      consumer: { name: c.name, owner: '@acme/ops', kind: c.kind ?? 'dashboard', uses: c.uses },
    })),
    problems: spec.problems ?? [],
    position: spec.position ?? (() => undefined),
  };
}

/**
 * A fake position map: `{ 'contracts/x/v3/contract.yaml#/operational/timeoutMs': 12 }` → line 12,
 * column 3. Pointers not listed are unknown.
 */
export function positions(lines: Record<string, number>): ContractSet['position'] {
  return (file, pointer): SourcePosition | undefined => {
    const line = lines[`${file}#${pointer}`];
    return line === undefined ? undefined : { file, line, column: 3 };
  };
}

/** A fixed clock for deprecation dates. */
export const NOW = new Date('2026-11-25T12:00:00Z');
