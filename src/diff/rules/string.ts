import type { Rule } from '../rule.js';
import { boundRules, exactRules } from './factories.js';

const STRINGS = ['string'] as const;

export const stringRules: Rule[] = [
  ...boundRules({
    id: 'min-length',
    keyword: 'minLength',
    kind: 'lower',
    appliesTo: STRINGS,
    noun: 'length',
  }),
  ...boundRules({
    id: 'max-length',
    keyword: 'maxLength',
    kind: 'upper',
    appliesTo: STRINGS,
    noun: 'length',
  }),
  ...exactRules({ id: 'pattern', keyword: 'pattern', appliesTo: STRINGS }),
  ...exactRules({ id: 'format', keyword: 'format', appliesTo: STRINGS }),
  ...exactRules({ id: 'content-encoding', keyword: 'contentEncoding', appliesTo: STRINGS }),
  ...exactRules({ id: 'content-media-type', keyword: 'contentMediaType', appliesTo: STRINGS }),
];
