import { describe, expect, it } from 'vitest';

import { DEFAULT_LIMITS, HttpRunner, UnreachableError, type HttpLimits } from '../../src/verify/http.js';
import { closedUrl, json, server } from './helpers.js';

const runner = (url: string, limits: Partial<HttpLimits> = {}, headers: Record<string, string> = {}) =>
  new HttpRunner({ url: `${url}/hook/v1`, method: 'POST', headers }, { ...DEFAULT_LIMITS, ...limits });

describe('HttpRunner', () => {
  it('sends the body as JSON with the method, the given headers and X-Contractguard-Verify: 1', async () => {
    const target = await server((_, res) => json(res, 200, { ok: true }));
    const exchange = await runner(target.url, {}, { Authorization: 'Bearer s3cret' }).send('fixtures', 'a', {
      n: 1,
    });
    expect(target.seen[0]).toMatchObject({
      method: 'POST',
      url: '/hook/v1',
      body: { n: 1 },
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer s3cret',
        'x-contractguard-verify': '1',
      },
    });
    expect(exchange.response).toEqual({ status: 200, contentType: 'application/json', body: { ok: true } });
  });

  it('records the given headers redacted', async () => {
    const target = await server((_, res) => json(res, 200, {}));
    const exchange = await runner(target.url, {}, { Authorization: 'Bearer s3cret' }).send(
      'fixtures',
      'a',
      {},
    );
    expect(exchange.request.headers.Authorization).toBe('<redacted>');
    expect(JSON.stringify(exchange)).not.toContain('s3cret');
  });

  it('leaves out the headers a check asks it to', async () => {
    const target = await server((_, res) => json(res, 401, { code: 'UNAUTHORIZED' }));
    await runner(target.url, {}, { Authorization: 'Bearer s3cret' }).send(
      'auth',
      'a',
      {},
      { without: ['authorization'] },
    );
    expect(target.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('sends no more requests than its limit', async () => {
    const target = await server((_, res) => json(res, 200, {}));
    const http = runner(target.url, { maxRequests: 2 });
    for (let i = 0; i < 3; i++) await http.send('fixtures', `r${i}`, {});
    expect(target.seen).toHaveLength(2);
    expect(http.exchanges[2]?.failure).toEqual({
      kind: 'budget',
      message: 'not sent: the run already made 2 requests (its limit)',
    });
  });

  it('does not send a body over its size limit', async () => {
    const target = await server((_, res) => json(res, 200, {}));
    const exchange = await runner(target.url, { maxRequestBytes: 10 }).send('fixtures', 'a', {
      text: 'x'.repeat(20),
    });
    expect(target.seen).toHaveLength(0);
    expect(exchange.failure?.kind).toBe('too-large');
  });

  it('stops reading a response over its size limit', async () => {
    const target = await server((_, res) => json(res, 200, { text: 'x'.repeat(5_000) }));
    const exchange = await runner(target.url, { maxResponseBytes: 1_000 }).send('fixtures', 'a', {});
    expect(exchange.failure).toEqual({
      kind: 'too-large',
      message: 'answered 200 with a body larger than 1000 bytes (not read further)',
    });
  });

  it('gives up on a response that takes longer than its time limit', async () => {
    let calls = 0;
    const target = await server((_, res) => {
      if (calls++ === 0) json(res, 200, {});
      // Later requests are never answered.
    });
    const http = runner(target.url, { timeoutMs: 100 });
    await http.send('fixtures', 'first', {});
    const slow = await http.send('fixtures', 'second', {});
    expect(slow.failure).toEqual({ kind: 'network', message: 'no response within 100 ms' });
  });

  it('keeps no more requests in flight than its concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    const target = await server((_, res) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, {});
      }, 20);
    });
    const http = runner(target.url, { concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => http.send('fixtures', `r${i}`, {})));
    expect(target.seen).toHaveLength(6);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('follows a redirect on the same origin, with the same method and body', async () => {
    const target = await server((seen, res) => {
      if (seen.url === '/hook/v1') {
        res.writeHead(307, { location: '/moved' });
        res.end();
      } else json(res, 200, { at: seen.url, method: seen.method, body: seen.body });
    });
    const exchange = await runner(target.url).send('fixtures', 'a', { n: 1 });
    expect(exchange.response?.body).toEqual({ at: '/moved', method: 'POST', body: { n: 1 } });
  });

  it('never follows a redirect to another host', async () => {
    const elsewhere = await server((_, res) => json(res, 200, {}));
    const target = await server((_, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/steal` });
      res.end();
    });
    const exchange = await runner(target.url, {}, { Authorization: 'Bearer s3cret' }).send(
      'fixtures',
      'a',
      {},
    );
    expect(elsewhere.seen).toHaveLength(0);
    expect(exchange.failure?.kind).toBe('redirect');
    expect(exchange.failure?.message).toMatch(
      /a redirect to another origin \(http:\/\/127\.0\.0\.1:\d+\), which is not followed/,
    );
  });

  it('keeps the start of a body that is not JSON', async () => {
    const target = await server((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const exchange = await runner(target.url).send('fixtures', 'a', {});
    expect(exchange.json).toBe(false);
    expect(exchange.response).toEqual({
      status: 502,
      contentType: 'text/html',
      text: '<html>Bad gateway</html>',
    });
  });

  it('throws UnreachableError, naming the URL and the cause, when the first request gets no response', async () => {
    const url = await closedUrl();
    const http = runner(url);
    const sent = http.send('fixtures', 'a', {});
    await expect(sent).rejects.toThrow(UnreachableError);
    await expect(sent).rejects.toThrow(`cannot reach ${url}/hook/v1: connection refused (ECONNREFUSED)`);
    await expect(http.send('fixtures', 'b', {})).rejects.toThrow(UnreachableError);
  });

  it('says so when fetch refuses the port (one of another protocol)', async () => {
    await expect(runner('http://127.0.0.1:4190').send('fixtures', 'a', {})).rejects.toThrow(
      'fetch refuses this port (it belongs to another protocol): serve the endpoint on another port',
    );
  });
});
