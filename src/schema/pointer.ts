/** JSON Pointer (RFC 6901) helpers. Pointers here are plain strings: `''` is the root, `/a/b` a child. */

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export function escapeToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one reference token; `undefined` when it holds a `~` not followed by `0` or `1`. */
export function unescapeToken(token: string): string | undefined {
  if (!token.includes('~')) return token;
  if (/~(?![01])/.test(token)) return undefined;
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `appendToken('/properties', 'a/b')` → `/properties/a~1b`. */
export function appendToken(pointer: string, token: string | number): string {
  return `${pointer}/${typeof token === 'number' ? String(token) : escapeToken(token)}`;
}

/** Builds a pointer from unescaped tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const token of tokens) out = appendToken(out, token);
  return out;
}

/** Splits a pointer into unescaped tokens; `undefined` when it is not a valid pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens: string[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(raw);
    if (token === undefined) return undefined;
    tokens.push(token);
  }
  return tokens;
}

/**
 * Shortens a long pointer for a message, cutting at a token boundary and ending in `/…`.
 * The root is shown as `/`.
 */
export function shortenPointer(pointer: string, max = 80): string {
  if (pointer === '') return '/';
  if (pointer.length <= max) return pointer;
  const cut = pointer.lastIndexOf('/', max);
  return `${pointer.slice(0, cut > 0 ? cut : max)}/…`;
}
