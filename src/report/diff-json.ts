import { counterexampleJson, type JsonCounterexample } from './counterexample.js';
import type { DiffResult, Severity } from '../diff/types.js';

/** One change in the public JSON output. Key order is part of the interface. */
export interface JsonChange {
  rule: string;
  severity: Severity;
  /** JSON pointer into the schema where the change is best shown (`""` is the root). */
  path: string;
  /** One sentence: what changed and whom it breaks. */
  message: string;
  /** Where the changed schema node is written, when known. */
  origin?: { file: string; pointer: string };
  /** For a change that breaks set inclusion: an instance proving it, verified with ajv against both sides. */
  counterexample?: JsonCounterexample;
}

/** The public JSON output of a schema diff (`--format json`). */
export interface JsonReport {
  verdict: Severity;
  changes: JsonChange[];
}

/** The public shape, built key by key so the order is stable and nothing internal leaks out. */
export function toJsonReport(result: DiffResult): JsonReport {
  return {
    verdict: result.verdict,
    changes: result.changes.map((c) => {
      const out: JsonChange = { rule: c.rule, severity: c.severity, path: c.path, message: c.message };
      if (c.origin !== undefined) out.origin = { file: c.origin.file, pointer: c.origin.pointer };
      if (c.counterexample !== undefined) out.counterexample = counterexampleJson(c.counterexample);
      return out;
    }),
  };
}

/** `--format json`: 2-space indent, trailing newline, changes in the order the diff found them. */
export function renderJson(result: DiffResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
