/**
 * contacts.js: one rendering of a contact's phone link and opening status, shared by the element,
 * the static directory (web/fallback.mjs) and the poster (docs/poster/poster.mjs): telHref and
 * openStatusText; pickContacts splits an outcome's contacts. The element's own status line
 * (openStatusLine: "Answered day and night") and phone numbers inside text (phoneParts).
 */
import { formatUntil, formatWhen } from './london-time.js';

/** `tel:` href for a phone number as printed: digits only (a leading + kept); null if none. */
export function telHref(phone) {
  if (typeof phone !== 'string') return null;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (!digits) return null;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** The open/closed line of a contact (ui ids open_until, open_always, closed_opens, closed, hours_not_published). */
export function openStatusText(contact, now, t, locale = 'en-GB') {
  if (contact.open_now === true) {
    if (!contact.closes_at) return t('open_always');
    return t('open_until', { time: formatUntil(contact.closes_at, now, t, locale) });
  }
  if (contact.open_now === false) {
    if (contact.opens_next) return t('closed_opens', { when: formatWhen(contact.opens_next, now, t, locale) });
    return t('closed');
  }
  return t('hours_not_published');
}

/** A line open longer than this ahead is "answered day and night", not "open until …". */
export const DAY_AND_NIGHT_MS = 24 * 60 * 60 * 1000;

/**
 * The element's open/closed line: openStatusText, except that a line open around the clock, or
 * without a break for more than DAY_AND_NIGHT_MS from `now`, says so (ui.json
 * `open_day_and_night`) instead of a closing time days away ("until 9am on Tuesday 29
 * December"), which reads as if it were closed until then. openStatusText keeps the rows of
 * tests/cases/open_status.json; `frontdoor ask` follows this same rule (core/cli/open_status.cpp,
 * open_status_line).
 */
export function openStatusLine(contact, now, t, locale = 'en-GB') {
  if (contact.open_now === true && t.has('open_day_and_night')) {
    const closes = contact.closes_at ? Date.parse(contact.closes_at) : NaN;
    const at = Date.parse(now);
    if (!contact.closes_at || (Number.isFinite(closes) && Number.isFinite(at) && closes - at > DAY_AND_NIGHT_MS)) {
      return t('open_day_and_night');
    }
  }
  return openStatusText(contact, now, t, locale);
}

// A UK number as it is printed in a note: 0 and 10 more digits in groups, or 999.
const PHONE_IN_TEXT = /(?<![\d+])(0\d{2,4}(?:[ \u00a0]?\d{3,6}){1,2}|999)(?!\d)/g;

/**
 * Splits a text into its parts, the phone numbers in it apart (so each can be a `tel:` link):
 * [{text}] and [{phone}] in order. A number counts when it has 11 digits (or is 999).
 * @returns {Array<{text?: string, phone?: string}>}
 */
export function phoneParts(text) {
  const parts = [];
  let last = 0;
  for (const match of String(text).matchAll(PHONE_IN_TEXT)) {
    const number = match[1];
    const digits = number.replace(/\D/g, '');
    if (number !== '999' && digits.length !== 11) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ phone: number });
    last = match.index + number.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/**
 * Splits a route's contacts for the outcome: the one to call, who to call meanwhile when that
 * one is closed (the next contact that is open now), and the other options.
 */
export function pickContacts(contacts) {
  const list = Array.isArray(contacts) ? contacts.filter((c) => c && typeof c === 'object') : [];
  const primary = list[0] || null;
  let meanwhile = null;
  if (primary && primary.open_now === false) {
    meanwhile = list.slice(1).find((c) => c.open_now === true) || null;
  }
  const others = list.slice(1).filter((c) => c !== meanwhile);
  return { primary, meanwhile, others };
}

/**
 * The wording id and values of a service's age range (data/directory.json `age`): ui.json
 * `directory_age_range` ("{min} to {max}"), `directory_age_from` or `directory_age_to`; null when
 * the service gives no age. Used by the static directory and the poster.
 * @returns {{id: string, values: {min?: number, max?: number}}|null}
 */
export function ageRange(age) {
  const min = age && Number.isInteger(age.min) ? age.min : null;
  const max = age && Number.isInteger(age.max) ? age.max : null;
  if (min !== null && max !== null) return { id: 'directory_age_range', values: { min, max } };
  if (min !== null) return { id: 'directory_age_from', values: { min } };
  if (max !== null) return { id: 'directory_age_to', values: { max } };
  return null;
}

/**
 * The wording id and values of a phone's option ("option 6", ui.json `directory_option`), or null
 * when it has none. Used by the static directory and the poster.
 * @returns {{id: string, values: {option: string|number}}|null}
 */
export function phoneOption(phone) {
  const option = phone ? phone.option : null;
  return option !== null && option !== undefined && option !== '' ? { id: 'directory_option', values: { option } } : null;
}
