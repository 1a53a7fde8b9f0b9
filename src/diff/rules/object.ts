import { escapePointer } from '../canonical.js';
import type { Rule } from '../rule.js';
import { boundRules } from './factories.js';

const OBJECTS = ['object'] as const;

function setDiff(a: readonly string[] = [], b: readonly string[] = []): string[] {
  const keep = new Set(b);
  return a.filter((x) => !keep.has(x));
}

const pragmaticFieldAdded = { pragmatic: { input: 'additive', output: 'additive' } } as const;

export const objectRules: Rule[] = [
  {
    id: 'property-added',
    inverse: 'property-removed',
    effect: 'computed',
    severity: pragmaticFieldAdded,
    what: (a, c) => `${c.subject} was added${a.required ? ' as a required property' : ''}`,
    impact: (a, c) =>
      c.severity === 'breaking' && c.direction === 'input'
        ? a.closed
          ? undefined
          : 'in strict semantics an open object already admitted this name with any value; the new schema constrains it'
        : undefined,
    why:
      'Pragmatic: declaring a new optional field is additive. Strict: compares the old schema for that name ' +
      '(additionalProperties, patternProperties or anything) with the new one.',
  },
  {
    id: 'property-removed',
    shownIn: 'old',
    inverse: 'property-added',
    effect: 'computed',
    severity: { pragmatic: { input: { atLeast: 'dangerous' }, output: 'breaking' } },
    what: (_a, c) => `${c.subject} was removed`,
    impact: (a, c) =>
      c.direction === 'output'
        ? 'consumers that read it will get undefined'
        : a.closed
          ? 'clients that still send it are now rejected'
          : 'clients that still send it are now silently ignored',
    why:
      'Output: consumers read declared fields. Input: a client still sending the field is now ignored (open object) ' +
      'or rejected (closed object).',
  },
  {
    id: 'required-added',
    inverse: 'required-removed',
    effect: 'narrows',
    appliesTo: OBJECTS,
    check: (o, n) =>
      setDiff(n.required, o.required).map((name) => ({
        // `declared`: the property itself is new in this change, so the sentence says it was added.
        args: { name, declared: o.properties?.[name] === undefined && n.properties?.[name] !== undefined },
        at: '/required',
      })),
    what: (a, c) =>
      a.declared
        ? `\`${a.name}\` was added as a required property of ${c.subject}`
        : `\`${a.name}\` is now required in ${c.subject}`,
    impact: (_a, c) => (c.direction === 'input' ? 'requests without it are now rejected' : undefined),
    why: 'Objects without the property were valid and are now rejected.',
  },
  {
    id: 'required-removed',
    inverse: 'required-added',
    effect: 'widens',
    appliesTo: OBJECTS,
    check: (o, n) => setDiff(o.required, n.required).map((name) => ({ args: { name }, at: '/required' })),
    what: (a, c) => `\`${a.name}\` is no longer required in ${c.subject}`,
    impact: (a, c) =>
      c.direction === 'output' ? `consumers that expect \`${a.name}\` to be present may break` : undefined,
    why: 'Required → optional: an output may now omit it.',
  },
  {
    id: 'additional-properties-closed',
    inverse: 'additional-properties-opened',
    effect: 'narrows',
    severity: { pragmatic: { input: 'dangerous' } },
    what: (a, c) =>
      `${c.subject} no longer allows undeclared properties (\`${String(a.keyword ?? 'additionalProperties')}: false\`)`,
    impact: (_a, c) =>
      c.direction === 'input' ? 'clients that send extra fields are now rejected' : undefined,
    why: 'Extra fields were accepted and are now rejected. Pragmatic semantics counts undeclared fields as outside the contract, so it is dangerous there.',
  },
  {
    id: 'additional-properties-opened',
    inverse: 'additional-properties-closed',
    effect: 'widens',
    severity: { pragmatic: { output: 'dangerous' } },
    what: (a, c) => `${c.subject} now allows undeclared properties${a.schema ? ' matching a schema' : ''}`,
    impact: (_a, c) =>
      c.direction === 'output'
        ? 'consumers that treat the object as closed may see unexpected fields'
        : undefined,
    why: 'A closed object now admits extra fields.',
  },
  {
    id: 'pattern-property-added',
    inverse: 'pattern-property-removed',
    effect: 'computed',
    severity: pragmaticFieldAdded,
    what: (a, c) => `${c.subject} was added: properties matching \`${a.pattern}\` now follow its schema`,
    why: 'Compares what the old schema allowed for names matching the pattern with the new pattern schema.',
  },
  {
    id: 'pattern-property-removed',
    shownIn: 'old',
    inverse: 'pattern-property-added',
    effect: 'computed',
    severity: { pragmatic: { input: { atLeast: 'dangerous' }, output: 'breaking' } },
    what: (a, c) =>
      `${c.subject} was removed: properties matching \`${a.pattern}\` now fall under \`additionalProperties\``,
    why: 'Names matching the pattern now fall under additionalProperties.',
  },
  {
    id: 'property-names-added',
    inverse: 'property-names-removed',
    effect: 'narrows',
    appliesTo: OBJECTS,
    check: (o, n) =>
      o.propertyNames === undefined && n.propertyNames !== undefined
        ? [{ args: {}, at: '/propertyNames' }]
        : [],
    what: (_a, c) => `${c.subject} property names are now constrained (\`propertyNames\`)`,
    why: 'Objects with non-matching keys are now rejected.',
  },
  {
    id: 'property-names-removed',
    inverse: 'property-names-added',
    effect: 'widens',
    appliesTo: OBJECTS,
    check: (o, n) =>
      o.propertyNames !== undefined && n.propertyNames === undefined
        ? [{ args: {}, at: '/propertyNames' }]
        : [],
    what: (_a, c) => `${c.subject} property names are no longer constrained`,
    why: 'Objects with any keys are now valid.',
  },
  ...boundRules({
    id: 'min-properties',
    keyword: 'minProperties',
    kind: 'lower',
    appliesTo: OBJECTS,
    noun: 'number of properties',
  }),
  ...boundRules({
    id: 'max-properties',
    keyword: 'maxProperties',
    kind: 'upper',
    appliesTo: OBJECTS,
    noun: 'number of properties',
  }),
  {
    id: 'dependent-required-added',
    inverse: 'dependent-required-removed',
    effect: 'narrows',
    appliesTo: OBJECTS,
    check: (o, n) =>
      Object.entries(n.dependentRequired ?? {}).flatMap(([name, needs]) =>
        setDiff(needs, o.dependentRequired?.[name]).map((requires) => ({
          args: { name, requires },
          at: `/dependentRequired`,
        })),
      ),
    what: (a, c) => `in ${c.subject}, \`${a.name}\` now requires \`${a.requires}\``,
    why: 'Objects that had the first property without the second are now rejected.',
  },
  {
    id: 'dependent-required-removed',
    inverse: 'dependent-required-added',
    effect: 'widens',
    appliesTo: OBJECTS,
    check: (o, n) =>
      Object.entries(o.dependentRequired ?? {}).flatMap(([name, needs]) =>
        setDiff(needs, n.dependentRequired?.[name]).map((requires) => ({
          args: { name, requires },
          at: `/dependentRequired`,
        })),
      ),
    what: (a, c) => `in ${c.subject}, \`${a.name}\` no longer requires \`${a.requires}\``,
    impact: (a, c) =>
      c.direction === 'output' ? `consumers may now see \`${a.name}\` without \`${a.requires}\`` : undefined,
    why: 'Objects that have the first property may now lack the second.',
  },
  {
    id: 'dependent-schema-added',
    inverse: 'dependent-schema-removed',
    effect: 'narrows',
    appliesTo: OBJECTS,
    check: (o, n) =>
      Object.keys(n.dependentSchemas ?? {})
        .filter((name) => o.dependentSchemas?.[name] === undefined)
        .map((name) => ({ args: { name }, at: `/dependentSchemas/${escapePointer(name)}` })),
    what: (_a, c) => `${c.subject} is now constrained by a new \`dependentSchemas\` entry`,
    why: 'A new conditional schema constrains objects that have the property.',
  },
  {
    id: 'dependent-schema-removed',
    shownIn: 'old',
    inverse: 'dependent-schema-added',
    effect: 'widens',
    appliesTo: OBJECTS,
    check: (o, n) =>
      Object.keys(o.dependentSchemas ?? {})
        .filter((name) => n.dependentSchemas?.[name] === undefined)
        .map((name) => ({ args: { name }, at: `/dependentSchemas/${escapePointer(name)}` })),
    what: (_a, c) => `${c.subject} is no longer constrained by its \`dependentSchemas\` entry`,
    why: 'Objects with the property are no longer constrained by it.',
  },
];
