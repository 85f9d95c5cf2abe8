/**
 * The pure part of `npm run keys`: reading the command line and writing the
 * SQL that creates, lists and revokes keys. No I/O, so it is tested inside
 * workerd against the same D1 schema the Worker uses.
 */
import { generateKey, hashKey, isOrigin, type KeyKind, lookupPrefix, randomId } from '../src/accounts/keys';

export const USAGE = `Usage:
  npm run keys -- create --name "Name" [--kind secret|publishable] [--origins https://a.example,https://b.example] [--account acct_…] [--remote]
  npm run keys -- list [--remote]
  npm run keys -- revoke key_… [--remote]

create   makes a key (a new account named --name unless --account is given) and prints it once.
         Publishable keys need --origins: the origins (scheme://host[:port]) the widget may run on.
list     shows every key: id, account, kind, clear prefix, name, origins, created, revoked.
revoke   refuses a key from now on (it is kept, marked revoked).
--remote works on the Cloudflare database instead of the local one that \`npm start\` uses;
--persist-to DIR on the local one kept in DIR (as \`npm start -- --persist-to DIR\` serves it).`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Which database: Cloudflare's, or the local one (in `persistTo` when given, else wrangler's default). */
interface Database {
  remote: boolean;
  persistTo?: string;
}

export type KeyCommand =
  | ({ command: 'create'; name: string; kind: KeyKind; origins: string[]; accountId?: string } & Database)
  | ({ command: 'list' } & Database)
  | ({ command: 'revoke'; keyId: string } & Database)
  | { command: 'help' };

const ACCOUNT_ID = /^acct_[0-9a-f]{20}$/;
const KEY_ID = /^key_[0-9a-f]{20}$/;
const VALUE_FLAGS = new Set(['--name', '--kind', '--origins', '--account']);

/** Names are free text, but one printable line of at most 100 characters. */
function checkName(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) throw new UsageError('create needs --name "…"');
  if (trimmed.length > 100) throw new UsageError('--name must be at most 100 characters');
  if ([...trimmed].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    throw new UsageError('--name must not contain control characters');
  return trimmed;
}

function checkOrigins(kind: KeyKind, list: string | undefined): string[] {
  const origins = (list ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (kind === 'secret' && origins.length > 0)
    throw new UsageError('--origins is for publishable keys (--kind publishable)');
  if (kind === 'publishable' && origins.length === 0)
    throw new UsageError('a publishable key needs --origins, such as --origins https://desk.example.com');
  const bad = origins.filter((origin) => !isOrigin(origin));
  if (bad.length > 0) throw new UsageError(`not an origin (scheme://host[:port], no path): ${bad.join(', ')}`);
  return [...new Set(origins)];
}

/**
 * Reads `create|list|revoke` and their flags (`--flag value` or `--flag=value`).
 * @throws UsageError naming what is wrong.
 * @example parseKeyCommand(['create', '--name', 'Acme Lines']) // { command: 'create', kind: 'secret', … }
 */
export function parseKeyCommand(argv: ReadonlyArray<string>): KeyCommand {
  const [command, ...rest] = argv;
  const flags = new Map<string, string>();
  const positional: string[] = [];
  let remote = false;
  let persistTo: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === '--remote') remote = true;
    else if (flag === '--local') remote = false;
    else if (flag === '--persist-to') {
      persistTo = eq > 0 ? arg.slice(eq + 1) : rest[++i];
      if (!persistTo) throw new UsageError('--persist-to needs a directory');
    } else if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      flags.set(flag, value);
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (remote && persistTo) throw new UsageError('--persist-to is for the local database, not with --remote');
  const database: Database = persistTo ? { remote, persistTo } : { remote };
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
      return { command: 'help' };
    case 'create': {
      const kind = flags.get('--kind') ?? 'secret';
      if (kind !== 'secret' && kind !== 'publishable') throw new UsageError('--kind must be secret or publishable');
      const accountId = flags.get('--account');
      if (accountId !== undefined && !ACCOUNT_ID.test(accountId))
        throw new UsageError('--account must be an account id such as acct_0123456789abcdef0123');
      if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
      return {
        command: 'create',
        name: checkName(flags.get('--name')),
        kind,
        origins: checkOrigins(kind, flags.get('--origins')),
        accountId,
        ...database,
      };
    }
    case 'list':
      if (positional.length > 0 || flags.size > 0) throw new UsageError('list takes only --remote or --persist-to');
      return { command: 'list', ...database };
    case 'revoke': {
      if (positional.length !== 1 || flags.size > 0)
        throw new UsageError('revoke takes one key id: npm run keys -- revoke key_…');
      const keyId = positional[0]!;
      if (!KEY_ID.test(keyId))
        throw new UsageError('the key id looks like key_0123456789abcdef0123 (see npm run keys -- list)');
      return { command: 'revoke', keyId, ...database };
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** A SQL string literal: wrangler's `d1 execute` takes no parameters, so values are quoted here (after validation). */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export interface KeyCreation {
  /** The key itself: shown once, never stored. */
  key: string;
  keyId: string;
  accountId: string;
  newAccount: boolean;
  /** One statement per line, in order. */
  statements: string[];
}

/**
 * The statements that create a key (and its account when none is named). The
 * key row is inserted only if its account exists, so a wrong --account
 * inserts nothing (check with {@link keyExistsSql}).
 */
export async function createKeySql(
  command: Extract<KeyCommand, { command: 'create' }>,
  now: string,
): Promise<KeyCreation> {
  const key = generateKey(command.kind);
  const keyId = randomId('key');
  const accountId = command.accountId ?? randomId('acct');
  const statements: string[] = [];
  if (!command.accountId) {
    statements.push(
      `INSERT INTO accounts (id, name, created_at) VALUES (${sqlText(accountId)}, ${sqlText(command.name)}, ${sqlText(now)});`,
    );
  }
  const values = [
    keyId,
    accountId,
    command.kind,
    lookupPrefix(key),
    await hashKey(key),
    command.name,
    JSON.stringify(command.origins),
    now,
  ].map(sqlText);
  statements.push(
    `INSERT INTO api_keys (id, account_id, kind, prefix, hash, name, origins, created_at) SELECT ${values.join(', ')} ` +
      `WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ${sqlText(accountId)});`,
  );
  return { key, keyId, accountId, newAccount: !command.accountId, statements };
}

export function keyExistsSql(keyId: string): string {
  return `SELECT id FROM api_keys WHERE id = ${sqlText(keyId)};`;
}

export function listKeysSql(): string {
  return (
    'SELECT k.id, k.account_id, a.name AS account_name, k.kind, k.prefix, k.name, k.origins, k.created_at, k.revoked_at ' +
    'FROM api_keys k JOIN accounts a ON a.id = k.account_id ORDER BY k.created_at, k.id;'
  );
}

/** Revokes once; the second statement reads the key back so the caller can tell "revoked now", "already revoked" and "no such key". */
export function revokeKeySql(keyId: string, now: string): string[] {
  return [
    `UPDATE api_keys SET revoked_at = ${sqlText(now)} WHERE id = ${sqlText(keyId)} AND revoked_at IS NULL;`,
    `SELECT id, revoked_at FROM api_keys WHERE id = ${sqlText(keyId)};`,
  ];
}
