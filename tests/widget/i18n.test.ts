// The widget's words: Chinese for every vocabulary value, outcome, certainty and payer the API can send,
// placeholders filled, and dates in the reader's locale.
import { describe, expect, it } from 'vitest';
import { CALL_PURPOSES, CARGO_STATES, PROGRAMS, VESSEL_TYPES } from '../../src/tariffs/schema';
import { formatArrival, formatDate } from '../../src/widget/format';
import {
  codeWord,
  languageOf,
  MESSAGE_KEYS,
  readingWords,
  translator,
  typeHelp,
  ZH_CODES,
} from '../../src/widget/i18n';

const OUTCOMES = ['charged', 'exempt', 'not-covered', 'not-in-force', 'suspended', 'capped', 'remitted'];
const CERTAINTY = ['confirmed', 'assumed', 'estimated', 'time-dependent', 'unconfirmed'];

describe('widget words', () => {
  it('reads Chinese for zh, zh-CN and zh-Hans, English otherwise', () => {
    expect(['zh', 'zh-CN', 'zh-Hans-CN', 'ZH-cn'].map(languageOf)).toEqual(['zh', 'zh', 'zh', 'zh']);
    expect(['en', 'en-GB', 'de', 'zhx'].map(languageOf)).toEqual(['en', 'en', 'en', 'en']);
  });

  it('has a Chinese word for every code the API can send', () => {
    const codes = [
      ...VESSEL_TYPES,
      ...PROGRAMS,
      ...CARGO_STATES,
      ...CALL_PURPOSES,
      ...OUTCOMES,
      ...CERTAINTY,
      'charterers',
      'owners',
      'annex-i',
      'annex-ii',
      'annex-iii',
    ];
    expect(codes.filter((code) => !(code in ZH_CODES))).toEqual([]);
    expect(codeWord('zh-CN', 'unconfirmed')).toBe('未确认');
    expect(codeWord('en', 'unconfirmed')).toBe('unconfirmed');
    expect(codeWord('en', 'annex-iii')).toBe('Annex III');
    // An unknown code reads as itself in both languages.
    expect(codeWord('zh-CN', 'new-outcome')).toBe('new-outcome');
  });

  it('translates every message, and fills placeholders', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    for (const key of MESSAGE_KEYS) {
      expect(zh(key), key).not.toBe('');
      expect(zh(key), key).not.toBe(en(key));
    }
    expect(en('callN', { n: 3 })).toBe('Call 3');
    expect(zh('callN', { n: 3 })).toBe('第 3 港');
    expect(en('ifAlt', { a: 'extended', m: '0.00 USD' })).toBe('if extended: 0.00 USD');
    expect(readingWords('en', 'us-301.after-suspension', 'extended')).toBe('extended');
    expect(readingWords('en', 'us-301.cap-year', 'april-17')).toBe('cap year april-17');
    expect(readingWords('en', 'arrival-time', 'end-of-day')).toBe('arrival at the end of the day');
    expect(readingWords('zh-CN', 'cn-spf.after-suspension', 'extended')).toBe('暂停延长');
  });

  it('helps with every vessel type, in both languages', () => {
    for (const type of VESSEL_TYPES) {
      expect(typeHelp('en', type), type).not.toBe('');
      expect(typeHelp('zh-CN', type), type).not.toBe('');
    }
    expect(typeHelp('en', 'roro')).toMatch(/con-ro classed as ro-ro by CBP pays Annex III/);
  });

  it('formats dates in the locale, keeping a port-local day', () => {
    expect(formatDate('2026-12-01', 'en')).toBe('Dec 1, 2026');
    expect(formatDate('2026-12-01', 'zh-CN')).toBe('2026年12月1日');
    expect(formatArrival('2026-12-15T06:00:00-08:00', 'en')).toBe('Dec 15, 2026 06:00');
    expect(formatArrival('2026-12-18', 'en')).toBe('Dec 18, 2026');
  });
});
