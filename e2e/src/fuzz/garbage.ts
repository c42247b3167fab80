/**
 * Garbage request bodies: what a broken client, a fuzzer or an attacker
 * sends. Each carries whether any endpoint taking a JSON object must refuse
 * it (mustRefuse) or whether that depends on the endpoint's schema (an
 * object with only unknown or prototype-polluting keys is valid where every
 * field is optional, since unknown keys are stripped).
 */
import fc from 'fast-check';
import { textUnit } from './primitives';

export interface Garbage {
  readonly kind: string;
  readonly body: string | Buffer;
  readonly contentType: string | undefined;
  readonly mustRefuse: boolean;
}

const deep = (n: number, open: string, close: string, inner = '1') => `${open.repeat(n)}${inner}${close.repeat(n)}`;

export interface GarbageOptions {
  /** Offer other content types than application/json (the gateway reads raw bytes whatever the type). */
  readonly contentTypes?: boolean;
  /** Offer JSON objects whose acceptance depends on the schema. */
  readonly jsonObjectsAllowed?: boolean;
}

export function garbageBodyArbitrary(options: GarbageOptions = {}): fc.Arbitrary<Garbage> {
  const json = 'application/json';
  const unicode = fc.string({ unit: textUnit, minLength: 1, maxLength: 40 });
  const refused: fc.Arbitrary<Garbage>[] = [
    fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }).map((body) => ({ kind: 'invalid-json', body, contentType: json, mustRefuse: true })),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ v, tail: 'x' }).slice(0, -3)).map((body) => ({ kind: 'truncated-json', body, contentType: json, mustRefuse: true })),
    fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), unicode, fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })).map((v) => ({ kind: 'json-not-an-object', body: JSON.stringify(v), contentType: json, mustRefuse: true })),
    fc.integer({ min: 33, max: 20_000 }).map((n) => ({ kind: 'deep-nesting', body: deep(n, '[', ']'), contentType: json, mustRefuse: true })),
    fc.constantFrom('', ' ', '\n').map((body) => ({ kind: 'empty', body, contentType: json, mustRefuse: true })),
    // Over the 1 MiB body limit of every service and the gateway.
    fc.constantFrom('中', 'a', '🚀').map((c) => ({ kind: 'huge-string', body: JSON.stringify({ title: c.repeat(Math.ceil((1.2 * 1024 * 1024) / Buffer.byteLength(c))) }), contentType: json, mustRefuse: true })),
    fc.constant({ kind: 'nul-and-bom', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"title":"\u0000'), Buffer.from([0xff, 0xfe])]), contentType: json, mustRefuse: true }),
  ];
  if (options.contentTypes) {
    refused.push(
      fc
        .tuple(fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----fuzz', 'image/png'), unicode)
        .map(([contentType, text]) => ({ kind: `content-type ${contentType.split(';')[0]}`, body: contentType.includes('xml') ? `<a>${text}</a>` : `title=${encodeURIComponent(text)}`, contentType, mustRefuse: true })),
    );
  }
  const objects: fc.Arbitrary<Garbage>[] = [
    fc.constantFrom(
      '{"__proto__":{"fuzzPolluted":"yes","roles":["center-admin"]}}',
      '{"constructor":{"prototype":{"fuzzPolluted":"yes"}}}',
      '{"__proto__":{"__proto__":{"fuzzPolluted":"yes"}},"prototype":{"fuzzPolluted":"yes"}}',
    ).map((body) => ({ kind: 'prototype-pollution', body, contentType: json, mustRefuse: !options.jsonObjectsAllowed })),
    fc.dictionary(unicode, fc.oneof(unicode, fc.integer(), fc.constant(null)), { minKeys: 1, maxKeys: 5 }).map((o) => ({ kind: 'unicode-keys', body: JSON.stringify(o), contentType: json, mustRefuse: !options.jsonObjectsAllowed })),
    fc.integer({ min: 33, max: 2_000 }).map((n) => ({ kind: 'deep-in-object', body: `{"title":${deep(n, '{"a":', '}')}}`, contentType: json, mustRefuse: !options.jsonObjectsAllowed })),
  ];
  return fc.oneof(...refused, ...objects);
}

/** Random query strings: unknown keys, prototype keys, repeated keys, unicode, huge values, broken escapes. */
export function garbageQueryArbitrary(knownNames: readonly string[]): fc.Arbitrary<{ readonly kind: string; readonly query: string }> {
  const unicode = fc.string({ unit: textUnit, minLength: 0, maxLength: 30 });
  const name = fc.oneof(fc.constantFrom(...(knownNames.length ? knownNames : ['q']), '__proto__', 'constructor', '__proto__[fuzzPolluted]', 'constructor[prototype][x]', 'limit[]', 'sort[0]'), unicode.filter((s) => s.length > 0));
  const value = fc.oneof(
    unicode,
    fc.constantFrom('-1', '1e309', 'NaN', 'Infinity', '0x10', '9007199254740993', 'true', 'null', '[]', '{}', '%', '%zz', '%E4%B8', "'; DROP TABLE x;--", '../../etc/passwd'),
    fc.constantFrom('中', 'a').map((c) => c.repeat(20_000)),
  );
  return fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 5 }).map((pairs) => ({
    kind: 'random-query',
    // Raw, not URLSearchParams-encoded: '%', '%zz' and friends must reach the server as sent.
    query: pairs.map(([k, v]) => `${encodeURIComponent(k)}=${/^%|%E4%B8$/.test(v) ? v : encodeURIComponent(v)}`).join('&'),
  }));
}
