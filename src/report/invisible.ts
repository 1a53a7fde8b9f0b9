/**
 * Characters a reader cannot see but a terminal or a browser acts on: C0 and C1 control characters (an
 * escape sequence can recolour a terminal or hide a line), and the bidirectional and invisible formatting
 * characters (U+202E RIGHT-TO-LEFT OVERRIDE makes `exe.txt` read as `txt.exe`; U+2066–U+2069 isolates,
 * U+200E/F marks, U+061C, zero-width spaces, U+FEFF). File names and schema text are untrusted, so every
 * human-facing output shows them as visible escapes (`\u202E`), never raw. Line breaks and tabs are left to
 * each output: a terminal line joins them, Markdown turns them into `<br>`.
 */

const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** `text` with each invisible or control character written as `\uXXXX`. */
export function showInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
