/**
 * The words of a page in its locale: a catalogue message rendered at once,
 * so page templates name ids and values, never sentences.
 * @example wordsFor('zh-CN')('page.back', {}) // '返回计算器'
 */
import { type MessageId, message, type ParamsOf } from '../messages/message';
import { type Locale, renderMessage } from '../messages/render';

export type Words = <K extends MessageId>(id: K, params: ParamsOf<K>) => string;

export function wordsFor(locale: Locale): Words {
  return (id, params) => renderMessage(message(id, params), locale);
}
