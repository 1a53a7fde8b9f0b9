import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

import { sampleFormat } from '../../src/verify/formats.js';

const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);

describe('sampleFormat', () => {
  it.each([
    'date-time',
    'date',
    'time',
    'duration',
    'email',
    'hostname',
    'ipv4',
    'ipv6',
    'uri',
    'uri-reference',
    'uuid',
    'json-pointer',
    'regex',
  ])('makes a %s value that ajv-formats accepts, for several seeds', (format) => {
    const validate = ajv.compile({ type: 'string', format });
    for (const seed of [0, 1, 41])
      expect(validate(sampleFormat(format, seed)), `${format} #${seed}`).toBe(true);
  });

  it('makes different values for different seeds (unique items)', () => {
    expect(sampleFormat('uuid', 0)).not.toBe(sampleFormat('uuid', 1));
  });

  it('answers undefined for a format it does not know', () => {
    expect(sampleFormat('x-internal-id')).toBeUndefined();
  });
});
