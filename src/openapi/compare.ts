/**
 * Two OpenAPI documents → classified changes. Operations are paired by method and path template (path
 * parameter names do not matter); inside a pair, parameters, request bodies and security are read on the
 * input side, responses and their headers on the output side, and every schema goes through the schema
 * classifier in that direction.
 */
import { diffSchemas } from '../diff/index.js';
import {
  type DiffOptions,
  type Direction,
  maxSeverity,
  type Semantics,
  type SeverityOverrides,
} from '../diff/types.js';
import { openApiRule, openApiSeverity } from './rules.js';
import { parseAlternative, templateKey } from './read.js';
import type {
  MediaType,
  OpenApiChange,
  OpenApiDiff,
  OpenApiDocument,
  Operation,
  Parameter,
  SchemaSlot,
} from './types.js';

export interface OpenApiDiffOptions {
  semantics?: Semantics;
  semanticTimeoutMs?: number;
  /** Severity overrides by rule id and side (contractguard.yaml `rules:`), OpenAPI and schema rules alike. */
  overrides?: SeverityOverrides;
}

/** Options of `operationChanges`. */
export interface OperationChangeOptions extends OpenApiDiffOptions {
  /**
   * Locations whose schemas are compared elsewhere and left out here (a contract's input and output:
   * `request body application/json`, `response 200 application/json`).
   */
  skipSchemasAt?: ReadonlySet<string>;
}

/** A change of one operation with the side it is judged on. */
export interface SidedChange {
  change: OpenApiChange;
  direction: Direction;
}

/** Shown in messages: `query parameter \`limit\``. */
function describeParameter(p: Parameter): string {
  return `${p.in} parameter \`${p.name}\``;
}

export async function diffOpenApi(
  before: OpenApiDocument,
  after: OpenApiDocument,
  options: OpenApiDiffOptions = {},
): Promise<OpenApiDiff> {
  const changes: OpenApiChange[] = [];
  const emit = (id: string, operation: string, location: string, message: string): void => {
    changes.push(ruleChange(id, operation, location, message, options.overrides).change);
  };

  // Whole paths first: a path that is gone (or new) is one change, not one per operation.
  const pathsOf = (doc: OpenApiDocument): Map<string, string> => {
    const out = new Map<string, string>();
    for (const op of doc.operations.values()) out.set(templateKey(op.path), op.path);
    return out;
  };
  const oldPaths = pathsOf(before);
  const newPaths = pathsOf(after);
  for (const [key, template] of oldPaths) {
    if (!newPaths.has(key)) emit('path-removed', template, 'path', `Path \`${template}\` was removed.`);
  }
  for (const [key, template] of newPaths) {
    if (!oldPaths.has(key)) emit('path-added', template, 'path', `Path \`${template}\` was added.`);
  }

  for (const [key, o] of before.operations) {
    const n = after.operations.get(key);
    const name = `${o.method} ${o.path}`;
    if (n !== undefined) continue;
    if (!newPaths.has(templateKey(o.path))) continue;
    emit(
      'operation-removed',
      name,
      'operation',
      `Operation \`${name}\` was removed${o.deprecated ? ' (it was deprecated)' : ' without being deprecated first'}.`,
    );
  }
  for (const [key, n] of after.operations) {
    if (before.operations.has(key) || !oldPaths.has(templateKey(n.path))) continue;
    emit(
      'operation-added',
      `${n.method} ${n.path}`,
      'operation',
      `Operation \`${n.method} ${n.path}\` was added.`,
    );
  }

  for (const [key, o] of before.operations) {
    const n = after.operations.get(key);
    if (n === undefined) continue;
    const pair = new OperationPair(o, n, options);
    changes.push(...(await pair.compare()).map((c) => c.change));
  }
  return { verdict: maxSeverity(changes.map((c) => c.severity)), changes };
}

/**
 * The changes between two versions of one operation (paired by the caller: a contract's operation in base
 * and head), each with its side: lifecycle, parameters, request body, responses and security, and the
 * schemas inside them except at `skipSchemasAt`.
 */
export async function operationChanges(
  before: Operation,
  after: Operation,
  options: OperationChangeOptions = {},
): Promise<SidedChange[]> {
  return new OperationPair(before, after, options).compare();
}

function ruleChange(
  id: string,
  operation: string,
  location: string,
  message: string,
  overrides: SeverityOverrides | undefined,
): SidedChange {
  const r = openApiRule(id);
  const severity = overrides?.[r.id]?.[r.direction] ?? openApiSeverity(r);
  return { change: { rule: r.id, severity, operation, location, message }, direction: r.direction };
}

class OperationPair {
  private readonly name: string;
  private readonly out: SidedChange[] = [];

  constructor(
    private readonly o: Operation,
    private readonly n: Operation,
    private readonly options: OperationChangeOptions,
  ) {
    this.name = `${n.method} ${n.path}`;
  }

  private emit(id: string, location: string, message: string): void {
    this.out.push(ruleChange(id, this.name, location, message, this.options.overrides));
  }

  async compare(): Promise<SidedChange[]> {
    this.lifecycle();
    await this.parameters();
    await this.requestBody();
    await this.responses();
    this.security();
    return this.out;
  }

  private lifecycle(): void {
    const { o, n } = this;
    if (!o.deprecated && n.deprecated) {
      this.emit(
        'operation-deprecated',
        'operation',
        `Operation \`${this.name}\` is now deprecated${n.sunset === undefined ? '' : ` (sunset ${n.sunset})`}.`,
      );
    }
    if (o.deprecated && !n.deprecated) {
      this.emit('operation-undeprecated', 'operation', `Operation \`${this.name}\` is no longer deprecated.`);
    }
    if (o.sunset !== n.sunset) {
      // No sunset is "never"; dates compare as written (ISO dates sort as strings).
      const earlier = n.sunset !== undefined && (o.sunset === undefined || n.sunset < o.sunset);
      const was = o.sunset === undefined ? 'none' : `\`${o.sunset}\``;
      const now = n.sunset === undefined ? 'none' : `\`${n.sunset}\``;
      this.emit(
        earlier ? 'sunset-brought-forward' : 'sunset-pushed-back',
        'x-sunset',
        `The sunset of \`${this.name}\` moved from ${was} to ${now}.`,
      );
    }
  }

  private async parameters(): Promise<void> {
    const { o, n } = this;
    for (const [key, p] of o.parameters) {
      const q = n.parameters.get(key);
      const location = `parameter ${p.in} ${p.name}`;
      if (q === undefined) {
        this.emit(
          p.required ? 'required-parameter-removed' : 'optional-parameter-removed',
          location,
          `The ${p.required ? 'required' : 'optional'} ${describeParameter(p)} was removed.`,
        );
        continue;
      }
      const at = `parameter ${q.in} ${q.name}`;
      if (!p.required && q.required) {
        this.emit('parameter-became-required', at, `The ${describeParameter(q)} is now required.`);
      }
      if (p.required && !q.required) {
        this.emit('parameter-became-optional', at, `The ${describeParameter(q)} is now optional.`);
      }
      if (p.style !== q.style || p.explode !== q.explode) {
        this.emit(
          'parameter-serialization-changed',
          at,
          `The ${describeParameter(q)} is serialized differently: style \`${p.style}\`, explode \`${String(p.explode)}\` → style \`${q.style}\`, explode \`${String(q.explode)}\`.`,
        );
      }
      await this.schemas(p.schema, q.schema, 'input', at);
    }
    for (const [key, q] of n.parameters) {
      if (o.parameters.has(key)) continue;
      this.emit(
        q.required ? 'required-parameter-added' : 'optional-parameter-added',
        `parameter ${q.in} ${q.name}`,
        `A ${q.required ? 'required' : 'optional'} ${describeParameter(q)} was added.`,
      );
    }
  }

  private async requestBody(): Promise<void> {
    const o = this.o.requestBody;
    const n = this.n.requestBody;
    const oldRequired = o?.required ?? false;
    const newRequired = n?.required ?? false;
    if (!oldRequired && newRequired) {
      this.emit('request-body-became-required', 'request body', 'The request body is now required.');
    }
    if (oldRequired && !newRequired) {
      this.emit('request-body-became-optional', 'request body', 'The request body is now optional.');
    }
    await this.content(o?.content, n?.content, 'input', 'request body', 'request');
  }

  private async responses(): Promise<void> {
    const { o, n } = this;
    for (const [status, r] of o.responses) {
      const s = n.responses.get(status);
      if (s === undefined) {
        const success = /^2/.test(status);
        this.emit(
          success ? 'success-response-removed' : 'response-status-removed',
          `response ${status}`,
          `Response \`${status}\` was removed.`,
        );
        continue;
      }
      await this.content(r.content, s.content, 'output', `response ${status}`, 'response');
      for (const [key, h] of r.headers) {
        const g = s.headers.get(key);
        const at = `response ${status} header ${h.name}`;
        if (g === undefined) {
          this.emit(
            h.required ? 'required-response-header-removed' : 'optional-response-header-removed',
            at,
            `The ${h.required ? 'required' : 'optional'} response header \`${h.name}\` of \`${status}\` was removed.`,
          );
          continue;
        }
        if (h.required && !g.required) {
          this.emit(
            'response-header-became-optional',
            at,
            `Response header \`${g.name}\` of \`${status}\` is no longer always sent.`,
          );
        }
        if (!h.required && g.required) {
          this.emit(
            'response-header-became-required',
            at,
            `Response header \`${g.name}\` of \`${status}\` is now always sent.`,
          );
        }
        await this.schemas(h.schema, g.schema, 'output', at);
      }
      for (const [key, g] of s.headers) {
        if (r.headers.has(key)) continue;
        this.emit(
          g.required ? 'required-response-header-added' : 'optional-response-header-added',
          `response ${status} header ${g.name}`,
          `A${g.required ? ' required' : 'n optional'} response header \`${g.name}\` of \`${status}\` was added.`,
        );
      }
    }
    for (const status of n.responses.keys()) {
      if (o.responses.has(status)) continue;
      const success = /^2/.test(status);
      this.emit(
        success ? 'success-response-added' : 'response-status-added',
        `response ${status}`,
        `Response \`${status}\` was added.`,
      );
    }
  }

  private security(): void {
    const o = new Set(this.o.security);
    const n = new Set(this.n.security);
    const show = (key: string): string => (key === '{}' ? 'no authentication (`{}`)' : `\`${key}\``);
    for (const key of o) {
      // Requests that satisfied `key` still satisfy a remaining alternative that asks for less.
      if (!n.has(key) && ![...n].some((other) => asksNoMore(other, key))) {
        this.emit(
          'security-alternative-removed',
          'security',
          `Authenticating with ${show(key)} is no longer accepted.`,
        );
      }
    }
    for (const key of n) {
      if (!o.has(key)) {
        this.emit(
          'security-alternative-added',
          'security',
          `Authenticating with ${show(key)} is now accepted.`,
        );
      }
    }
    for (const [name, before] of this.o.securitySchemes) {
      const after = this.n.securitySchemes.get(name);
      if (after === undefined || after === before) continue;
      this.emit(
        'security-scheme-changed',
        `security scheme ${name}`,
        `Security scheme \`${name}\` changed: \`${before}\` → \`${after}\`; credentials sent the old way are not recognised.`,
      );
    }
  }

  private async content(
    o: Map<string, MediaType> | undefined,
    n: Map<string, MediaType> | undefined,
    direction: Direction,
    where: string,
    side: 'request' | 'response',
  ): Promise<void> {
    const before = o ?? new Map<string, MediaType>();
    const after = n ?? new Map<string, MediaType>();
    for (const [type, m] of before) {
      const k = after.get(type);
      if (k === undefined) {
        this.emit(
          `${side}-media-type-removed`,
          `${where} ${type}`,
          `Media type \`${type}\` of the ${where} was removed.`,
        );
        continue;
      }
      await this.schemas(m.schema, k.schema, direction, `${where} ${type}`);
    }
    for (const type of after.keys()) {
      if (before.has(type)) continue;
      this.emit(
        `${side}-media-type-added`,
        `${where} ${type}`,
        `Media type \`${type}\` of the ${where} was added.`,
      );
    }
  }

  /** A schema pair through the classifier; a missing schema admits anything. */
  private async schemas(
    o: SchemaSlot | undefined,
    n: SchemaSlot | undefined,
    direction: Direction,
    location: string,
  ): Promise<void> {
    if (o === undefined && n === undefined) return;
    if (this.options.skipSchemasAt?.has(location) === true) return;
    const any = (other: SchemaSlot): SchemaSlot => ({ root: true, origins: other.origins, file: other.file });
    const before = o ?? any(n as SchemaSlot);
    const after = n ?? any(before);
    const options: DiffOptions = { direction, semantics: this.options.semantics ?? 'pragmatic' };
    if (this.options.overrides !== undefined) options.overrides = this.options.overrides;
    if (this.options.semanticTimeoutMs !== undefined)
      options.semanticTimeoutMs = this.options.semanticTimeoutMs;
    const result = await diffSchemas(before, after, options);
    for (const c of result.changes) {
      const change: OpenApiChange = {
        rule: c.rule,
        severity: c.severity,
        operation: this.name,
        location,
        path: c.path,
        message: c.message,
      };
      if (c.origin !== undefined) change.origin = { file: c.origin.file, pointer: c.origin.pointer };
      this.out.push({ change, direction });
    }
  }
}

/** True when every request that satisfies alternative `b` also satisfies `a` (its schemes and scopes a subset). */
function asksNoMore(a: string, b: string): boolean {
  const need = parseAlternative(a);
  const has = parseAlternative(b);
  for (const [scheme, scopes] of need) {
    const held = has.get(scheme);
    if (held === undefined || [...scopes].some((s) => !held.has(s))) return false;
  }
  return true;
}
