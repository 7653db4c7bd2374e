import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redactor.js';

const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

function redactorWith(...secrets: string[]) {
  const redactor = createRedactor();
  for (const secret of secrets) redactor.register(secret);
  return redactor;
}

describe('createRedactor: nothing registered', () => {
  it('returns strings and values as they are', () => {
    const redactor = createRedactor();
    const value = { a: [SECRET] };
    expect(redactor.size).toBe(0);
    expect(redactor.redactString(SECRET)).toBe(SECRET);
    expect(redactor.redactDeep(value)).toBe(value);
  });
});

describe('redactString', () => {
  it('replaces every plain occurrence', () => {
    const redactor = redactorWith(SECRET);
    expect(redactor.redactString(`Bearer ${SECRET}, again ${SECRET}.`)).toBe(
      `Bearer ${REDACTED}, again ${REDACTED}.`,
    );
    expect(redactor.redactString('nothing to hide')).toBe('nothing to hide');
  });

  it('replaces base64 and base64url forms', () => {
    const secret = 'a?b>c~secret>>?'; // its base64 contains '/' and '+', its base64url '_' and '-'
    const standard = Buffer.from(secret).toString('base64');
    const url = Buffer.from(secret).toString('base64url');
    expect(standard).toMatch(/[+/]/);
    expect(url).toMatch(/[-_]/);
    const redactor = redactorWith(secret);
    expect(redactor.redactString(`x=${standard};`)).toBe(`x=${REDACTED};`);
    expect(redactor.redactString(`token.${url}.sig`)).toBe(`token.${REDACTED}.sig`);
  });

  it('replaces URL-encoded forms (encodeURIComponent, form +, lowercase hex)', () => {
    const secret = 'p@ss word/&=?#1';
    const encoded = encodeURIComponent(secret);
    const redactor = redactorWith(secret);
    expect(redactor.redactString(`https://h/cb?key=${encoded}&x=1`)).toBe(`https://h/cb?key=${REDACTED}&x=1`);
    expect(redactor.redactString(`key=${encoded.replace(/%20/g, '+')}`)).toBe(`key=${REDACTED}`);
    const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (percentEscape) => percentEscape.toLowerCase());
    expect(lowerHex).toContain('%2f');
    expect(redactor.redactString(`key=${lowerHex}`)).toBe(`key=${REDACTED}`);
  });

  it('replaces JSON-escaped forms, once and twice escaped', () => {
    const secret = 'quote"back\\slash\nnewline';
    const redactor = redactorWith(secret);
    const once = JSON.stringify({ password: secret });
    const twice = JSON.stringify({ body: once });
    expect(redactor.redactString(once)).toBe(`{"password":"${REDACTED}"}`);
    expect(redactor.redactString(twice)).not.toContain('back');
    expect(JSON.parse(redactor.redactString(twice)).body).toBe(`{"password":"${REDACTED}"}`);
  });

  it('replaces a non-ASCII secret escaped as \\uXXXX', () => {
    const secret = 'clé-secrète-🔑';
    const asciiJson = JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(redactorWith(secret).redactString(`"${asciiJson}"`)).toBe(`"${REDACTED}"`);
  });

  it.each(['', 'u', 'us', 'usr', 'user', 'admin', 'a-longer-user'])(
    'redacts a Basic auth header with user %j (every base64 alignment)',
    (user) => {
      const token = Buffer.from(`${user}:${SECRET}`).toString('base64');
      const redacted = redactorWith(SECRET).redactString(`Authorization: Basic ${token}`);
      const match = /^Authorization: Basic ([A-Za-z0-9+/]*)\[REDACTED\]([A-Za-z0-9+/=]*)$/.exec(redacted);
      expect(match).not.toBeNull();
      const userChars = Math.ceil(((user.length + 1) * 8) / 6);
      // Only the user part and at most 3 edge characters (mixed with the neighbours' bits) remain.
      expect(match?.[1]?.length).toBeLessThanOrEqual(userChars);
      expect(match?.[2]?.length).toBeLessThanOrEqual(3);
    },
  );

  it('redacts a secret inside a base64url JWT payload', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'usr_1', api_key: SECRET })).toString('base64url');
    const redacted = redactorWith(SECRET).redactString(`eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln`);
    expect(redacted).toContain(REDACTED);
    expect(redacted.length).toBeLessThan(`eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln`.length - 30);
  });

  it('prefers the longest registered form', () => {
    const redactor = redactorWith('abcd', 'abcdefgh');
    expect(redactor.redactString('xxabcdefghxx')).toBe(`xx${REDACTED}xx`);
    expect(redactor.redactString('xxabcdxx')).toBe(`xx${REDACTED}xx`);
  });

  it('treats regular-expression characters literally', () => {
    const secret = 'p.a*s+s?(x)[y]{z}|^$\\';
    const redactor = redactorWith(secret);
    expect(redactor.redactString(`<${secret}>`)).toBe(`<${REDACTED}>`);
    expect(redactor.redactString('<pXaaasss(x)[y]{z}|^$\\>')).toBe('<pXaaasss(x)[y]{z}|^$\\>');
  });

  it('ignores values shorter than 4 characters', () => {
    const redactor = redactorWith('abc', '', 'x');
    expect(redactor.size).toBe(0);
    expect(redactor.redactString('abc x')).toBe('abc x');
    redactor.register('abcd');
    expect(redactor.size).toBe(1);
    expect(redactor.redactString('abcd')).toBe(REDACTED);
  });

  it('counts distinct secrets and picks up secrets registered after a redaction', () => {
    const redactor = redactorWith(SECRET, SECRET);
    expect(redactor.size).toBe(1);
    expect(redactor.redactString('later-secret')).toBe('later-secret');
    redactor.register('later-secret');
    expect(redactor.size).toBe(2);
    expect(redactor.redactString(`later-secret ${SECRET}`)).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('also redacts the trimmed form of a secret stored with a trailing newline', () => {
    expect(redactorWith(`${SECRET}\n`).redactString(`key=${SECRET};`)).toBe(`key=${REDACTED};`);
  });
});

describe('redactDeep', () => {
  it('copies objects and arrays with every string, keys included, redacted', () => {
    const input = {
      headers: { Authorization: `Bearer ${SECRET}` },
      list: [SECRET, 1, true, null, { deep: [`x${SECRET}x`] }],
      [SECRET]: 'as a key',
      count: 3,
      missing: undefined,
    };
    const output = redactorWith(SECRET).redactDeep(input);
    expect(output).toEqual({
      headers: { Authorization: `Bearer ${REDACTED}` },
      list: [REDACTED, 1, true, null, { deep: [`x${REDACTED}x`] }],
      [REDACTED]: 'as a key',
      count: 3,
      missing: undefined,
    });
    expect(input.headers.Authorization).toBe(`Bearer ${SECRET}`);
    expect(output).not.toBe(input);
    expect(JSON.stringify(output)).not.toContain(SECRET);
  });

  it('redacts a bare string and leaves other primitives alone', () => {
    const redactor = redactorWith(SECRET);
    expect(redactor.redactDeep(`a ${SECRET}`)).toBe(`a ${REDACTED}`);
    expect(redactor.redactDeep(42)).toBe(42);
    expect(redactor.redactDeep(null)).toBeNull();
  });

  it("redacts an Error's message and stack, keeping its class", () => {
    const error = new TypeError(`Webhook request failed for ${SECRET}`);
    const output = redactorWith(SECRET).redactDeep({ error }).error;
    expect(output).toBeInstanceOf(TypeError);
    expect(output.message).toBe(`Webhook request failed for ${REDACTED}`);
    expect(output.stack ?? '').not.toContain(SECRET);
    expect(error.message).toContain(SECRET);
  });

  it('redacts Map and Set contents and survives cycles', () => {
    const cyclic: Record<string, unknown> = { value: SECRET };
    cyclic.self = cyclic;
    const input = { map: new Map([[SECRET, SECRET]]), set: new Set([SECRET]), cyclic };
    const output = redactorWith(SECRET).redactDeep(input);
    expect([...output.map]).toEqual([[REDACTED, REDACTED]]);
    expect([...output.set]).toEqual([REDACTED]);
    expect(output.cyclic.value).toBe(REDACTED);
    expect(output.cyclic.self).toBe(output.cyclic);
  });

  it('keeps Dates as they are', () => {
    const at = new Date('2025-10-31T12:00:00Z');
    expect(redactorWith(SECRET).redactDeep({ at }).at).toBe(at);
  });
});
