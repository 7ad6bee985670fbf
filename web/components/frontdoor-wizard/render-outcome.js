/**
 * render-outcome.js: rendering of an outcome: who to contact now (cards with phone links and opening
 * status from contacts.js), notes, other options and the answers with Change.
 */
import { resolveWording, templateParts } from './wording.js';
import { openStatusLine, phoneParts, pickContacts, telHref } from './contacts.js';
import { formatDate, formatDateTime, isoInstant } from './london-time.js';
import { h } from './dom.js';
import { flowFacts } from './flow.js';


/** What decides the outcome screen's content (not the time itself). */
export function outcomeKey(response) {
  return JSON.stringify([response.level, (response.contacts || []).map((c) => [c.service, c.open_now, c.label_now, c.closes_at, c.opens_next])]);
}

/** The element's outcome-rendering methods (mixed into the class by element.js). */
export const outcomeMethods = {


  _renderOutcome(response) {
    this._setScreen([this._outcomeScreen(response, this._flow)]);
  },

  /** The outcome's nodes after the answers of `flow` (not placed). */
  _outcomeScreen(response, flow) {
    const doc = this.ownerDocument;
    const t = this._t();
    const locale = this._locale;
    const now = response.at || isoInstant(this._now());
    const { primary, meanwhile, others } = pickContacts(response.contacts);
    const container = h(doc, 'div', { class: 'fd-outcome', 'data-level': response.level || 'none' });

    container.append(h(doc, this._headingTag(1), { id: 'fd-outcome', class: 'fd-heading-l', tabindex: '-1' }, t('outcome_heading')));
    // The number to call, first thing under the heading (issue 15): see _callNow below.
    if (primary) container.append(...this._callNow(primary, meanwhile, now));
    if (response.level) {
      container.append(h(doc, 'p', { class: `fd-level fd-level--${response.level}` },
        // Plain words per level (ui.json `level_<id>`) for families; the Wiltshire level name otherwise.
        t(t.has(`level_${response.level}`) ? `level_${response.level}` : 'level_text',
          { name: response.level_name || response.level, filter: response.level_filter || '' })));
    }
    // The London time the core worked this out for (the device's clock, or the server's).
    container.append(h(doc, 'p', { class: 'fd-checked', id: 'fd-outcome-time' }, t('outcome_time', { time: formatDateTime(now, t, locale) })));

    if (primary) container.append(this._card(primary, now, { primary: true }));
    if (meanwhile) {
      container.append(h(doc, this._headingTag(2), { class: 'fd-heading-m' }, t('meanwhile_heading')));
      container.append(this._card(meanwhile, now, { primary: true }));
    }

    const notes = (Array.isArray(response.notes) ? response.notes : []).map((n) => resolveWording(n, this._audience)).filter(Boolean);
    if (notes.length) {
      container.append(h(doc, 'div', { class: 'fd-notes' },
        h(doc, this._headingTag(2), { class: 'fd-heading-m' }, t('notes_heading')),
        h(doc, 'ul', { class: 'fd-list fd-list--bullet' }, notes.map((n) => h(doc, 'li', null, this._withTel(n))))));
    }

    if (others.length) {
      container.append(h(doc, this._headingTag(2), { class: 'fd-heading-m' }, t('others_heading')));
      for (const contact of others) container.append(this._card(contact, now, { primary: false }));
    }

    container.append(this._answersList(flow));
    if (response.checked) container.append(h(doc, 'p', { class: 'fd-checked' }, t('last_checked', { date: formatDate(response.checked, locale) })));

    if (this._audience === 'professional') container.append(this._record(response, flow));

    // Kiosk (kiosk-call.js): it has no phone, so numbers large with a QR code each, no tel: link;
    // on a danger outcome, a member of staff first.
    if (this._kiosk) {
      this._kioskTellStaff(container, response, flowFacts(flow));
      this._kioskNumbers(container);
    }
    return container;
  },

  _card(raw, now, { primary }) {
    const doc = this.ownerDocument;
    const t = this._t();
    // The core resolves wording for the audience; a per-audience object is resolved here too.
    const contact = { ...raw };
    for (const key of ['name', 'why', 'hours_text', 'label_now', 'phone_label']) {
      if (contact[key] !== null && typeof contact[key] === 'object') contact[key] = resolveWording(contact[key], this._audience);
    }
    const status = contact.open_now === true ? 'open' : contact.open_now === false ? 'closed' : 'unknown';
    const card = h(doc, 'section', {
      class: `fd-card fd-card--${primary ? 'primary' : 'other'} fd-card--${status}`,
      'data-service': contact.service,
    });
    card.append(h(doc, this._headingTag(primary ? 2 : 3), { class: primary ? 'fd-heading-m' : 'fd-heading-s' }, contact.name || contact.service));
    card.append(h(doc, 'p', { class: `fd-status fd-status--${status}` }, openStatusLine(contact, now, t, this._locale)));
    if (contact.label_now) card.append(h(doc, 'p', { class: 'fd-label-now' }, t('label_now', { label: contact.label_now })));

    const href = telHref(contact.phone);
    if (href) {
      card.append(h(doc, 'p', { class: 'fd-call' },
        this._telLink(primary ? 'fd-tel fd-tel--big' : 'fd-tel', 'call_number', contact.phone,
          { label: contact.phone_label || contact.name || '' })));
      if (contact.option !== null && contact.option !== undefined && contact.option !== '') {
        card.append(h(doc, 'p', { class: 'fd-option' }, t('call_option', { option: contact.option })));
      }
    }
    if (contact.email) card.append(this._contactLine('contact_email', contact.email, `mailto:${contact.email}`));
    if (contact.web) card.append(this._contactLine('contact_web', contact.web, contact.web));
    if (contact.why) card.append(h(doc, 'p', { class: 'fd-why' }, contact.why));
    if (contact.hours_text) card.append(h(doc, 'p', { class: 'fd-hours' }, t('hours_line', { hours: contact.hours_text })));

    const haveReady = (Array.isArray(contact.have_ready) ? contact.have_ready : []).map((x) => resolveWording(x, this._audience)).filter(Boolean);
    if (haveReady.length && primary) {
      card.append(h(doc, this._headingTag(primary ? 3 : 4), { class: 'fd-heading-s' }, t('have_ready_heading')),
        h(doc, 'ul', { class: 'fd-list fd-list--bullet' }, haveReady.map((x) => h(doc, 'li', null, x))));
    }
    const notes = (Array.isArray(contact.notes) ? contact.notes : []).map((x) => resolveWording(x, this._audience)).filter(Boolean);
    if (notes.length) card.append(h(doc, 'ul', { class: 'fd-list fd-card__notes' }, notes.map((x) => h(doc, 'li', null, this._withTel(x)))));
    return card;
  },

  /** Email or web line: a link, except in a kiosk (nothing may leave the wizard but tel:). */
  _contactLine(id, text, href) {
    const doc = this.ownerDocument;
    const t = this._t();
    const line = h(doc, 'p', { class: 'fd-contact-line' });
    for (const part of templateParts(t.raw(id))) {
      if (part.text !== undefined) line.append(part.text);
      else if (part.name === 'value') {
        line.append(this._kiosk || !/^(https?:|mailto:)/i.test(href)
          ? h(doc, 'span', { class: 'fd-contact-value' }, text)
          : h(doc, 'a', { class: 'fd-link fd-contact-value', href }, text));
      } else line.append(`{${part.name}}`);
    }
    return line;
  },

  _answersList(flow) {
    const doc = this.ownerDocument;
    const t = this._t();
    const answers = flow.answers;
    const wrap = h(doc, 'div', { class: 'fd-answers' });
    if (!answers.length) return wrap;
    wrap.append(h(doc, this._headingTag(2), { class: 'fd-heading-m' }, t('answers_heading')));
    const list = h(doc, 'dl', { class: 'fd-summary-list' });
    answers.forEach((answer, index) => {
      list.append(h(doc, 'div', { class: 'fd-summary-list__row' },
        h(doc, 'dt', { class: 'fd-summary-list__key' }, answer.question),
        h(doc, 'dd', { class: 'fd-summary-list__value' }, answer.label),
        h(doc, 'dd', { class: 'fd-summary-list__actions' },
          h(doc, 'button', { type: 'button', class: 'fd-link-button', onclick: () => this._change(index) },
            t('button_change'), h(doc, 'span', { class: 'fd-visually-hidden' }, ` ${answer.question}`)))));
    });
    wrap.append(list);
    return wrap;
  },

  // ---- the number to call, first (issue 15, items 3 and 8) ---------------------------------
  // Kept apart from the rest of the outcome: the line under the heading, tel: links whose
  // number never breaks, and numbers inside notes (the 07796 backup line) as links.

  /**
   * The line under the outcome heading: who to call now and their number as a tap-to-call link
   * (`p#fd-call-now`, ui.json `call_now`), and whether it is open (`p#fd-call-now-status`), so
   * that a phone's first screenful holds all three. When the first contact is closed and another
   * is open now, that one (the card "Until then, you can call" below says why). Returns the nodes.
   */
  _callNow(primary, meanwhile, now) {
    const doc = this.ownerDocument;
    const t = this._t();
    const raw = primary.open_now === false && meanwhile ? meanwhile : primary;
    const name = raw.name !== null && typeof raw.name === 'object' ? resolveWording(raw.name, this._audience) : raw.name;
    if (!telHref(raw.phone)) return [];
    const line = h(doc, 'p', { class: 'fd-call-now', id: 'fd-call-now' });
    for (const part of templateParts(t.raw('call_now'))) {
      if (part.text !== undefined) line.append(part.text);
      else if (part.name === 'name') line.append(name || raw.service || '');
      else if (part.name === 'number') line.append(this._telLink('fd-tel fd-tel--now', null, raw.phone));
      else line.append(`{${part.name}}`);
    }
    const status = raw.open_now === true ? 'open' : raw.open_now === false ? 'closed' : 'unknown';
    return [line, h(doc, 'p', { class: `fd-call-now__status fd-status fd-status--${status}`, id: 'fd-call-now-status' },
      openStatusLine(raw, now, t, this._locale))];
  },

  /**
   * A `tel:` link whose number is one unbreakable piece (`fd-number`); `id`: its ui.json wording
   * around `{number}` (null: the number alone).
   */
  _telLink(className, id, number, params = {}) {
    const doc = this.ownerDocument;
    const link = h(doc, 'a', { class: className, href: telHref(number) });
    const parts = id ? templateParts(this._t().raw(id)) : [{ name: 'number' }];
    for (const part of parts) {
      if (part.text !== undefined) link.append(part.text);
      else if (part.name === 'number') link.append(h(doc, 'span', { class: 'fd-number' }, number));
      else link.append(params[part.name] !== undefined ? String(params[part.name]) : `{${part.name}}`);
    }
    return link;
  },

  /** A note's text with each phone number in it as a tap-to-call link (contacts.js phoneParts). */
  _withTel(text) {
    return phoneParts(text).map((part) => (part.phone ? this._telLink('fd-tel fd-tel--inline', null, part.phone) : part.text));
  },

};
