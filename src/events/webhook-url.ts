/**
 * Which URLs a webhook may be sent to (a guard against server-side request
 * forgery). Pure: it reads the URL as the WHATWG parser normalizes it, so
 * IPv4 written in decimal, octal or hex (`http://2130706433/`,
 * `http://0x7f.1/`) arrives here as `127.0.0.1`, and IPv6 in its short form.
 *
 * Allowed: https to a public host name or a public IP address. Refused:
 * other schemes, credentials in the URL, loopback, private, shared,
 * link-local, multicast and reserved addresses (IPv4 and IPv6, IPv4-mapped
 * and NAT64 forms included), cloud metadata endpoints, and names such as
 * `localhost`, `*.local`, `*.internal` or single labels. With `allowLoopback`
 * (development and tests only), http or https to 127.0.0.0/8, ::1 and
 * localhost is allowed.
 */

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** IPv4 ranges that are not the public internet: [first octets as a number, prefix length, what it is]. */
const IPV4_BLOCKED: ReadonlyArray<[string, number, string]> = [
  ['0.0.0.0', 8, 'a "this network" address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved relay address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

const BLOCKED_SUFFIXES = [
  '.localhost',
  '.local',
  '.internal',
  '.intranet',
  '.lan',
  '.home.arpa',
  '.corp',
  '.localdomain',
];

function ipv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((acc, part) => acc * 256 + Number(part), 0);
}

function ipv4Problem(address: number): string | undefined {
  for (const [base, bits, what] of IPV4_BLOCKED) {
    const size = 2 ** (32 - bits);
    const start = ipv4Number(base)!;
    if (address >= start && address < start + size) return what;
  }
  return undefined;
}

/**
 * The eight 16-bit groups of an IPv6 address as the URL parser writes it
 * (hex groups, `::` compression; embedded IPv4 is already rewritten as hex).
 */
function ipv6Groups(text: string): number[] | undefined {
  if (!/^[0-9a-f:]+$/i.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const read = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const head = read(halves[0]!);
  const rest = halves.length === 2 ? read(halves[1]!) : [];
  const given = head.length + rest.length;
  if ((halves.length === 1 && given !== 8) || given > 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

function ipv6Problem(groups: number[]): string | undefined {
  const [a = 0] = groups;
  const embeddedV4 = (groups[6]! * 65536 + groups[7]!) >>> 0;
  if (groups.every((group) => group === 0)) return 'the unspecified address';
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) return 'a loopback address';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible) reach the embedded IPv4 address.
  if (groups.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0))
    return ipv4Problem(embeddedV4) ?? undefined;
  // 64:ff9b::/96 (NAT64) embeds an IPv4 address as well.
  if (a === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0))
    return ipv4Problem(embeddedV4) ?? undefined;
  if ((a & 0xfe00) === 0xfc00) return 'a unique-local (private) address, such as the fd00:ec2::254 metadata endpoint';
  if ((a & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((a & 0xff00) === 0xff00) return 'a multicast address';
  if (a === 0x2001 && groups[1] === 0x0db8) return 'a documentation address';
  if (a === 0x2002) return 'a 6to4 address (it embeds an IPv4 address)';
  if ((a & 0xe000) !== 0x2000) return 'not a global unicast address';
  return undefined;
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Whether `text` may receive webhooks.
 * @example checkWebhookUrl('https://hooks.example.com/portfees', false) // { ok: true, … }
 * @example checkWebhookUrl('https://169.254.169.254/latest', false).ok // false
 */
export function checkWebhookUrl(text: string, allowLoopback: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `must be an https URL, not ${url.protocol.replace(/:$/, '')}` };
  if (url.username || url.password) return { ok: false, reason: 'must not carry a user name or password' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return { ok: false, reason: 'has no host' };

  let loopback = false;
  let problem: string | undefined;
  const v4 = ipv4Number(host);
  if (v4 !== undefined) {
    problem = ipv4Problem(v4);
    loopback = v4 >>> 24 === 127;
  } else if (host.startsWith('[')) {
    const groups = ipv6Groups(host.slice(1, -1));
    if (!groups) return { ok: false, reason: 'has an IPv6 address that cannot be read' };
    problem = ipv6Problem(groups);
    loopback = problem === 'a loopback address';
  } else if (isLoopbackName(host)) {
    problem = 'a loopback name';
    loopback = true;
  } else if (BLOCKED_SUFFIXES.some((suffix) => host.endsWith(suffix)) || host === 'metadata') {
    problem = 'a local or internal name';
  } else if (!host.includes('.')) {
    problem = 'a single-label name (not a public host name)';
  } else if (/^[0-9.]+$/.test(host) || /^0x/i.test(host)) {
    problem = 'a numeric host that is not an IPv4 address';
  }
  if (loopback && allowLoopback) return { ok: true, url };
  if (problem) return { ok: false, reason: `must be a public host: ${url.hostname} is ${problem}` };
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be an https URL' };
  return { ok: true, url };
}
