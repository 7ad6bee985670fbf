/**
 * contacts.js: one rendering of a contact's phone link and opening status, shared by the element,
 * the static directory (web/fallback.mjs) and the poster (docs/poster/poster.mjs): telHref and
 * openStatusText; pickContacts splits an outcome's contacts.
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
