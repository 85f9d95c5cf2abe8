/**
 * One catalogue per locale: the same ids with the same params in English and
 * Chinese, every id the engine emits in them, and a quote rendered in zh-CN
 * has Chinese words on every line (codes, ids, numbers and cited sources aside).
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/messages/en';
import { isMessage, type Message, type MessageParam } from '../../src/messages/message';
import { renderQuote } from '../../src/messages/quote';
import { localeOf, placeholders, renderMessage } from '../../src/messages/render';
import { zhCN } from '../../src/messages/zh-CN';
import { latinOnlyLines } from '../support/chinese';
import { portCall, quoteOf, vessel } from '../support/requests';

/** Every message id inside a message, its nested params included. */
function idsOf(value: MessageParam, into: Set<string>): void {
  if (typeof value !== 'object' || value === null) return;
  if (isMessage(value)) {
    into.add(value.id);
    for (const param of Object.values(value.params)) idsOf(param, into);
  } else if ('list' in value) for (const item of value.list) idsOf(item, into);
}

const requests = [
  // Annex I at Los Angeles, then China's fee at Shanghai without a berthing time.
  {
    vessel: vessel({ operator: { country: 'CN' }, deadweight: 40000 }),
    portCalls: [portCall('CNSHA', '2025-10-20T08:00:00+08:00'), portCall('USLAX', '2025-10-28T06:00:00-07:00')],
  },
  // A US-owned vessel in China, Annex II small vessel in ballast in the US.
  {
    vessel: vessel({ owner: { country: 'US' }, buildCountry: 'CN', type: 'dry_bulk', deadweight: 50000 }),
    portCalls: [
      portCall('CNSHA', '2025-10-20'),
      portCall('USLAX', '2025-10-28', { cargo: 'ballast' }),
      portCall('USOAK', '2025-10-30'),
    ],
  },
];

describe('the catalogues', () => {
  it('have the same ids in English and Chinese, each with the same params', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [id, text] of Object.entries(en))
      expect([id, placeholders(zhCN[id as keyof typeof en])]).toEqual([id, placeholders(text)]);
  });

  it('hold every id the engine emits for these quotes', () => {
    const ids = new Set<string>();
    for (const request of requests) {
      const result = quoteOf(request);
      for (const voyage of result.voyages) {
        for (const line of voyage.explanation) idsOf(line, ids);
        for (const exemption of voyage.exemptions) idsOf(exemption.reason, ids);
      }
      for (const note of result.notes) idsOf(note, ids);
    }
    expect(ids.size).toBeGreaterThan(20);
    expect([...ids].filter((id) => !(id in en))).toEqual([]);
  });
});

describe('rendering', () => {
  it('formats amounts with the locale’s separators and keeps every digit', () => {
    const charged: Message = {
      id: 'voyage.charged',
      params: { amount: { amount: '4000000.00', currency: 'USD' }, port: 'USLAX' },
    };
    expect(renderMessage(charged, 'en')).toBe('Charged 4,000,000.00 USD at USLAX.');
    expect(renderMessage(charged, 'zh-CN')).toBe('在 USLAX 收取 4,000,000.00 USD。');
  });

  it('reads the locale from the option, else Accept-Language, else English', () => {
    expect(localeOf('zh-CN', 'en')).toBe('zh-CN');
    expect(localeOf(undefined, 'fr;q=0.9, zh-TW;q=0.8, en;q=0.5')).toBe('zh-CN');
    expect(localeOf(undefined, 'en-GB,zh;q=0.5')).toBe('en');
    expect(localeOf(undefined, undefined)).toBe('en');
  });

  it('changes words only: the same quote in both locales has the same ids, amounts and quote id', () => {
    const result = quoteOf(requests[0]!);
    const english = renderQuote(result, 'en');
    const chinese = renderQuote(result, 'zh-CN');
    expect(chinese.quoteId).toBe(english.quoteId);
    expect(chinese.totals).toEqual(english.totals);
    expect(chinese.voyages[0]!.explanation.map((line) => line.id)).toEqual(
      english.voyages[0]!.explanation.map((line) => line.id),
    );
    const asked = quoteOf({ ...requests[0]!, options: { locale: 'zh-CN' } });
    expect(asked.quoteId).toBe(result.quoteId);
  });

  it('writes every line of a quote in Chinese under zh-CN (codes, numbers and cited sources aside)', () => {
    for (const request of requests) {
      const chinese = renderQuote(quoteOf(request), 'zh-CN');
      const lines = [
        ...chinese.voyages.flatMap((voyage) => [
          ...voyage.explanation.map((line) => line.text),
          ...voyage.exemptions.map((exemption) => exemption.reason.text),
        ]),
        ...chinese.notes.map((note) => note.text),
      ];
      expect(lines.length).toBeGreaterThan(5);
      expect(latinOnlyLines(lines)).toEqual([]);
    }
  });
});
