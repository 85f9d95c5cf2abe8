/**
 * Which URLs a webhook may be sent to (a guard against server-side request
 * forgery). Pure: it reads the URL as the WHATWG parser normalizes it (IDNA,
 * case, IPv4 written in decimal, octal or hex such as `http://2130706433/` or
 * `http://0x7f.1/` arriving as `127.0.0.1`), then drops every trailing dot
 * (`localhost..` is `localhost`) before any check.
 *
 * Allowed: https on port 443 to a public host name or a public IP address.
 * Refused: other schemes and ports, credentials in the URL, every IANA
 * special-purpose IPv4 and IPv6 range as ipaddr.js names them (loopback,
 * private, shared, link-local, multicast, documentation, benchmarking,
 * reserved, 2001::/23 with Teredo and ORCHID, 3fff::/20), every IPv6 form
 * that embeds an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, Teredo,
 * NAT64 64:ff9b::/96 and 64:ff9b:1::/48) and any IPv6 address outside global
 * unicast 2000::/3, and names such as `localhost`, `*.local`, `*.internal` or
 * single labels. With `local` (`npm start` and tests only), any port, and
 * http or https to 127.0.0.0/8, ::1 and localhost, are allowed.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry
 */
import ipaddr from 'ipaddr.js';

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** What each range ipaddr.js names is, for the refusal. */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (cloud metadata lives there)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  private: 'a private address',
  uniqueLocal: 'a unique-local (private) address, such as the fd00:ec2::254 metadata endpoint',
  ipv4Mapped: 'an IPv4-mapped address (it embeds an IPv4 address)',
  rfc6145: 'an IPv4-translated address (it embeds an IPv4 address)',
  rfc6052: 'a NAT64 address (it embeds an IPv4 address)',
  '6to4': 'a 6to4 address (it embeds an IPv4 address)',
  teredo: 'a Teredo address (it embeds an IPv4 address)',
};

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

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/** Why an address is not the public internet, or undefined when it is. */
function addressProblem(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
  const range = address.range();
  if (range !== 'unicast') return RANGE_NAMES[range] ?? `a special-purpose address (${range})`;
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    // ::a.b.c.d (IPv4-compatible, deprecated) and everything else outside 2000::/3.
    if (v6.parts.slice(0, 6).every((part) => part === 0))
      return 'an IPv4-compatible address (it embeds an IPv4 address)';
    if (!v6.match(GLOBAL_UNICAST)) return 'not a global unicast address';
  }
  return undefined;
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** The host as every check reads it: the parser's (lower case, IDNA, IPv4 normalized) without trailing dots. */
export const normalizedHost = (url: URL): string => url.hostname.replace(/\.+$/, '');

/** Why a host name or address may not receive webhooks, and whether it is loopback. */
function hostProblem(host: string): { problem?: string; loopback: boolean } {
  let address: ipaddr.IPv4 | ipaddr.IPv6 | undefined;
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1);
    if (!ipaddr.IPv6.isValid(inner)) return { problem: 'an IPv6 address that cannot be read', loopback: false };
    address = ipaddr.IPv6.parse(inner);
  } else if (ipaddr.IPv4.isValidFourPartDecimal(host)) address = ipaddr.IPv4.parse(host);
  if (address) {
    const problem = addressProblem(address);
    return { ...(problem ? { problem } : {}), loopback: address.range() === 'loopback' };
  }
  if (isLoopbackName(host)) return { problem: 'a loopback name', loopback: true };
  if (BLOCKED_SUFFIXES.some((suffix) => host.endsWith(suffix)) || host === 'metadata')
    return { problem: 'a local or internal name', loopback: false };
  if (!host.includes('.')) return { problem: 'a single-label name (not a public host name)', loopback: false };
  if (/^[0-9.]+$/.test(host) || /^0x/i.test(host))
    return { problem: 'a numeric host that is not an IPv4 address', loopback: false };
  return { loopback: false };
}

/**
 * Whether `text` may receive webhooks; `local` is local development (`npm start`, tests).
 * @example checkWebhookUrl('https://hooks.example.com/portfees', false) // { ok: true, … }
 * @example checkWebhookUrl('https://169.254.169.254/latest', false).ok // false
 * @example checkWebhookUrl('https://hooks.example.com:8443/', false).ok // false
 */
export function checkWebhookUrl(text: string, local: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `must be an https URL, not ${url.protocol.replace(/:$/, '')}` };
  if (url.username || url.password) return { ok: false, reason: 'must not carry a user name or password' };
  const host = normalizedHost(url);
  if (!host) return { ok: false, reason: 'has no host' };
  const { problem, loopback } = hostProblem(host);
  if (loopback && local) return { ok: true, url };
  if (problem) return { ok: false, reason: `must be a public host: ${host} is ${problem}` };
  if (url.protocol !== 'https:') return { ok: false, reason: 'must be an https URL' };
  // The parser drops the scheme's default port, so any port left is not 443.
  if (url.port !== '' && !local) return { ok: false, reason: `must use port 443, not ${url.port}` };
  return { ok: true, url };
}
