import { type Case, both, mirrored, obj, runCases } from '../helpers.js';

const str = { type: 'string' };
const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  obj(properties as Record<string, { type: string }>, { additionalProperties: false, ...extra });

const cases: Case[] = [
  // ---- properties: the design examples ---------------------------------------------------------------
  ...both(
    'input: a new required field',
    obj({ id: str }),
    obj({ id: str, email: str }, { required: ['email'] }),
    {
      // One change for the reader: the compatible-looking property-added beside it is collapsed.
      input: [
        {
          rule: 'required-added',
          severity: 'breaking',
          path: '/required',
          message:
            '`email` was added as a required property of the request; requests without it are now rejected.',
        },
      ],
      output: [{ rule: 'required-added', severity: 'additive', path: '/required' }],
    },
    'pragmatic',
  ),
  ...both(
    'input: a new required field',
    obj({ id: str }),
    obj({ id: str, email: str }, { required: ['email'] }),
    {
      // Strict: the property-added that is itself breaking (an open object constrained) stays.
      input: [
        { rule: 'required-added', severity: 'breaking', path: '/required' },
        { rule: 'property-added', severity: 'breaking', path: '/properties/email' },
      ],
      output: [{ rule: 'required-added', severity: 'additive', path: '/required' }],
    },
    'strict',
  ),
  ...both(
    'output: a field removed from an open object',
    obj({ id: str, email: str }),
    obj({ id: str }),
    {
      input: [
        {
          rule: 'property-removed',
          severity: 'dangerous',
          path: '/properties/email',
          message: '`email` was removed; clients that still send it are now silently ignored.',
        },
      ],
      output: [
        {
          rule: 'property-removed',
          severity: 'breaking',
          path: '/properties/email',
          message: '`email` was removed; consumers that read it will get undefined.',
        },
      ],
    },
    'pragmatic',
  ),
  ...both(
    'output: a field removed from an open object',
    obj({ id: str, email: str }),
    obj({ id: str }),
    {
      input: [{ rule: 'property-removed', severity: 'additive', path: '/properties/email' }],
      output: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/email' }],
    },
    'strict',
  ),
  ...both(
    'a field removed from a closed object',
    closed({ id: str, email: str }),
    closed({ id: str }),
    {
      input: [
        {
          rule: 'property-removed',
          severity: 'breaking',
          path: '/properties/email',
          message: '`email` was removed; clients that still send it are now rejected.',
        },
      ],
      output: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/email' }],
    },
    'pragmatic',
  ),
  ...both(
    'a field removed from a closed object',
    closed({ id: str, email: str }),
    closed({ id: str }),
    {
      input: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/email' }],
      output: [{ rule: 'property-removed', severity: 'additive', path: '/properties/email' }],
    },
    'strict',
  ),
  ...both(
    'output: fields added',
    obj({ id: str }),
    obj({ id: str, name: str, age: { type: 'integer' } }),
    {
      input: [
        { rule: 'property-added', severity: 'additive', path: '/properties/age' },
        { rule: 'property-added', severity: 'additive', path: '/properties/name' },
      ],
      output: [
        { rule: 'property-added', severity: 'additive', path: '/properties/age' },
        { rule: 'property-added', severity: 'additive', path: '/properties/name' },
      ],
    },
    'pragmatic',
  ),
  ...both(
    'a field removed where additionalProperties already allowed the same values',
    obj({ id: str }, { additionalProperties: str }),
    obj({}, { additionalProperties: str }),
    {
      input: [{ rule: 'property-removed', severity: 'dangerous', path: '/properties/id' }],
      output: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/id' }],
    },
    'pragmatic',
  ),
  ...both(
    'a field removed where additionalProperties already allowed the same values',
    obj({ id: str }, { additionalProperties: str }),
    obj({}, { additionalProperties: str }),
    {
      input: [{ rule: 'property-removed', severity: 'none', path: '/properties/id' }],
      output: [{ rule: 'property-removed', severity: 'none', path: '/properties/id' }],
    },
    'strict',
  ),
  ...both(
    'a nested field added',
    obj({ customer: obj({ id: str }) }),
    obj({ customer: obj({ id: str, tier: str }) }),
    {
      input: [
        {
          rule: 'property-added',
          severity: 'additive',
          path: '/properties/customer/properties/tier',
          message: '`customer.tier` was added',
        },
      ],
      output: [
        { rule: 'property-added', severity: 'additive', path: '/properties/customer/properties/tier' },
      ],
    },
    'pragmatic',
  ),

  // ---- required ------------------------------------------------------------------------------------
  ...mirrored(
    'output: a field required → optional',
    obj({ id: str, email: str }, { required: ['id', 'email'] }),
    obj({ id: str, email: str }, { required: ['id'] }),
    {
      input: [{ rule: 'required-removed', severity: 'additive', path: '/required' }],
      output: [
        {
          rule: 'required-removed',
          severity: 'breaking',
          path: '/required',
          message:
            '`email` is no longer required in the response; consumers that expect `email` to be present may break.',
        },
      ],
    },
    {
      input: [{ rule: 'required-added', severity: 'breaking', path: '/required' }],
      output: [{ rule: 'required-added', severity: 'additive', path: '/required' }],
    },
  ),

  // ---- additionalProperties / unevaluatedProperties --------------------------------------------------
  ...mirrored(
    'an open object closed',
    obj({ id: str }),
    closed({ id: str }),
    {
      input: [
        {
          rule: 'additional-properties-closed',
          severity: 'dangerous',
          path: '',
          message:
            'The request no longer allows undeclared properties (`additionalProperties: false`); clients that send extra fields are now rejected.',
        },
      ],
      output: [{ rule: 'additional-properties-closed', severity: 'additive', path: '' }],
    },
    {
      input: [{ rule: 'additional-properties-opened', severity: 'additive', path: '' }],
      output: [
        {
          rule: 'additional-properties-opened',
          severity: 'dangerous',
          path: '',
          message:
            'The response now allows undeclared properties; consumers that treat the object as closed may see unexpected fields.',
        },
      ],
    },
    'pragmatic',
  ),
  ...mirrored(
    'an open object closed',
    obj({ id: str }),
    closed({ id: str }),
    {
      input: [{ rule: 'additional-properties-closed', severity: 'breaking', path: '' }],
      output: [{ rule: 'additional-properties-closed', severity: 'additive', path: '' }],
    },
    {
      input: [{ rule: 'additional-properties-opened', severity: 'additive', path: '' }],
      output: [{ rule: 'additional-properties-opened', severity: 'breaking', path: '' }],
    },
    'strict',
  ),
  ...both(
    'a closed object opened to a schema',
    closed({ id: str }),
    obj({ id: str }, { additionalProperties: str }),
    {
      input: [{ rule: 'additional-properties-opened', severity: 'additive', path: '' }],
      output: [
        {
          rule: 'additional-properties-opened',
          severity: 'dangerous',
          path: '',
          message: 'now allows undeclared properties matching a schema',
        },
      ],
    },
    'pragmatic',
  ),
  ...both(
    'unevaluatedProperties: false closes the object too',
    obj({ id: str }),
    obj({ id: str }, { unevaluatedProperties: false }),
    {
      input: [
        {
          rule: 'additional-properties-closed',
          severity: 'dangerous',
          path: '',
          message: 'no longer allows undeclared properties (`unevaluatedProperties: false`)',
        },
      ],
      output: [{ rule: 'additional-properties-closed', severity: 'additive', path: '' }],
    },
    'pragmatic',
  ),
  ...both(
    'unevaluatedProperties opened',
    obj({ id: str }, { unevaluatedProperties: false }),
    obj({ id: str }),
    {
      input: [{ rule: 'additional-properties-opened', severity: 'additive', path: '' }],
      output: [{ rule: 'additional-properties-opened', severity: 'breaking', path: '' }],
    },
    'strict',
  ),
  ...both(
    // `additionalProperties: {}` says nothing about validity, but it evaluates every property, so the
    // `unevaluatedProperties: false` beside it closes nothing; without it, the object is closed. The allOf
    // part repeating a declared property merges on both sides (no part is reported removed).
    'an always-true additionalProperties beside an allOf part keeps unevaluatedProperties from closing the object',
    obj(
      { id: str },
      { additionalProperties: {}, unevaluatedProperties: false, allOf: [{ properties: { id: str } }] },
    ),
    obj({ id: str }, { unevaluatedProperties: false, allOf: [{ properties: { id: str } }] }),
    {
      input: [{ rule: 'additional-properties-closed', severity: 'breaking', path: '' }],
      output: [{ rule: 'additional-properties-closed', severity: 'additive', path: '' }],
    },
    'strict',
  ),
  ...both(
    'the additionalProperties schema narrowed',
    obj({}, { additionalProperties: str }),
    obj({}, { additionalProperties: { type: 'string', maxLength: 3 } }),
    {
      input: [{ rule: 'max-length-added', severity: 'breaking', path: '/additionalProperties/maxLength' }],
      output: [{ rule: 'max-length-added', severity: 'additive', path: '/additionalProperties/maxLength' }],
    },
  ),
  ...both(
    'the unevaluatedProperties schema narrowed',
    obj({}, { unevaluatedProperties: { type: ['string', 'integer'] } }),
    obj({}, { unevaluatedProperties: str }),
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/unevaluatedProperties/type' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/unevaluatedProperties/type' }],
    },
  ),

  // ---- patternProperties -----------------------------------------------------------------------------
  ...mirrored(
    'a pattern property added to a closed object also constrains the declared names it matches (soundness finding F3)',
    closed({ b: str }),
    closed({ b: str }, { patternProperties: { '^b': { type: 'array' } } }),
    {
      input: [{ rule: 'pattern-property-added', severity: 'breaking', path: '/patternProperties/^b' }],
      output: [{ rule: 'pattern-property-added', severity: 'breaking', path: '/patternProperties/^b' }],
    },
    {
      input: [{ rule: 'pattern-property-removed', severity: 'breaking', path: '/patternProperties/^b' }],
      output: [{ rule: 'pattern-property-removed', severity: 'breaking', path: '/patternProperties/^b' }],
    },
    'strict',
  ),
  ...both(
    'a pattern that every declared name it matches already satisfies, added to a closed object',
    closed({ b: str }),
    closed({ b: str }, { patternProperties: { '^b': str } }),
    {
      input: [{ rule: 'pattern-property-added', severity: 'additive', path: '/patternProperties/^b' }],
      output: [{ rule: 'pattern-property-added', severity: 'breaking', path: '/patternProperties/^b' }],
    },
    'strict',
  ),
  ...mirrored(
    'a pattern property added to an open object (strict: set inclusion)',
    obj({ id: str }),
    obj({ id: str }, { patternProperties: { '^x-': str } }),
    {
      input: [
        {
          rule: 'pattern-property-added',
          severity: 'breaking',
          path: '/patternProperties/^x-',
          message: 'was added: properties matching `^x-` now follow its schema',
        },
      ],
      output: [{ rule: 'pattern-property-added', severity: 'additive', path: '/patternProperties/^x-' }],
    },
    {
      input: [{ rule: 'pattern-property-removed', severity: 'additive', path: '/patternProperties/^x-' }],
      output: [
        {
          rule: 'pattern-property-removed',
          severity: 'breaking',
          path: '/patternProperties/^x-',
          message: 'was removed: properties matching `^x-` now fall under `additionalProperties`',
        },
      ],
    },
    'strict',
  ),
  ...mirrored(
    'a pattern property added to a closed object (strict: set inclusion)',
    closed({ id: str }),
    closed({ id: str }, { patternProperties: { '^x-': str } }),
    {
      input: [{ rule: 'pattern-property-added', severity: 'additive', path: '/patternProperties/^x-' }],
      output: [{ rule: 'pattern-property-added', severity: 'breaking', path: '/patternProperties/^x-' }],
    },
    {
      input: [{ rule: 'pattern-property-removed', severity: 'breaking', path: '/patternProperties/^x-' }],
      output: [{ rule: 'pattern-property-removed', severity: 'additive', path: '/patternProperties/^x-' }],
    },
    'strict',
  ),
  // Pragmatic: a pattern property is a declaration, like a named one: additive when added; when
  // removed, dangerous for inputs (clients may still send such fields) and breaking for outputs.
  ...mirrored(
    'a pattern property added to an open object (pragmatic: a new declaration)',
    obj({ id: str }),
    obj({ id: str }, { patternProperties: { '^x-': str } }),
    {
      input: [{ rule: 'pattern-property-added', severity: 'additive', path: '/patternProperties/^x-' }],
      output: [{ rule: 'pattern-property-added', severity: 'additive', path: '/patternProperties/^x-' }],
    },
    {
      input: [{ rule: 'pattern-property-removed', severity: 'dangerous', path: '/patternProperties/^x-' }],
      output: [{ rule: 'pattern-property-removed', severity: 'breaking', path: '/patternProperties/^x-' }],
    },
    'pragmatic',
  ),
  ...mirrored(
    'a pattern property added to a closed object (pragmatic: a new declaration)',
    closed({ id: str }),
    closed({ id: str }, { patternProperties: { '^x-': str } }),
    {
      input: [{ rule: 'pattern-property-added', severity: 'additive', path: '/patternProperties/^x-' }],
      output: [{ rule: 'pattern-property-added', severity: 'additive', path: '/patternProperties/^x-' }],
    },
    {
      input: [{ rule: 'pattern-property-removed', severity: 'breaking', path: '/patternProperties/^x-' }],
      output: [{ rule: 'pattern-property-removed', severity: 'breaking', path: '/patternProperties/^x-' }],
    },
    'pragmatic',
  ),
  ...both(
    'a pattern property schema narrowed',
    obj({}, { patternProperties: { '^x-': str } }),
    obj({}, { patternProperties: { '^x-': { type: 'string', maxLength: 3 } } }),
    {
      input: [{ rule: 'max-length-added', severity: 'breaking', path: '/patternProperties/^x-/maxLength' }],
      output: [{ rule: 'max-length-added', severity: 'additive', path: '/patternProperties/^x-/maxLength' }],
    },
  ),
  ...both(
    'a declared property is compared with the pattern it falls under',
    obj({}, { patternProperties: { '^x-': str } }),
    obj({ 'x-id': str }, { patternProperties: { '^x-': str } }),
    {
      input: [{ rule: 'property-added', severity: 'none', path: '/properties/x-id' }],
      output: [{ rule: 'property-added', severity: 'none', path: '/properties/x-id' }],
    },
    'strict',
  ),

  // ---- propertyNames ---------------------------------------------------------------------------------
  ...mirrored(
    'propertyNames added',
    obj({}),
    obj({}, { propertyNames: { pattern: '^[a-z]+$' } }),
    {
      input: [
        {
          rule: 'property-names-added',
          severity: 'breaking',
          path: '/propertyNames',
          message: 'property names are now constrained',
        },
      ],
      output: [{ rule: 'property-names-added', severity: 'additive', path: '/propertyNames' }],
    },
    {
      input: [{ rule: 'property-names-removed', severity: 'additive', path: '/propertyNames' }],
      output: [{ rule: 'property-names-removed', severity: 'breaking', path: '/propertyNames' }],
    },
  ),
  ...both(
    'a property declared under a name propertyNames rejects admits nothing new',
    obj({}, { propertyNames: { pattern: '^[a-z]+$' } }),
    obj({ X1: str }, { propertyNames: { pattern: '^[a-z]+$' } }),
    {
      input: [{ rule: 'property-added', severity: 'none', path: '/properties/X1' }],
      output: [{ rule: 'property-added', severity: 'none', path: '/properties/X1' }],
    },
    'strict',
  ),
  ...mirrored(
    'a property declared under a name the old propertyNames rejected',
    obj({ id: str }, { propertyNames: { enum: ['id'] } }),
    obj({ id: str, name: str }, { propertyNames: { enum: ['id', 'name'] } }),
    {
      input: [
        { rule: 'enum-value-added', severity: 'additive', path: '/propertyNames/enum' },
        { rule: 'property-added', severity: 'additive', path: '/properties/name' },
      ],
      output: [
        { rule: 'enum-value-added', severity: 'breaking', path: '/propertyNames/enum' },
        { rule: 'property-added', severity: 'breaking', path: '/properties/name' },
      ],
    },
    {
      input: [
        { rule: 'enum-value-removed', severity: 'breaking', path: '/propertyNames/enum' },
        { rule: 'property-removed', severity: 'breaking', path: '/properties/name' },
      ],
      output: [
        { rule: 'enum-value-removed', severity: 'additive', path: '/propertyNames/enum' },
        { rule: 'property-removed', severity: 'additive', path: '/properties/name' },
      ],
    },
    'strict',
  ),
  ...both(
    'propertyNames narrowed',
    obj({}, { propertyNames: { maxLength: 10 } }),
    obj({}, { propertyNames: { maxLength: 5 } }),
    {
      input: [{ rule: 'max-length-decreased', severity: 'breaking', path: '/propertyNames/maxLength' }],
      output: [{ rule: 'max-length-decreased', severity: 'additive', path: '/propertyNames/maxLength' }],
    },
  ),

  // ---- min/maxProperties -----------------------------------------------------------------------------
  ...mirrored(
    'minProperties added',
    obj({}),
    obj({}, { minProperties: 1 }),
    {
      input: [{ rule: 'min-properties-added', severity: 'breaking', path: '/minProperties' }],
      output: [{ rule: 'min-properties-added', severity: 'additive', path: '/minProperties' }],
    },
    {
      input: [{ rule: 'min-properties-removed', severity: 'additive', path: '/minProperties' }],
      output: [{ rule: 'min-properties-removed', severity: 'breaking', path: '/minProperties' }],
    },
  ),
  ...mirrored(
    'minProperties raised',
    obj({}, { minProperties: 1 }),
    obj({}, { minProperties: 2 }),
    {
      input: [
        {
          rule: 'min-properties-increased',
          severity: 'breaking',
          path: '/minProperties',
          message: 'number of properties must now be ≥ 2 (was ≥ 1)',
        },
      ],
      output: [{ rule: 'min-properties-increased', severity: 'additive', path: '/minProperties' }],
    },
    {
      input: [{ rule: 'min-properties-decreased', severity: 'additive', path: '/minProperties' }],
      output: [{ rule: 'min-properties-decreased', severity: 'breaking', path: '/minProperties' }],
    },
  ),
  ...mirrored(
    'maxProperties added',
    obj({}),
    obj({}, { maxProperties: 5 }),
    {
      input: [{ rule: 'max-properties-added', severity: 'breaking', path: '/maxProperties' }],
      output: [{ rule: 'max-properties-added', severity: 'additive', path: '/maxProperties' }],
    },
    {
      input: [{ rule: 'max-properties-removed', severity: 'additive', path: '/maxProperties' }],
      output: [{ rule: 'max-properties-removed', severity: 'breaking', path: '/maxProperties' }],
    },
  ),
  ...mirrored(
    'maxProperties lowered',
    obj({}, { maxProperties: 5 }),
    obj({}, { maxProperties: 3 }),
    {
      input: [{ rule: 'max-properties-decreased', severity: 'breaking', path: '/maxProperties' }],
      output: [{ rule: 'max-properties-decreased', severity: 'additive', path: '/maxProperties' }],
    },
    {
      input: [{ rule: 'max-properties-increased', severity: 'additive', path: '/maxProperties' }],
      output: [{ rule: 'max-properties-increased', severity: 'breaking', path: '/maxProperties' }],
    },
  ),

  // ---- dependentRequired / draft-07 dependencies (array form) ----------------------------------------
  ...mirrored(
    'dependentRequired gains a name',
    obj({}, { dependentRequired: { card: ['cvc'] } }),
    obj({}, { dependentRequired: { card: ['cvc', 'expiry'] } }),
    {
      input: [
        {
          rule: 'dependent-required-added',
          severity: 'breaking',
          path: '/dependentRequired',
          message: 'In the request, `card` now requires `expiry`',
        },
      ],
      output: [{ rule: 'dependent-required-added', severity: 'additive', path: '/dependentRequired' }],
    },
    {
      input: [{ rule: 'dependent-required-removed', severity: 'additive', path: '/dependentRequired' }],
      output: [
        {
          rule: 'dependent-required-removed',
          severity: 'breaking',
          path: '/dependentRequired',
          message:
            'In the response, `card` no longer requires `expiry`; consumers may now see `card` without `expiry`.',
        },
      ],
    },
  ),
  ...mirrored(
    'draft-07 dependencies, array form',
    obj({}),
    obj({}, { dependencies: { card: ['cvc'] } }),
    {
      input: [{ rule: 'dependent-required-added', severity: 'breaking', path: '/dependentRequired' }],
      output: [{ rule: 'dependent-required-added', severity: 'additive', path: '/dependentRequired' }],
    },
    {
      input: [{ rule: 'dependent-required-removed', severity: 'additive', path: '/dependentRequired' }],
      output: [{ rule: 'dependent-required-removed', severity: 'breaking', path: '/dependentRequired' }],
    },
  ),
  ...both(
    'draft-07 dependencies and 2019-09 dependentRequired say the same',
    obj({}, { dependencies: { card: ['cvc'] } }),
    obj({}, { dependentRequired: { card: ['cvc'] } }),
    {
      input: [],
      output: [],
    },
  ),

  // ---- dependentSchemas / draft-07 dependencies (schema form) ----------------------------------------
  ...mirrored(
    'a dependent schema added',
    obj({}),
    obj({}, { dependentSchemas: { card: { required: ['cvc'] } } }),
    {
      input: [
        {
          rule: 'dependent-schema-added',
          severity: 'breaking',
          path: '/dependentSchemas/card',
          message:
            'The request (when `card` is present) is now constrained by a new `dependentSchemas` entry',
        },
      ],
      output: [{ rule: 'dependent-schema-added', severity: 'additive', path: '/dependentSchemas/card' }],
    },
    {
      input: [{ rule: 'dependent-schema-removed', severity: 'additive', path: '/dependentSchemas/card' }],
      output: [
        {
          rule: 'dependent-schema-removed',
          severity: 'breaking',
          path: '/dependentSchemas/card',
          message:
            'The response (when `card` is present) is no longer constrained by its `dependentSchemas` entry',
        },
      ],
    },
  ),
  ...both(
    'draft-07 dependencies, schema form',
    obj({}),
    obj({}, { dependencies: { card: { required: ['cvc'] } } }),
    {
      input: [{ rule: 'dependent-schema-added', severity: 'breaking', path: '/dependentSchemas/card' }],
      output: [{ rule: 'dependent-schema-added', severity: 'additive', path: '/dependentSchemas/card' }],
    },
  ),
  ...both(
    'a dependent schema narrowed',
    obj({}, { dependentSchemas: { card: { required: ['cvc'] } } }),
    obj({}, { dependentSchemas: { card: { required: ['cvc', 'expiry'] } } }),
    {
      input: [
        {
          rule: 'required-added',
          severity: 'breaking',
          path: '/dependentSchemas/card/required',
          message: '`expiry` is now required in the request (when `card` is present)',
        },
      ],
      output: [{ rule: 'required-added', severity: 'additive', path: '/dependentSchemas/card/required' }],
    },
  ),

  // ---- unevaluatedProperties: closed and partially open content models (2019-09 / 2020-12) ------------
  ...mirrored(
    'a property declared in an object closed by unevaluatedProperties',
    obj({ id: str }, { unevaluatedProperties: false }),
    obj({ id: str, name: str }, { unevaluatedProperties: false }),
    {
      input: [{ rule: 'property-added', severity: 'additive', path: '/properties/name' }],
      output: [{ rule: 'property-added', severity: 'breaking', path: '/properties/name' }],
    },
    {
      input: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/name' }],
      output: [{ rule: 'property-removed', severity: 'additive', path: '/properties/name' }],
    },
    'strict',
  ),
  ...mirrored(
    'a property declared in an object closed by unevaluatedProperties',
    obj({ id: str }, { unevaluatedProperties: false }),
    obj({ id: str, name: str }, { unevaluatedProperties: false }),
    {
      input: [{ rule: 'property-added', severity: 'additive', path: '/properties/name' }],
      output: [{ rule: 'property-added', severity: 'additive', path: '/properties/name' }],
    },
    {
      input: [
        {
          rule: 'property-removed',
          severity: 'breaking',
          path: '/properties/name',
          message: 'clients that still send it are now rejected',
        },
      ],
      output: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/name' }],
    },
    'pragmatic',
  ),
  ...mirrored(
    'partially open: a property declared in an allOf part is evaluated there',
    { type: 'object', allOf: [{ properties: { id: str } }], unevaluatedProperties: false },
    { type: 'object', allOf: [{ properties: { id: str, name: str } }], unevaluatedProperties: false },
    {
      input: [{ rule: 'property-added', severity: 'additive', path: '/properties/name' }],
      output: [{ rule: 'property-added', severity: 'breaking', path: '/properties/name' }],
    },
    {
      input: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/name' }],
      output: [{ rule: 'property-removed', severity: 'additive', path: '/properties/name' }],
    },
    'strict',
  ),
  ...mirrored(
    'partially open: a property declared in an allOf part is evaluated there',
    { type: 'object', allOf: [{ properties: { id: str } }], unevaluatedProperties: false },
    { type: 'object', allOf: [{ properties: { id: str, name: str } }], unevaluatedProperties: false },
    {
      input: [{ rule: 'property-added', severity: 'additive', path: '/properties/name' }],
      output: [{ rule: 'property-added', severity: 'additive', path: '/properties/name' }],
    },
    {
      input: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/name' }],
      output: [{ rule: 'property-removed', severity: 'breaking', path: '/properties/name' }],
    },
    'pragmatic',
  ),
  ...both(
    'partially open: an allOf part and the same properties written in place',
    {
      type: 'object',
      allOf: [{ properties: { id: str } }],
      properties: { n: str },
      unevaluatedProperties: false,
    },
    closed({ id: str, n: str }),
    { input: [], output: [] },
  ),
  ...both(
    'partially open: unevaluatedProperties only judges names no patternProperties match',
    obj({ id: str }, { patternProperties: { '^x-': str }, unevaluatedProperties: false }),
    obj({ id: str }, { patternProperties: { '^x-': str }, additionalProperties: false }),
    { input: [], output: [] },
  ),
  ...both(
    'unevaluatedProperties beside additionalProperties constrains nothing',
    obj({ id: str }, { additionalProperties: str }),
    obj({ id: str }, { additionalProperties: str, unevaluatedProperties: false }),
    { input: [], output: [] },
  ),
  ...mirrored(
    'disjoint oneOf alternatives under unevaluatedProperties: a property added to one alternative',
    {
      type: 'object',
      oneOf: [
        { properties: { kind: { const: 'card' }, pan: str }, required: ['kind'] },
        { properties: { kind: { const: 'bank' }, iban: str }, required: ['kind'] },
      ],
      unevaluatedProperties: false,
    },
    {
      type: 'object',
      oneOf: [
        { properties: { kind: { const: 'card' }, pan: str, cvc: str }, required: ['kind'] },
        { properties: { kind: { const: 'bank' }, iban: str }, required: ['kind'] },
      ],
      unevaluatedProperties: false,
    },
    {
      input: [{ rule: 'property-added', severity: 'additive', path: '/oneOf/0/properties/cvc' }],
      output: [{ rule: 'property-added', severity: 'breaking', path: '/oneOf/0/properties/cvc' }],
    },
    {
      input: [{ rule: 'property-removed', severity: 'breaking', path: '/oneOf/0/properties/cvc' }],
      output: [{ rule: 'property-removed', severity: 'additive', path: '/oneOf/0/properties/cvc' }],
    },
    'strict',
  ),
  ...both(
    'overlapping anyOf alternatives under unevaluatedProperties stay undecided',
    {
      type: 'object',
      anyOf: [{ properties: { a: str } }, { properties: { b: str } }],
      unevaluatedProperties: false,
    },
    {
      type: 'object',
      anyOf: [{ properties: { a: str, c: str } }, { properties: { b: str } }],
      unevaluatedProperties: false,
    },
    {
      input: [
        {
          rule: 'unevaluated-changed',
          severity: 'dangerous',
          path: '',
          message:
            'depends on which of its `allOf`/`anyOf`/`oneOf`/`if`/`dependentSchemas` sub-schemas match',
        },
      ],
      output: [{ rule: 'unevaluated-changed', severity: 'dangerous', path: '' }],
    },
  ),

  ...both(
    'overlapping anyOf under unevaluatedProperties: a declared property narrowed, the same names evaluated',
    {
      type: 'object',
      properties: { id: { type: ['string', 'integer'] } },
      anyOf: [{ properties: { a: str } }, { properties: { b: str } }],
      unevaluatedProperties: false,
    },
    {
      type: 'object',
      properties: { id: str },
      anyOf: [{ properties: { a: str } }, { properties: { b: str } }],
      unevaluatedProperties: false,
    },
    {
      input: [{ rule: 'type-removed', severity: 'breaking', path: '/properties/id/type' }],
      output: [{ rule: 'type-removed', severity: 'additive', path: '/properties/id/type' }],
    },
  ),
  ...mirrored(
    'overlapping anyOf under unevaluatedProperties: the unevaluated schema opened, the same names evaluated',
    {
      type: 'object',
      anyOf: [{ properties: { a: str } }, { properties: { b: str } }],
      unevaluatedProperties: false,
    },
    {
      type: 'object',
      anyOf: [{ properties: { a: str } }, { properties: { b: str } }],
      unevaluatedProperties: str,
    },
    {
      input: [{ rule: 'schema-permitted', severity: 'additive', path: '/unevaluatedProperties' }],
      output: [{ rule: 'schema-permitted', severity: 'breaking', path: '/unevaluatedProperties' }],
    },
    {
      input: [{ rule: 'schema-forbidden', severity: 'breaking', path: '/unevaluatedProperties' }],
      output: [{ rule: 'schema-forbidden', severity: 'additive', path: '/unevaluatedProperties' }],
    },
  ),

  // ---- dependencies meeting required / forbidden properties ------------------------------------------
  ...both(
    'dependentRequired on a required property is a plain required',
    obj({}, { required: ['card'], dependentRequired: { card: ['cvc'] } }),
    obj({}, { required: ['card', 'cvc'] }),
    { input: [], output: [] },
  ),
  ...both(
    'draft-07 dependencies naming an already required property add nothing',
    obj({}, { required: ['cvc'] }),
    obj({}, { required: ['cvc'], dependencies: { card: ['cvc'] } }),
    { input: [], output: [] },
  ),
  ...both(
    'a dependent schema on a forbidden property constrains nothing',
    obj({ card: false }),
    obj({ card: false }, { dependencies: { card: { required: ['cvc'] } } }),
    { input: [], output: [] },
  ),

  // ---- propertyNames: false --------------------------------------------------------------------------
  ...both(
    'propertyNames: false admits only the empty object, like maxProperties: 0',
    obj({}, { propertyNames: false }),
    obj({}, { maxProperties: 0 }),
    { input: [], output: [] },
  ),
  ...mirrored(
    'propertyNames: false added',
    obj({}),
    obj({}, { propertyNames: false }),
    {
      input: [{ rule: 'max-properties-added', severity: 'breaking', path: '/maxProperties' }],
      output: [{ rule: 'max-properties-added', severity: 'additive', path: '/maxProperties' }],
    },
    {
      input: [{ rule: 'max-properties-removed', severity: 'additive', path: '/maxProperties' }],
      output: [{ rule: 'max-properties-removed', severity: 'breaking', path: '/maxProperties' }],
    },
  ),
];

runCases('object rules', cases);
