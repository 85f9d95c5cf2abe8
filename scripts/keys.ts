#!/usr/bin/env node
// `npm run keys -- create|list|revoke …`: manages API keys in the D1 database
// through `wrangler d1 execute` (local by default, --remote for Cloudflare).
// The key is printed once at creation; only its SHA-256 is stored.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createKeySql,
  type KeyCommand,
  keyExistsSql,
  listKeysSql,
  parseKeyCommand,
  revokeKeySql,
  USAGE,
  UsageError,
} from './key-commands';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');

type Row = Record<string, unknown>;

/** Runs SQL statements in one `wrangler d1 execute` and returns each statement's rows. */
function execute(statements: string[], { remote, persistTo }: { remote: boolean; persistTo?: string }): Row[][] {
  // Arguments go straight to the process (no shell), and every value in the SQL is already quoted.
  const result = spawnSync(
    wrangler,
    [
      'd1',
      'execute',
      'DB',
      remote ? '--remote' : '--local',
      ...(persistTo ? ['--persist-to', persistTo] : []),
      '--json',
      '--command',
      statements.join('\n'),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      // WRANGLER_LOG=warn (or quieter) in the caller's environment would silence the --json output itself.
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', WRANGLER_LOG: 'log' },
    },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(
      `wrangler d1 execute failed (exit ${result.status}); is the database migrated? (npm start applies local migrations; ` +
        'for --remote run: npx wrangler d1 migrations apply DB --remote)',
    );
  }
  const parsed: unknown = JSON.parse(result.stdout);
  return (Array.isArray(parsed) ? parsed : []).map((entry) => (entry as { results?: Row[] }).results ?? []);
}

async function create(command: Extract<KeyCommand, { command: 'create' }>): Promise<void> {
  const creation = await createKeySql(command, new Date().toISOString());
  const results = execute([...creation.statements, keyExistsSql(creation.keyId)], command);
  if ((results[results.length - 1] ?? []).length === 0)
    throw new UsageError(`no account ${creation.accountId}; see npm run keys -- list`);
  console.log(
    creation.newAccount ? `Created account ${creation.accountId} (${command.name})` : `Account ${creation.accountId}`,
  );
  console.log(
    `Created ${command.kind} key ${creation.keyId}${command.origins.length ? ` for ${command.origins.join(', ')}` : ''}`,
  );
  console.log('');
  console.log(`  ${creation.key}`);
  console.log('');
  console.log('This is the only time the key is shown; store it now. Only its SHA-256 hash is kept.');
}

function list(command: Extract<KeyCommand, { command: 'list' }>): void {
  const rows = execute([listKeysSql()], command)[0] ?? [];
  if (rows.length === 0) {
    console.log('No keys yet: npm run keys -- create --name "…"');
    return;
  }
  console.table(
    rows.map((row) => ({
      id: row.id,
      account: `${String(row.account_id)} (${String(row.account_name)})`,
      kind: row.kind,
      key: `${String(row.prefix)}…`,
      name: row.name,
      origins: (JSON.parse(String(row.origins)) as string[]).join(' '),
      created: row.created_at,
      revoked: row.revoked_at ?? '',
    })),
  );
}

function revoke(command: Extract<KeyCommand, { command: 'revoke' }>): void {
  const now = new Date().toISOString();
  const results = execute(revokeKeySql(command.keyId, now), command);
  const row = (results[results.length - 1] ?? [])[0];
  if (!row) throw new UsageError(`no key ${command.keyId}; see npm run keys -- list`);
  console.log(
    row.revoked_at === now
      ? `Revoked ${command.keyId}.`
      : `${command.keyId} was already revoked on ${String(row.revoked_at)}.`,
  );
}

async function main(): Promise<void> {
  const command = parseKeyCommand(process.argv.slice(2));
  if (command.command === 'help') console.log(USAGE);
  else if (command.command === 'create') await create(command);
  else if (command.command === 'list') list(command);
  else revoke(command);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
