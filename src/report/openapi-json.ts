import type { OpenApiChange, OpenApiDiff } from '../openapi/types.js';

/** The public JSON output of `diff-openapi --format json`. Key order is part of the interface. */
export interface OpenApiJsonReport {
  verdict: OpenApiDiff['verdict'];
  changes: OpenApiChange[];
}

/** Built key by key so the order is stable and nothing internal leaks out. */
export function toOpenApiJsonReport(result: OpenApiDiff): OpenApiJsonReport {
  return {
    verdict: result.verdict,
    changes: result.changes.map((c) => {
      const out: OpenApiChange = {
        rule: c.rule,
        severity: c.severity,
        operation: c.operation,
        location: c.location,
        ...(c.path === undefined ? {} : { path: c.path }),
        message: c.message,
      };
      if (c.origin !== undefined) out.origin = { file: c.origin.file, pointer: c.origin.pointer };
      return out;
    }),
  };
}

/** `--format json`: 2-space indent, trailing newline, changes in the order the diff found them. */
export function renderOpenApiJson(result: OpenApiDiff): string {
  return `${JSON.stringify(toOpenApiJsonReport(result), null, 2)}\n`;
}
