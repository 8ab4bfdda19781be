import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../common/prng.ts';
import { hostileKinds, hostileRequestOf, hostileRequests, type HostileRequest } from '../../../bench/reliability/hostileRequests.ts';
import { parseRawReply } from '../../../bench/reliability/rawExchange.ts';
import { checkJsonLimits } from '../../../reference-server/security/jsonLimits.ts';

const ctx = { model: 'mnist-mlp', inputName: 'input', width: 784, bodyLimitBytes: 65_536, maxJsonDepth: 32, maxTensorElements: 3_136 };

/** Head and body of a rendered request. */
function split(request: HostileRequest): { head: string; body: Buffer; contentLength: number | undefined } {
  const end = request.bytes.indexOf('\r\n\r\n');
  const head = request.bytes.subarray(0, end).toString('latin1');
  const declared = /\r\nContent-Length: (\d+)/.exec(head);
  return { head, body: request.bytes.subarray(end + 4), contentLength: declared === null ? undefined : Number(declared[1]) };
}

const many = (kind: (typeof hostileKinds)[number], count = 50) => {
  const rng = createRng(11);
  return Array.from({ length: count }, () => hostileRequestOf(kind, rng, ctx));
};

describe('hostileRequests', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const bytes = (seed: number) => [...hostileRequests(seed, 200, ctx)].map((r) => r.bytes.toString('latin1'));
    assert.deepEqual(bytes(5), bytes(5));
    assert.notDeepEqual(bytes(5), bytes(6));
  });

  it('draws every kind, and only 4xx expectations', () => {
    const drawn = [...hostileRequests(1, 3_000, ctx)];
    assert.deepEqual(new Set(drawn.map((r) => r.kind)), new Set(hostileKinds));
    for (const request of drawn) assert.ok(request.expected.every((status) => status >= 400 && status < 500), request.kind);
  });

  it('huge bodies declare more bytes than the limit', () => {
    for (const request of many('hugeBody')) assert.ok(split(request).contentLength! > ctx.bodyLimitBytes);
  });

  it('too-many-elements bodies fit the byte limit and exceed the element limit', () => {
    for (const request of many('tooManyElements')) {
      const { body, contentLength } = split(request);
      assert.equal(contentLength, body.length);
      assert.ok(body.length <= ctx.bodyLimitBytes, `${body.length} bytes`);
      assert.deepEqual(checkJsonLimits(body, { maxDepth: ctx.maxJsonDepth, maxArrayElements: ctx.maxTensorElements }), { kind: 'elements', limit: ctx.maxTensorElements });
    }
  });

  it('huge shapes are small bodies whose shape exceeds the element limit', () => {
    for (const request of many('hugeShape')) {
      const parsed = JSON.parse(split(request).body.toString('utf8'));
      const [rows, width] = parsed.inputs[0].shape;
      assert.ok(rows * width > ctx.maxTensorElements);
      assert.equal(checkJsonLimits(split(request).body, { maxDepth: ctx.maxJsonDepth, maxArrayElements: ctx.maxTensorElements }), undefined);
    }
  });

  it('deep JSON is nested past the depth limit', () => {
    for (const request of many('deepJson')) {
      assert.deepEqual(checkJsonLimits(split(request).body, { maxDepth: ctx.maxJsonDepth, maxArrayElements: 1e9 }), { kind: 'depth', limit: ctx.maxJsonDepth });
    }
  });

  it('non-finite bodies hold one literal JSON.parse refuses or reads as Infinity', () => {
    for (const request of many('nonFinite')) {
      const text = split(request).body.toString('utf8');
      let parsed: { inputs: { data: number[] }[] } | undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      assert.ok(parsed!.inputs[0]!.data.some((value) => !Number.isFinite(value)), text.slice(0, 80));
    }
  });

  it('truncated and slow requests never send their last byte', () => {
    for (const request of [...many('truncatedBody'), ...many('slowLoris')]) {
      if (request.delivery.mode === 'truncate' || request.delivery.mode === 'stall') assert.ok(request.delivery.sendBytes < request.bytes.length);
      else assert.equal(request.delivery.mode, 'trickle');
      assert.equal(split(request).contentLength, split(request).body.length);
    }
  });

  it('wrong content types are never application/json', () => {
    for (const request of many('wrongContentType')) assert.doesNotMatch(split(request).head, /Content-Type: application\/json\r?$/m);
  });
});

describe('parseRawReply', () => {
  it('splits status, headers and body', () => {
    const raw = Buffer.from('HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nRetry-After: 1\r\n\r\n{"error":"big","code":"E"}');
    assert.deepEqual(parseRawReply(raw), { status: 413, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: '{"error":"big","code":"E"}' });
  });

  it('has no status for an empty or partial answer', () => {
    assert.deepEqual(parseRawReply(Buffer.alloc(0)), { headers: {}, body: '' });
    assert.deepEqual(parseRawReply(Buffer.from('HTTP/1.1 200 OK\r\nContent-')), { headers: {}, body: '' });
  });
});
