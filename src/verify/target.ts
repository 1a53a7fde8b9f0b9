/**
 * Where verification sends its requests: the base URL joined with the endpoint's route (`{major}` filled
 * in), the method from endpoint.yaml (POST by default) and the headers given as `Name: value`. Bad input
 * becomes a `TargetError` with one line saying what to write instead.
 */
import { HEADER_PATTERN } from '../model/schemas.js';
import type { EndpointFile, HttpMethod } from '../model/types.js';

export class TargetError extends Error {
  override name = 'TargetError';
}

export const DEFAULT_METHOD: HttpMethod = 'POST';

/** `https://staging.internal/api` + `/internal/syncCustomers/v{major}` → `…/api/internal/syncCustomers/v3`. */
export function endpointUrl(baseUrl: string, endpoint: EndpointFile, major: number): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new TargetError(
      `--base-url must be an http or https URL (e.g. https://staging.internal), not ${JSON.stringify(baseUrl)}`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TargetError(
      `--base-url must be an http or https URL, not ${base.protocol} (${JSON.stringify(baseUrl)})`,
    );
  }
  if (base.search !== '' || base.hash !== '') {
    throw new TargetError(
      `--base-url must not have a query or fragment: the route is added to it (${JSON.stringify(baseUrl)})`,
    );
  }
  if (base.username !== '' || base.password !== '') {
    throw new TargetError(
      '--base-url must not hold credentials: pass them with --header, whose values are redacted',
    );
  }
  const route = endpoint.route.replace(/\{major\}/g, String(major));
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${route}`;
}

/** `Authorization: Bearer x` → [`Authorization`, `Bearer x`]; several headers, one string each. */
export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      // The text is not echoed: a header given without its name may still be a secret.
      throw new TargetError(
        '--header must be written "Name: value" (e.g. "Authorization: Bearer …"); one has no colon',
      );
    }
    const name = line.slice(0, colon).trim();
    if (!HEADER_PATTERN.test(name)) {
      throw new TargetError(`--header ${JSON.stringify(name)} is not an HTTP header name`);
    }
    const value = line.slice(colon + 1).trim();
    if (/[\r\n]/.test(value)) throw new TargetError(`--header ${name}: the value must be one line`);
    out[name] = value;
  }
  return out;
}

/** Headers written one per line (the Action's `headers` input): blank lines are skipped. */
export function parseHeaderLines(text: string): Record<string, string> {
  return parseHeaders(text.split(/\r?\n/).filter((line) => line.trim() !== ''));
}

/** The header that carries credentials, as given (any case), or undefined. */
export function authorizationHeader(headers: Record<string, string>): string | undefined {
  return Object.keys(headers).find((h) => h.toLowerCase() === 'authorization');
}
