/** Where a schema node came from, so a change can be explained at its file and pointer. */
export interface Origin {
  /** Path of the file, relative to the contract root when there is one. */
  file: string;
  /** JSON pointer of the node inside that file. */
  pointer: string;
}

/** Any JSON value, as parsed from a contract file. Treated as untrusted data, never executed. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON Schema: an object or a boolean schema. */
export type SchemaValue = boolean | { [key: string]: unknown };

/**
 * A schema with every `$ref` replaced by the object it points at (shared by reference, so recursive
 * schemas become cyclic object graphs, never infinite trees). Nothing in it is a `$ref` any more,
 * except where `$ref` had sibling keywords in 2019-09/2020-12, which becomes `allOf: [target, siblings]`.
 */
export interface ResolvedSchema {
  root: SchemaValue;
  /** Source location of every schema object in the graph (resolved targets keep their own file/pointer). */
  origins: WeakMap<object, Origin>;
  /** The file the root came from (relative to the contract root), or a label such as `<old>`. */
  file: string;
}

/**
 * Bad input: names the file and the problem, and where known the JSON pointer and line.
 * Every failure of loading or resolving a schema is one of these, never a raw parser error or a crash.
 */
export class SchemaError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly pointer?: string,
    readonly line?: number,
  ) {
    super(
      `${file}${line !== undefined ? `:${line}` : ''}: ${problem}${pointer !== undefined ? ` (at ${pointer || '/'})` : ''}`,
    );
    this.name = 'SchemaError';
  }
}
