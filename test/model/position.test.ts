import { describe, expect, it } from 'vitest';
import { positionIndex } from '../../src/model/position.js';

const YAML = [
  'type: object', //                 1
  'properties:', //                  2
  '  id:', //                        3
  '    type: string', //             4
  '  tags:', //                      5
  '    type: array', //              6
  '    items: [{ type: string }, { type: integer }]', // 7
  '  a/b: { const: 1 }', //          8
].join('\n');

const JSON_TEXT = `{
  "type": "object",
  "properties": {
    "id": { "type": "string" },
    "name": {
      "type": "string"
    }
  }
}
`;

describe('positionIndex', () => {
  it('places a map entry holding a mapping at its key', () => {
    expect(positionIndex(YAML, 'in.yaml')('/properties/id')).toEqual({ file: 'in.yaml', line: 3, column: 3 });
  });

  it('places a scalar at its value', () => {
    expect(positionIndex(YAML, 'in.yaml')('/properties/id/type')).toEqual({
      file: 'in.yaml',
      line: 4,
      column: 11,
    });
  });

  it('places a list item at the item', () => {
    expect(positionIndex(YAML, 'in.yaml')('/properties/tags/items/1')).toEqual({
      file: 'in.yaml',
      line: 7,
      column: 31,
    });
  });

  it('unescapes pointer tokens', () => {
    expect(positionIndex(YAML, 'in.yaml')('/properties/a~1b/const')).toEqual({
      file: 'in.yaml',
      line: 8,
      column: 17,
    });
  });

  it('falls back to the nearest existing ancestor for a pointer that does not exist', () => {
    const index = positionIndex(YAML, 'in.yaml');
    expect(index('/properties/id/minLength')).toEqual(index('/properties/id'));
    expect(index('/properties/tags/items/7/type')).toEqual(index('/properties/tags/items'));
  });

  it('places the root pointer at the start of the document', () => {
    expect(positionIndex(`# comment\n${YAML}`, 'in.yaml')('')).toEqual({
      file: 'in.yaml',
      line: 2,
      column: 1,
    });
  });

  it('reads JSON files the same way', () => {
    const index = positionIndex(JSON_TEXT, 'in.json');
    expect(index('/properties/name')).toEqual({ file: 'in.json', line: 5, column: 5 });
    expect(index('/properties/id/type')).toEqual({ file: 'in.json', line: 4, column: 21 });
  });

  it('answers undefined for a string that is not a JSON pointer', () => {
    expect(positionIndex(YAML, 'in.yaml')('properties')).toBeUndefined();
  });
});
