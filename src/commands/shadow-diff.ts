/** `contractguard shadow-diff`: compare the outputs of two versions for the same requests. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

import { num } from '../canary/evaluate.js';
import { compareShadowFile, parsePointer, ShadowInputError, type ShadowSummary } from '../canary/shadow.js';
import { type CliIo, type Command, helpHint, oneOf, parseOptions, showedHelp, UsageError } from './common.js';

const NAME = 'shadow-diff';

const USAGE = `Usage: contractguard shadow-diff PAIRS.jsonl [options]

Compare the outputs of the current and the next version of an endpoint for
the same requests (shadow traffic). Each line of PAIRS.jsonl is one JSON
object { "request"?, "current", "next" }; blank lines are skipped. Prints how
many pairs differ and the JSON pointers that differ most often (array
indexes generalised: /items/*/price).

Arguments:
  PAIRS.jsonl        the recorded pairs, one JSON object per line

Options:
  --ignore POINTER   leave this JSON pointer and its subtree out (repeatable;
                       * matches any array index or key, e.g. /items/*/etag)
  --top N            how many pointers to list (default: 10)
  --format FORMAT    text (default) or json: { "compared", "mismatches",
                       "mismatchRate", "topPaths": [ { "path", "count" } ] },
                       the "shadow" part of a canary report
  -h, --help         show this help

Exit codes:
  0  the pairs were compared (whatever the mismatch rate)
  2  bad usage, an unreadable file or a malformed line (named by number)
`;

export const shadowDiffCommand: Command = {
  name: NAME,
  summary: 'Compare current and next outputs for the same requests: mismatch rate, top differing paths.',
  usage: USAGE,
  run: runShadowDiff,
};

async function runShadowDiff(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      ignore: { type: 'string', multiple: true },
      top: { type: 'string' },
      format: { type: 'string' },
    },
    NAME,
  );
  if (showedHelp(values, USAGE, io)) return 0;
  if (positionals.length !== 1) {
    throw new UsageError(
      `shadow-diff needs one PAIRS.jsonl file, but got ${positionals.length}; usage: contractguard shadow-diff PAIRS.jsonl [options]`,
    );
  }
  const format =
    oneOf<'text' | 'json'>('--format', values.format, ['text', 'json'], 'text or json', NAME) ?? 'text';
  const ignore = values.ignore ?? [];
  for (const pointer of ignore) {
    try {
      parsePointer(pointer);
    } catch (err) {
      throw new UsageError(
        `--ignore: ${err instanceof Error ? err.message : String(err)}; ${helpHint(NAME)}`,
      );
    }
  }
  let top = 10;
  if (values.top !== undefined) {
    top = Number(values.top);
    if (!/^\d+$/.test(values.top) || top < 1) {
      throw new UsageError(`--top must be a whole number, 1 or more, not ${JSON.stringify(values.top)}`);
    }
  }

  const typed = positionals[0] ?? '';
  const path = resolve(io.cwd, typed);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`PAIRS: no such file ${typed}`);
  if (stat.isDirectory()) throw new UsageError(`PAIRS: ${typed} is a directory, not a file`);

  let summary: ShadowSummary;
  try {
    summary = await compareShadowFile(path, { ignore, top });
  } catch (err) {
    if (err instanceof ShadowInputError) throw new UsageError(`${typed}:${err.line}: ${err.reason}`);
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      throw new UsageError(`PAIRS: cannot read ${typed} (${code})`);
    throw err;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderText(typed, summary));
  return 0;
}

function renderText(file: string, s: ShadowSummary): string {
  const rate = s.mismatchRate === null ? 'nothing compared' : `${num(s.mismatchRate * 100)}%`;
  const out = [`${file}: ${s.compared} pairs compared, ${s.mismatches} differ (${rate})`];
  if (s.topPaths.length > 0) {
    const width = Math.max(5, ...s.topPaths.map((p) => String(p.count).length));
    out.push('', `${'pairs'.padStart(width)}  pointer`);
    for (const p of s.topPaths)
      out.push(`${String(p.count).padStart(width)}  ${p.path === '' ? '(the whole output)' : p.path}`);
  }
  return `${out.join('\n')}\n`;
}
