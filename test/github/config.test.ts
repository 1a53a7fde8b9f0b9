/** src/github/config.ts: the bot's `.github/contractguard.yml`, checked with messages naming the key. */
import { describe, expect, it } from 'vitest';

import { DEFAULT_CONFIG, parseConfig } from '../../src/github/config.js';

describe('parseConfig', () => {
  it('gives the defaults for an empty or missing file', () => {
    expect(parseConfig({})).toEqual(DEFAULT_CONFIG);
    expect(parseConfig(null)).toEqual(DEFAULT_CONFIG);
  });

  it('keeps the values it is given, label trimmed', () => {
    const raw = { root: 'api/contracts', approveLabel: '  ok to break ', maxBytes: 1024 };
    expect(parseConfig({ ...raw, maxFiles: 5000, maxTotalBytes: 1e8 })).toEqual({
      root: 'api/contracts',
      approveLabel: 'ok to break',
      maxBytes: 1024,
      maxFiles: 5000,
      maxTotalBytes: 1e8,
    });
  });

  it('caps the work of a check by default at 1,000 files and 20 MiB per commit', () => {
    expect(parseConfig({})).toMatchObject({ maxFiles: 1000, maxTotalBytes: 20 * 1024 * 1024 });
  });

  it('normalises the root', () => {
    expect(parseConfig({ root: './api//contracts/' }).root).toBe('api/contracts');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['root not a string', { root: 3 }, /^\.github\/contractguard\.yml: root must be a path, got 3$/],
    ['root outside the repository', { root: '../elsewhere' }, /^\.github\/contractguard\.yml: root: /],
    [
      'an empty approveLabel',
      { approveLabel: ' ' },
      /^\.github\/contractguard\.yml: approveLabel must be a label name/,
    ],
    [
      'a fractional maxBytes',
      { maxBytes: 1.5 },
      /^\.github\/contractguard\.yml: maxBytes must be a positive integer, got 1\.5$/,
    ],
    [
      'a negative maxBytes',
      { maxBytes: -1 },
      /^\.github\/contractguard\.yml: maxBytes must be a positive integer/,
    ],
    [
      'a maxFiles of zero',
      { maxFiles: 0 },
      /^\.github\/contractguard\.yml: maxFiles must be a positive integer, got 0$/,
    ],
    [
      'a maxTotalBytes that is a string',
      { maxTotalBytes: '20MB' },
      /^\.github\/contractguard\.yml: maxTotalBytes must be a positive integer, got "20MB"$/,
    ],
  ])('refuses %s, naming the file and the key', (_, raw, message) => {
    expect(() => parseConfig(raw)).toThrow(message);
  });
});
