/**
 * record.js: the decision record a professional copies into their notes (plain text), with its
 * Copy and Print buttons.
 */
import { openStatusText } from './contacts.js';
import { formatDate, formatDateTime } from './london-time.js';
import { h } from './dom.js';

/** The plain-text decision record a professional copies into their notes. */
export function recordText({ t, response, answers, locale = 'en-GB' }) {
  const now = response.at;
  const lines = [t('record_title'), t('record_time', { time: formatDateTime(now, t, locale) })];
  lines.push('', t('record_answers'));
  for (const answer of answers) lines.push(t('record_answer', { question: answer.question, answer: answer.label }));
  lines.push('');
  if (response.level) {
    lines.push(t('record_level', { name: response.level_name || response.level, filter: response.level_filter || '', level: response.level }));
  } else {
    lines.push(t('record_level_none'));
  }
  const explain = Array.isArray(response.explain) ? response.explain : [];
  if (explain.length) {
    lines.push('', t('record_reasons'));
    for (const entry of explain) lines.push(t('record_reason', { rule: entry.rule || '', text: entry.text || entry.rule || '' }));
  }
  const contacts = Array.isArray(response.contacts) ? response.contacts : [];
  if (contacts.length) {
    lines.push('', t('record_contacts'));
    for (const c of contacts) {
      lines.push(t('record_contact', {
        name: c.name || c.service,
        phone: c.phone || c.email || c.web || '',
        status: openStatusText(c, now, t, locale),
        why: c.why || '',
      }));
    }
  }
  lines.push('', t('record_checked', { date: formatDate(response.checked, locale) }));
  return lines.join('\n');
}

/** The element's decision-record methods (mixed into the class by element.js). */
export const recordMethods = {

  _record(response, flow) {
    const doc = this.ownerDocument;
    const t = this._t();
    const text = recordText({ t, response, answers: flow.answers, locale: this._locale });
    const pre = h(doc, 'pre', { class: 'fd-record__text', id: 'fd-record-text', tabindex: '0' }, text);
    const copy = h(doc, 'button', { type: 'button', class: 'fd-button fd-button--secondary', onclick: () => this._copy(text, pre) }, t('record_copy'));
    const print = h(doc, 'button', { type: 'button', class: 'fd-button fd-button--secondary', onclick: () => this.ownerDocument.defaultView.print() }, t('record_print'));
    return h(doc, 'section', { class: 'fd-record', 'aria-labelledby': 'fd-record-heading' },
      h(doc, this._headingTag(2), { class: 'fd-heading-m', id: 'fd-record-heading' }, t('record_heading')),
      h(doc, 'p', { class: 'fd-hint' }, t('record_hint')),
      pre,
      h(doc, 'div', { class: 'fd-button-group fd-record__buttons' }, copy, print));
  },

  async _copy(text, pre) {
    const t = this._t();
    const clipboard = this.ownerDocument.defaultView.navigator.clipboard;
    try {
      if (!clipboard || typeof clipboard.writeText !== 'function') throw new Error('no clipboard');
      await clipboard.writeText(text);
      this._announce(t('record_copied'));
    } catch (_) {
      // Fallback: select the record so the person can copy it themselves.
      const selection = this.ownerDocument.getSelection();
      if (selection) selection.selectAllChildren(pre);
      pre.focus();
      this._announce(t('record_selected'));
    }
  },

};
