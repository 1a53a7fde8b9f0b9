import { describe, expect, it } from 'vitest';
import { deriveSeverity, describeSeverity, severityOf, sidesOf } from '../../src/diff/rule-meta.js';

describe('severity derivation shared by schema and contract rules', () => {
  it('by effect: narrowing breaks inputs, widening breaks outputs', () => {
    expect(deriveSeverity('by-effect', 'narrows', 'input')).toBe('breaking');
    expect(deriveSeverity('by-effect', 'narrows', 'output')).toBe('additive');
    expect(deriveSeverity('by-effect', 'widens', 'input')).toBe('additive');
    expect(deriveSeverity('by-effect', 'widens', 'output')).toBe('breaking');
    expect(deriveSeverity('by-effect', 'unknown', 'output')).toBe('dangerous');
  });

  it("a rule's fixed severity wins over the effect", () => {
    expect(deriveSeverity('dangerous', 'widens', 'output')).toBe('dangerous');
  });

  it('a floor raises a milder derived severity but never lowers a harsher one', () => {
    expect(deriveSeverity({ atLeast: 'dangerous' }, 'widens', 'input')).toBe('dangerous');
    expect(deriveSeverity({ atLeast: 'dangerous' }, 'widens', 'output')).toBe('breaking');
  });

  it('an override in `rules:` wins, on its own id and side only', () => {
    const overrides = { 'timeout-decreased': { input: 'none' as const } };
    expect(severityOf({ id: 'timeout-decreased' }, 'by-effect', 'narrows', 'input', overrides)).toBe('none');
    expect(severityOf({ id: 'timeout-decreased' }, 'by-effect', 'widens', 'output', overrides)).toBe(
      'breaking',
    );
    expect(severityOf({ id: 'other' }, 'by-effect', 'narrows', 'input', overrides)).toBe('breaking');
  });

  it('a rule with a direction is overridable on that side only; one without on both', () => {
    expect(sidesOf({ direction: 'output' })).toEqual(['output']);
    expect(sidesOf({})).toEqual(['input', 'output']);
  });

  it('the catalogue states defaults in words', () => {
    expect(describeSeverity('by-effect', 'narrows', 'input')).toBe('breaking');
    expect(describeSeverity('by-effect', 'computed', 'input')).toBe('by effect');
    expect(describeSeverity({ atLeast: 'dangerous' }, 'widens', 'input')).toBe(
      'by effect, at least dangerous',
    );
    expect(describeSeverity('dangerous', 'widens', 'input')).toBe('dangerous');
  });
});
