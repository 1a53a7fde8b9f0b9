/**
 * What the example endpoints share: errors as `{ code, message }` bodies with a declared status, cursors
 * (opaque base64url JSON), and the few input checks their request schemas ask for, written by hand as a
 * quick script would.
 */

/** An error the endpoint answers with: the body carries `code`, as the contracts' `errors` declare. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Whether the caller sent something the contract does not allow (the faults that mishandle it key on this). */
    readonly invalidInput = false,
  ) {
    super(message);
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Body = Record<string, unknown>;

/** Invalid input, with the code a given endpoint declares for it. */
export type Reject = (message: string) => never;

export function rejecter(code: string, status = 400): Reject {
  return (message) => {
    throw new ApiError(status, code, message, true);
  };
}

export function objectBody(body: unknown, reject: Reject): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    reject('the body must be a JSON object');
  return body as Body;
}

/** Rejects fields the endpoint does not know (for inputs whose schema is closed). */
export function onlyKnown(body: Body, known: readonly string[], reject: Reject): void {
  const unknown = Object.keys(body).find((k) => !known.includes(k));
  if (unknown !== undefined) reject(`unknown field ${unknown}`);
}

export function optionalString(
  body: Body,
  field: string,
  reject: Reject,
  check?: { pattern?: RegExp; minLength?: number; dateTime?: boolean },
): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') reject(`${field} must be a string`);
  const text = value as string;
  if (check?.minLength !== undefined && text.length < check.minLength) reject(`${field} is too short`);
  if (check?.pattern !== undefined && !check.pattern.test(text)) reject(`${field} is malformed`);
  if (check?.dateTime && !isDateTime(text)) reject(`${field} must be an ISO 8601 date-time`);
  return text;
}

export function optionalInteger(
  body: Body,
  field: string,
  min: number,
  max: number,
  reject: Reject,
): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) reject(`${field} must be a whole number`);
  if ((value as number) < min || (value as number) > max)
    reject(`${field} must be between ${min} and ${max}`);
  return value as number;
}

export function optionalBoolean(body: Body, field: string, reject: Reject): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') reject(`${field} must be true or false`);
  return value as boolean;
}

export function isDateTime(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
    !Number.isNaN(Date.parse(text))
  );
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque cursor: where the next page starts. */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor holds, or undefined when it is not one this endpoint issued. */
export function decodeCursor(cursor: string, keys: readonly string[]): Record<string, string> | undefined {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof position !== 'object' || position === null) return undefined;
    const record = position as Record<string, unknown>;
    return keys.every((k) => typeof record[k] === 'string') ? (record as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}
