/**
 * Values for the string formats of JSON Schema (those ajv-formats checks), for generated requests. Each is
 * plainly a test value (reserved documentation addresses, example.com), so that a staging system that stores
 * it shows where it came from. `seed` makes several values of one format differ (unique array items).
 */
const FORMATS: Record<string, (seed: number) => string> = {
  'date-time': (seed) => `2026-01-${pad(1 + (seed % 28))}T00:00:00Z`,
  date: (seed) => `2026-01-${pad(1 + (seed % 28))}`,
  time: (seed) => `00:00:${pad(seed % 60)}Z`,
  duration: (seed) => `P${1 + seed}D`,
  email: (seed) => `contractguard-verify${seed === 0 ? '' : `+${seed}`}@example.com`,
  'idn-email': (seed) => `contractguard-verify${seed === 0 ? '' : `+${seed}`}@example.com`,
  hostname: (seed) => `verify${seed === 0 ? '' : seed}.example.com`,
  'idn-hostname': (seed) => `verify${seed === 0 ? '' : seed}.example.com`,
  ipv4: (seed) => `192.0.2.${1 + (seed % 254)}`,
  ipv6: (seed) => `2001:db8::${(1 + seed).toString(16)}`,
  uri: (seed) => `https://example.com/contractguard-verify/${seed}`,
  url: (seed) => `https://example.com/contractguard-verify/${seed}`,
  'uri-reference': (seed) => `/contractguard-verify/${seed}`,
  iri: (seed) => `https://example.com/contractguard-verify/${seed}`,
  'iri-reference': (seed) => `/contractguard-verify/${seed}`,
  'uri-template': (seed) => `https://example.com/{id}/${seed}`,
  uuid: (seed) => `00000000-0000-4000-8000-${(seed + 1).toString(16).padStart(12, '0')}`,
  'json-pointer': (seed) => `/contractguard/${seed}`,
  'relative-json-pointer': (seed) => `${seed}/contractguard`,
  regex: () => '^contractguard$',
  byte: () => 'Y29udHJhY3RndWFyZA==',
  int32: (seed) => String(seed),
  int64: (seed) => String(seed),
  password: () => 'contractguard-verify',
  binary: () => 'contractguard',
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A value of `format`, or undefined for a format this table does not know (any string then does). */
export function sampleFormat(format: string, seed = 0): string | undefined {
  return Object.hasOwn(FORMATS, format) ? (FORMATS[format] as (s: number) => string)(seed) : undefined;
}
