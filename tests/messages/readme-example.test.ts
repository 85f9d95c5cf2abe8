/**
 * The README's quote example is the real answer: each explanation line it
 * shows (id and words, "…" marking where it is cut short) and the exemption
 * reason are what the API answers for that request.
 */
import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import { renderQuote } from '../../src/messages/quote';
import { quoteOf } from '../support/requests';

const request = {
  vessel: {
    imo: '9310006',
    name: 'EXAMPLE TRADER',
    type: 'container' as const,
    flag: 'PA',
    buildCountry: 'CN',
    netTonnage: 50000,
    deadweight: 100000,
    teuCapacity: 8000,
    owner: { country: 'GR' },
    operator: { country: 'DK' },
  },
  portCalls: [
    { port: 'CNSHA', arrival: '2025-09-22T08:00:00+08:00' },
    { port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00', containersDischarged: 2000 },
    { port: 'USOAK', arrival: '2025-10-23' },
  ],
  options: { asOf: '2026-11-28' },
};

describe('README quote example', () => {
  const answer = renderQuote(quoteOf(request), 'en');
  const us = answer.voyages.find((voyage) => voyage.regime === 'us-301')!;

  it('shows the explanation lines of the answer, in order', () => {
    const shown = [...readme.matchAll(/\{ "id": "([\w.-]+)", "text": "([^"]+)" \}/g)].map(([, id, text]) => ({
      id: id!,
      text: text!,
    }));
    expect(shown).toHaveLength(us.explanation.length);
    shown.forEach((line, i) => {
      expect(us.explanation[i]!.id).toBe(line.id);
      const [head] = line.text.split(' …');
      expect(us.explanation[i]!.text.startsWith(head!.replace(/: …$/, ''))).toBe(true);
    });
  });

  it('shows the small-vessel reason as answered', () => {
    const smallVessel = us.exemptions.find((exemption) => exemption.id === 'small-vessel')!;
    expect(readme).toContain(`"text": "${smallVessel.reason.text}"`);
    expect(smallVessel.reason.text).toBe('8,000 TEU > 4,000 TEU, the limit for container ships');
  });
});
