/**
 * The webhook URL guard (docs/accounts.md, "URL guard (SSRF)"): the host
 * normalized first (every trailing dot, IDNA, case), every special-purpose
 * IPv4 and IPv6 range refused with the forms that embed IPv4, port 443 only.
 */
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../src/events/webhook-url';
import { bearer, createKey } from '../support/accounts';
import { postJson } from '../support/worker';

const reason = (url: string, local = false) => {
  const verdict = checkWebhookUrl(url, local);
  return verdict.ok ? 'allowed' : verdict.reason;
};

describe('the webhook URL guard', () => {
  it.each([
    ['https://localhost../', 'localhost is a loopback name'],
    ['https://LOCALHOST./', 'localhost is a loopback name'],
    ['https://metadata.google.internal../', 'metadata.google.internal is a local or internal name'],
    ['https://Metadata.Google.Internal./', 'metadata.google.internal is a local or internal name'],
    ['https://127.0.0.1../', '127.0.0.1 is a loopback address'],
    // IDNA: full-width letters are read as the ASCII name.
    ['https://ｌｏｃａｌｈｏｓｔ/', 'localhost is a loopback name'],
  ])('normalizes the host of %s before the check', (url, because) => {
    expect(reason(url)).toBe(`must be a public host: ${because}`);
  });

  it.each([
    // Teredo 2001::/32, with 8.8.8.8 and 127.0.0.1 inside.
    ['https://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/', 'a Teredo address'],
    ['https://[2001:0:0:0:0:0:7f00:1]/', 'a Teredo address'],
    ['https://[2001:10::1]/', 'a special-purpose address (deprecatedOrchid)'],
    ['https://[2001:20::1]/', 'a special-purpose address (orchid2)'],
    ['https://[3fff::1]/', 'a special-purpose address (reserved)'],
    ['https://[2001:db8::1]/', 'a special-purpose address (reserved)'],
    ['https://[2002:7f00:1::]/', 'a 6to4 address'],
    ['https://[64:ff9b::808:808]/', 'a NAT64 address'],
    ['https://[64:ff9b:1::808:808]/', 'a NAT64 address'],
    ['https://[::ffff:8.8.8.8]/', 'an IPv4-mapped address'],
    ['https://[::8.8.8.8]/', 'an IPv4-compatible address'],
    ['https://[::1]/', 'a loopback address'],
    ['https://[fd00:ec2::254]/', 'a unique-local (private) address'],
    ['https://[fe80::1]/', 'a link-local address'],
    ['https://[100::1]/', 'a special-purpose address (discard)'],
    ['https://[4000::1]/', 'not a global unicast address'],
    ['https://169.254.169.254/', 'a link-local address'],
    ['https://100.64.0.1/', 'a shared (carrier-grade NAT) address'],
    ['https://192.0.0.8/', 'a special-purpose address (reserved)'],
    ['https://192.52.193.1/', 'a special-purpose address (amt)'],
    ['https://198.51.100.7/', 'a special-purpose address (reserved)'],
    ['https://255.255.255.255/', 'the broadcast address'],
    ['https://0x7f.1/', 'a loopback address'],
  ])('refuses %s as %s', (url, what) => {
    expect(reason(url)).toMatch(new RegExp(`^must be a public host: .* is ${what.replace(/[()]/g, '\\$&')}`));
  });

  it('allows port 443 only, except in local development', () => {
    expect(reason('https://hooks.example.com:22/')).toBe('must use port 443, not 22');
    expect(reason('https://hooks.example.com:6379/')).toBe('must use port 443, not 6379');
    expect(reason('https://hooks.example.com:443/')).toBe('allowed');
    expect(reason('https://hooks.example.com:8443/', true)).toBe('allowed');
    expect(reason('http://127.0.0.1:8861/hook', true)).toBe('allowed');
    expect(reason('http://hooks.example.com/', true)).toBe('must be an https URL');
  });

  it('allows public hosts and addresses', () => {
    for (const url of [
      'https://hooks.example.com/portfees',
      'https://hooks.example.com./x',
      'https://[2606:4700::1111]/',
      'https://8.8.8.8/',
    ])
      expect(reason(url), url).toBe('allowed');
  });

  it('POST /v1/webhooks refuses each URL of the report with a 400 naming url', async () => {
    const { key } = await createKey();
    for (const url of [
      'https://localhost../',
      'https://metadata.google.internal../',
      'https://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/',
      'https://[2001:10::1]/',
      'https://[3fff::1]/',
      'https://hooks.example.com:22/',
      'https://hooks.example.com:6379/',
    ]) {
      const res = await postJson('/v1/webhooks', { url, events: ['tariff.published'] }, bearer(key));
      expect(res.status, url).toBe(400);
      const problem = (await res.json()) as { errors: Array<{ path: string }> };
      expect(
        problem.errors.map((e) => e.path),
        url,
      ).toEqual(['url']);
    }
  });
});
