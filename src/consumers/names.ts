/** How a JSON pointer into a value is named in messages about consumers' fixtures and arguments. */

/** `customers[0].email` for `/customers/0/email`; `whole` (default "the value") for ``. */
export function instanceName(pointer: string, whole = 'the value'): string {
  if (pointer === '') return whole;
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(token) ? `[${token}]` : out === '' ? token : `.${token}`;
  }
  return `\`${out}\``;
}
