/**
 * A string matching a schema `pattern`, for generated requests: `^cus_[A-Za-z0-9]{8,32}$` → `cus_ABCDEFGH`.
 * Covers the regular-expression syntax schemas use in practice (literals, classes and ranges, escapes,
 * groups, alternation, quantifiers); anything else (lookaround, backreferences) answers undefined, and the
 * generator says which field it could not fill. The result is checked by ajv like every generated value.
 * Runs in time linear in the pattern: nothing here backtracks.
 */

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const WORD = `${UPPER}${LOWER}${DIGITS}_`;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** Longest pattern read, and longest sample made (the shortest match is used: quantifiers at their minimum). */
const MAX_PATTERN_LENGTH = 1_000;

class Unsupported extends Error {}

/**
 * A string `pattern` matches, or undefined when the pattern uses syntax this sampler does not read.
 * `seed` varies the characters chosen, so that several samples of one pattern differ (unique array items).
 */
export function samplePattern(pattern: string, seed = 0): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return undefined;
  try {
    const parser = new Sampler(pattern, seed);
    const out = parser.alternation();
    if (parser.pos !== pattern.length) return undefined;
    return out;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Sampler {
  pos = 0;
  private picks = 0;

  constructor(
    private readonly src: string,
    private readonly seed: number,
  ) {}

  alternation(): string {
    const first = this.sequence();
    while (this.src[this.pos] === '|') {
      this.pos++;
      this.sequence(); // Parsed to move past it; the first alternative is the sample.
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const start = this.pos;
      const first = this.atom();
      const { min } = this.quantifier();
      if (min > MAX_PATTERN_LENGTH) throw new Unsupported();
      const after = this.pos;
      if (min > 0) out += first;
      // Each repetition is sampled afresh (`[A-Z]{3}` → `ABC`, not `AAA`).
      for (let k = 1; k < min && out.length <= MAX_PATTERN_LENGTH; k++) {
        this.pos = start;
        out += this.atom();
      }
      this.pos = after;
      if (out.length > MAX_PATTERN_LENGTH) throw new Unsupported();
    }
    return out;
  }

  /** One atom's sample (zero-width assertions give ''). */
  private atom(): string {
    const ch = this.src[this.pos++] as string;
    switch (ch) {
      case '^':
      case '$':
        return '';
      case '.':
        return this.pick(LOWER);
      case '(':
        return this.group();
      case '[':
        return this.pick(this.charClass());
      case '\\':
        return this.pick(this.escape(false));
      case '*':
      case '+':
      case '?':
        throw new Unsupported(); // nothing to repeat
      // A `{` that does not start a quantifier is a literal (`a{b`).
      default:
        return ch;
    }
  }

  private group(): string {
    if (this.src[this.pos] === '?') {
      const next = this.src[this.pos + 1];
      if (next === ':') this.pos += 2;
      else if (next === '<' && /[A-Za-z]/.test(this.src[this.pos + 2] ?? '')) {
        const end = this.src.indexOf('>', this.pos);
        if (end < 0) throw new Unsupported();
        this.pos = end + 1;
      } else throw new Unsupported(); // lookaround and inline flags
    }
    const out = this.alternation();
    if (this.src[this.pos] !== ')') throw new Unsupported();
    this.pos++;
    return out;
  }

  /** The quantifier after an atom: how often it repeats at least (the sample uses the minimum). */
  private quantifier(): { min: number } {
    const ch = this.src[this.pos];
    let min = 1;
    if (ch === '?' || ch === '*') {
      this.pos++;
      min = 0;
    } else if (ch === '+') {
      this.pos++;
      min = 1;
    } else if (ch === '{') {
      const match = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (match === null) return { min }; // a literal `{`
      this.pos += match[0].length;
      min = Number(match[1]);
    } else return { min };
    if (this.src[this.pos] === '?' || this.src[this.pos] === '+') this.pos++; // lazy or possessive
    return { min };
  }

  /** The characters of `[...]` (ranges expanded; a negated class: printable ASCII outside it). */
  private charClass(): string {
    const negated = this.src[this.pos] === '^';
    if (negated) this.pos++;
    let chars = '';
    let first = true;
    while (this.pos < this.src.length && (this.src[this.pos] !== ']' || first)) {
      first = false;
      const start = this.classChar();
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const end = this.classChar();
        if (start.length !== 1 || end.length !== 1) throw new Unsupported();
        for (let c = start.charCodeAt(0); c <= end.charCodeAt(0); c++) chars += String.fromCharCode(c);
      } else chars += start;
    }
    if (this.src[this.pos] !== ']') throw new Unsupported();
    this.pos++;
    const set = negated ? [...PRINTABLE].filter((c) => !chars.includes(c)).join('') : chars;
    if (set === '') throw new Unsupported();
    return set;
  }

  private classChar(): string {
    const ch = this.src[this.pos++] as string;
    return ch === '\\' ? this.escape(true) : ch;
  }

  /** The characters an escape stands for. */
  private escape(inClass: boolean): string {
    const ch = this.src[this.pos++];
    switch (ch) {
      case undefined:
        throw new Unsupported();
      case 'd':
        return DIGITS;
      case 'w':
        return WORD;
      case 's':
        return ' ';
      case 'D':
        return LOWER;
      case 'W':
        return '-';
      case 'S':
        return LOWER;
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        if (inClass) return '\b';
        return '';
      case 'B':
        throw new Unsupported();
      case 'x':
      case 'u': {
        const digits = ch === 'x' ? 2 : 4;
        const hex = this.src.slice(this.pos, this.pos + digits);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) throw new Unsupported();
        this.pos += digits;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        if (/[1-9]/.test(ch)) throw new Unsupported(); // backreference
        return ch;
    }
  }

  /** One character of a set, varied by the seed and by position so that strings do not repeat one char. */
  private pick(set: string): string {
    if (set.length <= 1) return set;
    const index = (this.picks++ + this.seed) % set.length;
    return set[index] as string;
  }
}
