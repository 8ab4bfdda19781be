// Seeded generators of malformed and hostile requests against a V2 inference endpoint: wrong types and
// shapes, huge, deep or non-finite JSON, prototype keys, wrong methods, paths and content types, broken
// HTTP, truncated bodies and slow-loris clients. Pure: the same seed always gives the same requests.

import { createRng, type Rng } from '../../common/prng.ts';

/** What the generators need to know about the server under test. */
export interface HostileContext {
  readonly model: string;
  readonly inputName: string;
  /** Values per row of the model's input. */
  readonly width: number;
  readonly bodyLimitBytes: number;
  readonly maxJsonDepth: number;
  readonly maxTensorElements: number;
}

/** How the bytes go out: all at once; part then the write side closed; part then nothing; a byte at a time. */
export type Delivery =
  | { readonly mode: 'whole' }
  | { readonly mode: 'truncate'; readonly sendBytes: number }
  | { readonly mode: 'stall'; readonly sendBytes: number }
  | { readonly mode: 'trickle'; readonly everyMs: number };

export interface HostileRequest {
  /** The generator that made it (fuzz figures are kept per kind). */
  readonly kind: HostileKind;
  /** The raw HTTP/1.1 request, head and body. */
  readonly bytes: Buffer;
  readonly delivery: Delivery;
  /** The statuses a correct server answers with. */
  readonly expected: readonly number[];
}

type Part = { method?: string; path?: string; contentType?: string | null; body: string; declaredLength?: number };

const json = JSON.stringify;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.nextInt(items.length)]!;

function row(rng: Rng, width: number): number[] {
  return Array.from({ length: width }, () => rng.nextInt(256) / 256);
}

function validTensor(rng: Rng, ctx: HostileContext) {
  return { name: ctx.inputName, shape: [1, ctx.width], datatype: 'FP32', data: row(rng, ctx.width) };
}

const inferPath = (ctx: HostileContext) => `/v2/models/${encodeURIComponent(ctx.model)}/infer`;

/** Renders a request: content-length from the body unless declared, content-type application/json unless null. */
function render(ctx: HostileContext, part: Part): Buffer {
  const body = Buffer.from(part.body, 'utf8');
  const contentType = part.contentType === undefined ? 'application/json' : part.contentType;
  const head =
    `${part.method ?? 'POST'} ${part.path ?? inferPath(ctx)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
    (contentType === null ? '' : `Content-Type: ${contentType}\r\n`) +
    `Content-Length: ${part.declaredLength ?? body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

const whole = { mode: 'whole' } as const;

/** Each kind of hostile request, with how to make one. */
const generators = {
  /** A field of the right name with a value of the wrong type. */
  wrongType(rng: Rng, ctx: HostileContext): HostileRequest {
    const tensor = validTensor(rng, ctx);
    const at = rng.nextInt(ctx.width);
    const variants: unknown[] = [
      { inputs: pick(rng, ['x', 5, null, true, {}]) },
      { inputs: [{ ...tensor, name: pick(rng, [5, null, ['input'], {}]) }] },
      { inputs: [{ ...tensor, shape: pick(rng, ['1,784', [1, '784'], null, { 0: 1 }, [1, null]]) }] },
      { inputs: [{ ...tensor, datatype: pick(rng, [5, 'INT8', 'fp32', null]) }] },
      { inputs: [{ ...tensor, data: pick(rng, ['abc', { 0: 1 }, 7, null]) }] },
      { inputs: [{ ...tensor, data: tensor.data.map((v, i) => (i === at ? pick(rng, ['x', null, true, [], {}]) : v)) }] },
      { id: pick(rng, [5, null, ['a'], {}]), inputs: [tensor] },
      { parameters: pick(rng, ['x', 5, []]), inputs: [tensor] },
      { parameters: { timeout: pick(rng, [-1, 0, '1', 1.5, null]) }, inputs: [tensor] },
      { outputs: pick(rng, ['x', [{}], [{ name: 5 }], [{ name: 'nope' }]]), inputs: [tensor] },
      pick(rng, [[], 'inputs', 42, null, true]),
      { inputs: [] },
      { inputs: [tensor, tensor] },
    ];
    return { kind: 'wrongType', bytes: render(ctx, { body: json(pick(rng, variants)) }), delivery: whole, expected: [400] };
  },

  /** Shapes that do not fit the model or the data. */
  wrongShape(rng: Rng, ctx: HostileContext): HostileRequest {
    const tensor = validTensor(rng, ctx);
    const shape = pick(rng, [[1, ctx.width - 1], [2, ctx.width], [0, ctx.width], [-1, ctx.width], [1, ctx.width, 1], [1.5, ctx.width], [], [ctx.width], [1, 2 ** 53]]);
    return { kind: 'wrongShape', bytes: render(ctx, { body: json({ inputs: [{ ...tensor, shape }] }) }), delivery: whole, expected: [400] };
  },

  /** NaN and Infinity literals (not JSON) and numbers too large for a double (parsed as Infinity). */
  nonFinite(rng: Rng, ctx: HostileContext): HostileRequest {
    const items = row(rng, ctx.width).map(String);
    items[rng.nextInt(ctx.width)] = pick(rng, ['NaN', 'Infinity', '-Infinity', '1e400', '-1e999', 'nan']);
    const body = `{"inputs":[{"name":${json(ctx.inputName)},"shape":[1,${ctx.width}],"datatype":"FP32","data":[${items.join(',')}]}]}`;
    return { kind: 'nonFinite', bytes: render(ctx, { body }), delivery: whole, expected: [400] };
  },

  /** A body longer than the server's byte limit (refused from Content-Length, before it is read). */
  hugeBody(rng: Rng, ctx: HostileContext): HostileRequest {
    const bytes = ctx.bodyLimitBytes + 1 + rng.nextInt(ctx.bodyLimitBytes);
    const filler = '0,'.repeat(Math.ceil(bytes / 2));
    return { kind: 'hugeBody', bytes: render(ctx, { body: `{"inputs":[{"data":[${filler}0]}]}` }), delivery: whole, expected: [413] };
  },

  /** More array elements than the server allows, within the byte limit. */
  tooManyElements(rng: Rng, ctx: HostileContext): HostileRequest {
    const count = ctx.maxTensorElements + 1 + rng.nextInt(ctx.maxTensorElements);
    const rows = Math.ceil(count / ctx.width);
    const data = '0,'.repeat(rows * ctx.width - 1) + '0';
    const body = `{"inputs":[{"name":${json(ctx.inputName)},"shape":[${rows},${ctx.width}],"datatype":"FP32","data":[${data}]}]}`;
    return { kind: 'tooManyElements', bytes: render(ctx, { body }), delivery: whole, expected: [413] };
  },

  /** A tiny body whose shape asks for a huge tensor (empty rows). */
  hugeShape(rng: Rng, ctx: HostileContext): HostileRequest {
    const rows = Math.floor(ctx.maxTensorElements / ctx.width) + 1 + rng.nextInt(64);
    const body = json({ inputs: [{ name: ctx.inputName, shape: [rows, ctx.width], datatype: 'FP32', data: Array.from({ length: rows }, () => []) }] });
    return { kind: 'hugeShape', bytes: render(ctx, { body }), delivery: whole, expected: [413] };
  },

  /** Arrays or objects nested deeper than the limit. */
  deepJson(rng: Rng, ctx: HostileContext): HostileRequest {
    const depth = ctx.maxJsonDepth + 1 + rng.nextInt(4_000);
    const open = pick(rng, ['[', '{"a":']);
    const close = open === '[' ? ']' : '}';
    const body = `{"inputs":${open.repeat(depth)}1${close.repeat(depth)}}`;
    return { kind: 'deepJson', bytes: render(ctx, { body }), delivery: whole, expected: [400] };
  },

  /** Not JSON: a valid body cut short, garbage, or nothing. */
  malformedJson(rng: Rng, ctx: HostileContext): HostileRequest {
    const valid = json({ inputs: [validTensor(rng, ctx)] });
    const garbage = Array.from({ length: 1 + rng.nextInt(200) }, () => String.fromCharCode(0x21 + rng.nextInt(94))).join('');
    const body = pick(rng, [valid.slice(0, 1 + rng.nextInt(valid.length - 2)), garbage, '', '{"inputs": [}', "{'inputs': []}", valid + '}', '\u0000\u0001']);
    return { kind: 'malformedJson', bytes: render(ctx, { body }), delivery: whole, expected: [400] };
  },

  /** Prototype keys where a careless merge would pollute Object.prototype. */
  protoKeys(rng: Rng, ctx: HostileContext): HostileRequest {
    const tensor = json(validTensor(rng, ctx)).slice(1);
    const body = pick(rng, [
      '{"__proto__": {"polluted": true}, "inputs": "x"}',
      '{"constructor": {"prototype": {"polluted": true}}, "inputs": 5}',
      `{"inputs": [{"__proto__": {"name": ${json(ctx.inputName)}}, ${tensor.replace(/"name":"[^"]*",/, '')}]}`,
      '{"inputs": [{"name": "__proto__", "shape": [1, 1], "datatype": "FP32", "data": [1]}]}',
      `{"inputs": [{"name": "constructor", ${tensor.replace(/"name":"[^"]*",/, '')}]}`,
    ]);
    return { kind: 'protoKeys', bytes: render(ctx, { body }), delivery: whole, expected: [400] };
  },

  /** Other methods on the inference route. */
  wrongMethod(rng: Rng, ctx: HostileContext): HostileRequest {
    const method = pick(rng, ['GET', 'PUT', 'DELETE', 'PATCH']);
    const body = method === 'GET' ? '' : json({ inputs: [validTensor(rng, ctx)] });
    return { kind: 'wrongMethod', bytes: render(ctx, { method, body }), delivery: whole, expected: [405] };
  },

  /** Unknown models, versions and routes, path traversal and broken percent-encoding. */
  wrongPath(rng: Rng, ctx: HostileContext): HostileRequest {
    const body = json({ inputs: [validTensor(rng, ctx)] });
    const [path, status] = pick(rng, [
      ['/v2/models/no-such-model/infer', 404],
      [`/v2/models/${ctx.model}/versions/v999/infer`, 404],
      ['/v2/models/..%2F..%2Fetc%2Fpasswd/infer', 404],
      [`/v2/models/${ctx.model}/versions/..%2F..%2F..%2Fetc/infer`, 404],
      ['/v2/models/../../etc/passwd/infer', 404],
      ['/v2/models/__proto__/infer', 404],
      [`/v2/models/${ctx.model}/infer/extra`, 404],
      ['/v3/infer', 404],
      ['/', 404],
      ['/v2/models/%E0%A4%A/infer', 400],
    ] as const);
    return { kind: 'wrongPath', bytes: render(ctx, { path, body }), delivery: whole, expected: [status] };
  },

  /** A JSON body under another content type (none at all is JSON, as Triton's clients send it). */
  wrongContentType(rng: Rng, ctx: HostileContext): HostileRequest {
    const contentType = pick(rng, ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/jsonx']);
    return { kind: 'wrongContentType', bytes: render(ctx, { contentType, body: json({ inputs: [validTensor(rng, ctx)] }) }), delivery: whole, expected: [415] };
  },

  /** Bytes that are not HTTP/1.1, or headers too large. */
  badHttp(rng: Rng, ctx: HostileContext): HostileRequest {
    const [text, status] = pick(rng, [
      ['GARBAGE\r\n\r\n', 405],
      ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 405],
      ['POST /v2 HTTP/9.9\r\nHost: x\r\n\r\n', 400],
      ['POST /v2/models/x/infer HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n', 400],
      ['POST /v2/models/x/infer HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400],
      [`POST ${inferPath(ctx)} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, 400],
      ['POST /v2/models/x/infer HTTP/1.1\r\nBad Header Line\r\n\r\n', 400],
      [`GET /v2 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ] as const);
    return { kind: 'badHttp', bytes: Buffer.from(text, 'latin1'), delivery: whole, expected: [status] };
  },

  /** A body shorter than its Content-Length, then the client stops writing. */
  truncatedBody(rng: Rng, ctx: HostileContext): HostileRequest {
    const bytes = render(ctx, { body: json({ inputs: [validTensor(rng, ctx)] }) });
    const headEnd = bytes.indexOf('\r\n\r\n') + 4;
    const sendBytes = headEnd + rng.nextInt(bytes.length - headEnd - 1);
    return { kind: 'truncatedBody', bytes, delivery: { mode: 'truncate', sendBytes }, expected: [400] };
  },

  /** Slow-loris: part of the head or body, then silence, until the server's timeout answers. */
  slowLoris(rng: Rng, ctx: HostileContext): HostileRequest {
    const bytes = render(ctx, { body: json({ inputs: [validTensor(rng, ctx)] }) });
    const delivery: Delivery =
      rng.nextInt(2) === 0 ? { mode: 'stall', sendBytes: 1 + rng.nextInt(bytes.length - 2) } : { mode: 'trickle', everyMs: 100 + rng.nextInt(200) };
    return { kind: 'slowLoris', bytes, delivery, expected: [408] };
  },
} satisfies Record<string, (rng: Rng, ctx: HostileContext) => HostileRequest>;

export type HostileKind = keyof typeof generators;

/** Every kind, and its share of the generated stream (slow kinds rarer: each holds a socket for seconds). */
export const hostileMix: Readonly<Record<HostileKind, number>> = {
  wrongType: 14,
  wrongShape: 10,
  nonFinite: 8,
  hugeBody: 2,
  tooManyElements: 4,
  hugeShape: 5,
  deepJson: 6,
  malformedJson: 12,
  protoKeys: 6,
  wrongMethod: 8,
  wrongPath: 10,
  wrongContentType: 6,
  badHttp: 5,
  truncatedBody: 3,
  slowLoris: 1,
};

export const hostileKinds = Object.keys(hostileMix) as HostileKind[];

/** One request of `kind`. */
export function hostileRequestOf(kind: HostileKind, rng: Rng, ctx: HostileContext): HostileRequest {
  return generators[kind](rng, ctx);
}

/** `count` requests drawn from `hostileMix` with `seed`: the same seed, the same requests. */
export function* hostileRequests(seed: number, count: number, ctx: HostileContext): Generator<HostileRequest> {
  const rng = createRng(seed);
  const total = hostileKinds.reduce((sum, kind) => sum + hostileMix[kind], 0);
  for (let i = 0; i < count; i++) {
    let draw = rng.nextInt(total);
    const kind = hostileKinds.find((k) => (draw -= hostileMix[k]) < 0)!;
    yield generators[kind](rng, ctx);
  }
}
