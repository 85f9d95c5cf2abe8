import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createKeySql, listKeysSql, parseKeyCommand, sqlText, UsageError } from '../../scripts/key-commands';
import { publishableKeyOrigins } from '../../src/accounts/key-store';
import { hashesEqual, hashKey, isKeyShaped } from '../../src/accounts/keys';
import { bearer, createKey, revokeKey } from '../support/accounts';
import { annexOneQuote, IMO } from '../support/vessels';
import { call, postJson } from '../support/worker';

const IN_FORCE = '2025-10-20T06:00:00-07:00';

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as {
    status: number;
    type: string;
    detail: string;
    errors?: Array<{ path: string; message: string }>;
  };
}

describe('keys command line (pure part)', () => {
  it('reads create with its defaults and flags in both spellings', () => {
    expect(parseKeyCommand(['create', '--name', 'Acme Lines'])).toEqual({
      command: 'create',
      name: 'Acme Lines',
      kind: 'secret',
      origins: [],
      accountId: undefined,
      remote: false,
    });
    expect(
      parseKeyCommand([
        'create',
        '--name=Desk',
        '--kind=publishable',
        '--origins',
        'https://a.example, https://b.example:8443',
        '--remote',
      ]),
    ).toEqual({
      command: 'create',
      name: 'Desk',
      kind: 'publishable',
      origins: ['https://a.example', 'https://b.example:8443'],
      accountId: undefined,
      remote: true,
    });
    expect(parseKeyCommand(['list'])).toEqual({ command: 'list', remote: false });
    expect(parseKeyCommand(['list', '--persist-to', '/tmp/state'])).toEqual({
      command: 'list',
      remote: false,
      persistTo: '/tmp/state',
    });
    expect(parseKeyCommand(['revoke', 'key_0123456789abcdef0123'])).toEqual({
      command: 'revoke',
      keyId: 'key_0123456789abcdef0123',
      remote: false,
    });
  });

  it.each([
    [['create'], 'create needs --name'],
    [['create', '--name', 'X', '--kind', 'admin'], '--kind must be secret or publishable'],
    [['list', '--remote', '--persist-to', '/tmp/state'], 'not with --remote'],
    [['create', '--name', 'X', '--kind', 'publishable'], 'needs --origins'],
    [['create', '--name', 'X', '--kind', 'publishable', '--origins', 'https://a.example/path'], 'not an origin'],
    [['create', '--name', 'X', '--origins', 'https://a.example'], '--origins is for publishable keys'],
    [['create', '--name', 'X', '--account', 'acme'], '--account must be an account id'],
    [['revoke', 'sk_live_abc'], 'the key id looks like key_'],
    [['rotate'], 'unknown command rotate'],
    [['list', '--verbose'], 'unknown option --verbose'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseKeyCommand(argv)).toThrow(UsageError);
    expect(() => parseKeyCommand(argv)).toThrow(message);
  });

  it('quotes SQL text by doubling single quotes', () => {
    expect(sqlText("O'Brien Shipping")).toBe("'O''Brien Shipping'");
    expect(sqlText("x'); DROP TABLE accounts; --")).toBe("'x''); DROP TABLE accounts; --'");
  });

  it('stores only the hash: no column of the new row holds the key', async () => {
    const creation = await createKey({ name: "O'Brien Shipping" });
    expect(isKeyShaped(creation.key)).toBe(true);
    expect(creation.key).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    const row = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?')
      .bind(creation.keyId)
      .first<Record<string, string>>();
    expect(row).not.toBeNull();
    expect(
      Object.values(row!).some((value) => typeof value === 'string' && value.includes(creation.key.slice(16))),
    ).toBe(false);
    expect(row!.hash).toBe(await hashKey(creation.key));
    expect(row!.prefix).toBe(creation.key.slice(0, 16));
    const account = await env.DB.prepare('SELECT name FROM accounts WHERE id = ?')
      .bind(creation.accountId)
      .first<{ name: string }>();
    expect(account?.name).toBe("O'Brien Shipping");
  });

  it('inserts no key for an account that does not exist', async () => {
    const command = parseKeyCommand(['create', '--name', 'Ghost', '--account', 'acct_00000000000000000000']);
    if (command.command !== 'create') throw new Error('expected create');
    const creation = await createKeySql(command, '2026-01-01T00:00:00.000Z');
    expect(creation.statements).toHaveLength(1);
    await env.DB.batch(creation.statements.map((statement) => env.DB.prepare(statement)));
    expect(await env.DB.prepare('SELECT id FROM api_keys WHERE id = ?').bind(creation.keyId).first()).toBeNull();
  });

  it('lists keys with their account names and never their hashes', async () => {
    const creation = await createKey({ name: 'Listed Lines' });
    const { results } = await env.DB.prepare(listKeysSql()).all<Record<string, unknown>>();
    const row = results.find((entry) => entry.id === creation.keyId);
    expect(row).toMatchObject({
      account_id: creation.accountId,
      account_name: 'Listed Lines',
      kind: 'secret',
      revoked_at: null,
    });
    expect(row).not.toHaveProperty('hash');
  });

  it('compares hashes by value, whatever their length', () => {
    expect(hashesEqual('ab12', 'ab12')).toBe(true);
    expect(hashesEqual('ab12', 'ab13')).toBe(false);
    expect(hashesEqual('ab12', 'ab1')).toBe(false);
  });
});

describe('secret key life cycle', () => {
  it('quotes with a new key, then is refused with 401 once revoked', async () => {
    const { key, keyId } = await createKey();
    const ok = await postJson('/v1/quotes', annexOneQuote(IN_FORCE), bearer(key));
    expect(ok.status).toBe(200);
    // Annex I: 60,000 NT × 50 USD = 3,000,000.00 USD
    expect(((await ok.json()) as { totals: unknown }).totals).toEqual([{ currency: 'USD', amount: '3000000.00' }]);

    await revokeKey(keyId);
    const refused = await postJson('/v1/quotes', annexOneQuote(IN_FORCE), bearer(key));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="portfees", error="invalid_token"/);
    const problem = await problemOf(refused);
    expect(problem.errors?.[0]).toMatchObject({ path: 'Authorization' });
    expect(problem.errors?.[0]?.message).toMatch(/^revoked on \d{4}-\d{2}-\d{2}T/);
  });

  it.each([
    ['an unknown key', { authorization: `Bearer sk_live_${'A'.repeat(43)}` }, 'Authorization', 'unknown API key'],
    ['a key of the wrong shape', { authorization: 'Bearer hello' }, 'Authorization', 'is not a portfees API key'],
    ['a header that is not Bearer', { authorization: 'Basic dXNlcjpwYXNz' }, 'Authorization', 'must be "Bearer <key>"'],
  ])('refuses %s with 401 problem+json', async (_what, headers, path, message) => {
    const res = await postJson('/v1/quotes', annexOneQuote(IN_FORCE), headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="portfees"/);
    expect((await problemOf(res)).errors).toEqual([{ path, message }]);
  });

  it('refuses a secret key sent in the URL', async () => {
    const { key } = await createKey();
    const res = await call(`/v1/tariffs?key=${key}`);
    expect(res.status).toBe(401);
    expect((await problemOf(res)).errors).toEqual([
      { path: 'key', message: 'secret keys are accepted only in Authorization: Bearer' },
    ]);
  });

  it('keeps anonymous quoting open', async () => {
    const res = await postJson('/v1/quotes', annexOneQuote(IN_FORCE));
    expect(res.status).toBe(200);
  });

  it('asks anonymous callers for a key to save, with WWW-Authenticate', async () => {
    const res = await postJson('/v1/quotes?save=true', annexOneQuote(IN_FORCE));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="portfees"');
    expect((await problemOf(res)).errors).toEqual([
      { path: 'Authorization', message: 'a secret API key is required to save quotes' },
    ]);
  });
});

describe('publishable keys', () => {
  const ORIGIN = 'https://desk.example.com';

  it('quote from an allowed origin, by header or query', async () => {
    const { key } = await createKey({ kind: 'publishable', origins: [ORIGIN] });
    expect(key.startsWith('pk_live_')).toBe(true);
    const byHeader = await postJson('/v1/quotes', annexOneQuote(IN_FORCE), { 'x-portfees-key': key, origin: ORIGIN });
    expect(byHeader.status).toBe(200);
    const byQuery = await postJson(`/v1/quotes?key=${key}`, annexOneQuote(IN_FORCE), { origin: ORIGIN });
    expect(byQuery.status).toBe(200);
  });

  it('are refused (403) from another origin or with none', async () => {
    const { key } = await createKey({ kind: 'publishable', origins: [ORIGIN] });
    const foreign = await postJson('/v1/quotes', annexOneQuote(IN_FORCE), {
      'x-portfees-key': key,
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect((await problemOf(foreign)).errors).toEqual([
      { path: 'Origin', message: 'https://evil.example is not an allowed origin of this key' },
    ]);
    const none = await postJson('/v1/quotes', annexOneQuote(IN_FORCE), { 'x-portfees-key': key });
    expect(none.status).toBe(403);
  });

  it('cannot save quotes or touch the ledger (403)', async () => {
    const { key } = await createKey({ kind: 'publishable', origins: [ORIGIN] });
    const headers = { 'x-portfees-key': key, origin: ORIGIN };
    const save = await postJson('/v1/quotes?save=true', annexOneQuote(IN_FORCE), headers);
    expect(save.status).toBe(403);
    expect((await problemOf(save)).type).toBe('urn:portfees:problem:secret-key-required');
    const ledger = await call(`/v1/vessels/${IMO}/charges`, { headers });
    expect(ledger.status).toBe(403);
  });

  it('give the widget its allowed origins, without revoked keys', async () => {
    const live = await createKey({
      kind: 'publishable',
      origins: ['https://origins-test-a.example', 'https://origins-test-b.example'],
    });
    const revoked = await createKey({ kind: 'publishable', origins: ['https://origins-test-revoked.example'] });
    await createKey({ kind: 'secret' });
    await revokeKey(revoked.keyId);
    const origins = await publishableKeyOrigins(env.DB);
    expect(origins).toEqual(
      expect.arrayContaining(['https://origins-test-a.example', 'https://origins-test-b.example']),
    );
    expect(origins).not.toContain('https://origins-test-revoked.example');
    expect(origins).toEqual([...origins].sort());
    expect(live.key.startsWith('pk_live_')).toBe(true);
  });
});
