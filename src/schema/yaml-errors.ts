/**
 * The YAML parser's errors in a reader's words. The parser reports where it noticed a problem, which is
 * often not where the mistake is (a mis-indented key is reported at the start of its line, an unclosed quote
 * at the end of the file): this finds the mistake — the key indented 3 spaces among siblings at 2, the quote
 * that is never closed — and says what to change there.
 */
/** What the `yaml` package reports (`YAMLError`): a code, its message, and the offsets it points at. */
export interface YamlParserError {
  code: string;
  message: string;
  pos: [number, number];
}

/** Where the mistake is (a character offset into the text) and what to do about it. */
export interface YamlMistake {
  offset: number;
  message: string;
}

interface Line {
  /** 1-based. */
  number: number;
  start: number;
  text: string;
  indent: number;
}

/**
 * The mistake behind a parser error, said plainly: `offset` is where to look, `message` (without an
 * "invalid YAML" prefix) what is wrong and how to fix it. Falls back to the parser's own first line.
 */
export function describeYamlError(text: string, error: YamlParserError): YamlMistake {
  const offset = error.pos[0];
  const first = (error.message.split('\n')[0] ?? 'syntax error').replace(/ at line \d+, column \d+:?$/, '');
  const fallback = { offset, message: `${first.charAt(0).toLowerCase()}${first.slice(1)}` };
  const lines = splitLines(text);
  const here = lineOf(lines, offset);
  if (here === undefined) return fallback;
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return {
        offset: here.start,
        message:
          'this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces',
      };
    case 'BAD_INDENT':
      if (/^Flow (map|sequence)/.test(first)) return unclosedFlow(text, offset, first) ?? fallback;
      return badIndent(lines, here) ?? fallback;
    case 'MISSING_CHAR': {
      const quote = /^Missing closing (["'])quote/.exec(first)?.[1];
      if (quote !== undefined) {
        const open = openingQuote(text, offset, quote);
        if (open === undefined) return fallback;
        return {
          offset: open,
          message: `this string opens with ${quote} but is never closed: add the closing ${quote} at the end of the value`,
        };
      }
      if (first.startsWith('Implicit map keys need to be followed by map values')) {
        const key = here.text.trim();
        return {
          offset: here.start + here.indent,
          message: `\`${clip(key)}\` has no \`:\` after it: write \`${clip(key)}: value\`, or join it to the line above if it continues that value`,
        };
      }
      return fallback;
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      return compactMapping(lines, here) ?? fallback;
    case 'BAD_SCALAR_START': {
      const char = /reserved character (\S)/.exec(first)?.[1];
      if (char === undefined) return fallback;
      const value = text
        .slice(offset, here.start + here.text.length)
        .replace(/\s+#.*$/, '')
        .trim();
      return {
        offset,
        message: `a plain value cannot start with \`${char}\`: put it in quotes ('${clip(value.replace(/'/g, "''"))}')`,
      };
    }
    default:
      return fallback;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  for (;;) {
    const end = text.indexOf('\n', start);
    const raw = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
    lines.push({ number, start, text: raw, indent: raw.length - raw.trimStart().length });
    if (end === -1) return lines;
    start = end + 1;
    number++;
  }
}

/** The line holding character `offset` (the last line for an offset past the end). */
function lineOf(lines: Line[], offset: number): Line | undefined {
  let found: Line | undefined;
  for (const line of lines) {
    if (line.start > offset) break;
    found = line;
  }
  return found;
}

/** A line with something on it besides a comment. */
function isContent(line: Line): boolean {
  const trimmed = line.text.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The key a line starts (`idempotent` of `  idempotent: true`), or the line's start. */
function keyOf(line: Line): string {
  const body = line.text.trim().replace(/^-\s+/, '');
  const colon = body.search(/:(\s|$)/);
  return clip(colon > 0 ? body.slice(0, colon) : body);
}

function spaces(n: number): string {
  return n === 1 ? '1 space' : `${n} spaces`;
}

/**
 * "All mapping items must start at the same column", reported at the start of the line that breaks the
 * block: compare its indentation with the line before it that has content.
 */
function badIndent(lines: Line[], here: Line): YamlMistake | undefined {
  const current = lines.slice(here.number - 1).find(isContent);
  if (current === undefined) return undefined;
  const previous = lines
    .slice(0, current.number - 1)
    .reverse()
    .find(isContent);
  const at = current.start + current.indent;
  const key = keyOf(current);
  if (previous === undefined) {
    return {
      offset: at,
      message: `\`${key}\` is indented ${spaces(current.indent)}; a top-level key starts at the first column`,
    };
  }
  if (previous.text.trimStart().startsWith('- ') && previous.indent === current.indent) {
    return {
      offset: at,
      message: `\`${key}\` is indented like the list item on line ${previous.number}: a key cannot continue a list — indent it to its mapping's other keys, or make it a list item (\`- ${key}: …\`)`,
    };
  }
  if (previous.indent === current.indent) return undefined;
  return {
    offset: at,
    message: `\`${key}\` is indented ${spaces(current.indent)}, but its siblings use ${previous.indent} (line ${previous.number}): keys of one mapping start at the same column`,
  };
}

/**
 * "Nested mappings are not allowed in compact mappings": either a value holds `: ` (`description: a: b`), or
 * the next line is indented under a key that already has its value on its own line.
 */
function compactMapping(lines: Line[], here: Line): YamlMistake | undefined {
  const body = here.text.slice(here.indent).replace(/^-\s+/, '');
  const colon = body.search(/:(\s|$)/);
  const value = colon < 0 ? '' : body.slice(colon + 1).trim();
  if (value !== '' && /:(\s|$)/.test(value) && !/^["'{[]/.test(value)) {
    const key = body.slice(0, colon);
    return {
      offset: here.start + here.text.indexOf(value, here.indent),
      message: `the value of \`${clip(key)}\` holds \`: \`, which YAML reads as another key: put the value in quotes ("${clip(value)}")`,
    };
  }
  const next = lines.slice(here.number).find(isContent);
  if (next !== undefined && next.indent > here.indent && value !== '') {
    return {
      offset: next.start + next.indent,
      message: `\`${keyOf(next)}\` is indented ${spaces(next.indent)}, under \`${keyOf(here)}\` (line ${here.number}), which already has its value on its line: indent it like \`${keyOf(here)}\` (${here.indent === 0 ? 'at the first column' : spaces(here.indent)})`,
    };
  }
  return undefined;
}

/** A `{` or `[` that is never closed: the opening bracket before `offset` with no partner. */
function unclosedFlow(text: string, offset: number, first: string): YamlMistake | undefined {
  const [open, close] = first.startsWith('Flow map') ? ['{', '}'] : ['[', ']'];
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === close) depth++;
    else if (c === open) {
      if (depth === 0) {
        return {
          offset: i,
          message: `this \`${open}\` is never closed: end it with \`${close}\` before the line ends`,
        };
      }
      depth--;
    }
  }
  return undefined;
}

/** The quote that opened the unterminated string reported at `offset`: the last one before it. */
function openingQuote(text: string, offset: number, quote: string): number | undefined {
  const at = text.lastIndexOf(quote, Math.max(0, Math.min(offset, text.length) - 1));
  return at === -1 ? undefined : at;
}
