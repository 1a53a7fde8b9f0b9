import { describe, expect, it } from 'vitest';

import type { EndpointFile } from '../../src/model/types.js';
import { authorizationHeader, endpointUrl, parseHeaders, TargetError } from '../../src/verify/target.js';

const endpoint: EndpointFile = {
  name: 'sync-customers',
  owner: '@acme/crm',
  route: '/internal/syncCustomers/v{major}',
};

describe('endpointUrl', () => {
  it('joins the base URL, its path and the route with the major filled in', () => {
    expect(endpointUrl('https://staging.internal/api/', endpoint, 3)).toBe(
      'https://staging.internal/api/internal/syncCustomers/v3',
    );
  });

  it.each([
    ['not a url', /must be an http or https URL/],
    ['ftp://staging.internal', /must be an http or https URL, not ftp:/],
    ['https://staging.internal/?tenant=a', /must not have a query/],
    ['https://user:secret@staging.internal', /must not hold credentials: pass them with --header/],
  ])('refuses %s', (baseUrl, message) => {
    expect(() => endpointUrl(baseUrl, endpoint, 3)).toThrow(TargetError);
    expect(() => endpointUrl(baseUrl, endpoint, 3)).toThrow(message);
  });
});

describe('parseHeaders', () => {
  it('reads "Name: value" lines', () => {
    expect(parseHeaders(['Authorization: Bearer a:b', 'X-Tenant:staging'])).toEqual({
      Authorization: 'Bearer a:b',
      'X-Tenant': 'staging',
    });
  });

  it('refuses a line without a colon and does not echo it (it may be a secret)', () => {
    expect(() => parseHeaders(['Bearer s3cret'])).toThrow(/one has no colon/);
    try {
      parseHeaders(['Bearer s3cret']);
    } catch (error) {
      expect(String(error)).not.toContain('s3cret');
    }
  });

  it('refuses a name that is not a header name', () => {
    expect(() => parseHeaders(['Bad Name: x'])).toThrow('--header "Bad Name" is not an HTTP header name');
  });

  it('finds the credentials header in any case', () => {
    expect(authorizationHeader({ authorization: 'x' })).toBe('authorization');
    expect(authorizationHeader({ 'X-Api-Key': 'x' })).toBeUndefined();
  });
});
