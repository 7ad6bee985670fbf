/**
 * london-time.js: dates and times in Europe/London as the directory's hours are written ("5pm",
 * "tomorrow at 9am", "Monday 30 November 2026"), the same wording as `frontdoor ask`.
 */
/** ISO instant without milliseconds ("2026-11-27T16:00:00Z"), from epoch milliseconds. */
export function isoInstant(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const londonFormatters = new Map();
/** The Intl formatter of London wall-clock parts (made once). */
export function londonFormatter(locale) {
  if (!londonFormatters.has(locale)) {
    londonFormatters.set(locale, new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }));
  }
  return londonFormatters.get(locale);
}

/** Europe/London wall-clock parts of an instant: {year, month, day, hour, minute}. */
export function londonParts(instant) {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  const out = {};
  for (const part of londonFormatter('en-GB').formatToParts(date)) {
    if (['year', 'month', 'day', 'hour', 'minute'].includes(part.type)) out[part.type] = Number(part.value);
  }
  if (out.hour === 24) out.hour = 0;
  return out;
}

/**
 * Clock time in London as the directory's hours are written (and the CLI's `ask`): "5pm",
 * "8.45am", "midnight", "midday". `words` gives the wording for midnight and midday (ui.json).
 */
export function formatClock(instant, words = {}) {
  const p = londonParts(instant);
  if (!p) return '';
  if (p.minute === 0 && p.hour === 0) return words.midnight || '12am';
  if (p.minute === 0 && p.hour === 12) return words.midday || '12pm';
  const suffix = p.hour < 12 ? 'am' : 'pm';
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const minutes = p.minute === 0 ? '' : `.${String(p.minute).padStart(2, '0')}`;
  return `${hour12}${minutes}${suffix}`;
}

/** Days since 1970 of a date's parts (to count calendar days between two). */
export function dayNumber(p) {
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / 86400000);
}

const dateFormatters = new Map();
/**
 * A calendar date as words in GOV.UK style ("Monday 30 November 2026": no commas, whatever the
 * ICU version), names from Intl. `fields`: Intl options for the wanted parts.
 */
export function dateWords(year, month, day, locale, fields) {
  // Making an Intl.DateTimeFormat costs far more than using one: one per locale and fields.
  const key = `${locale}\0${JSON.stringify(fields)}`;
  let format = dateFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...fields });
    dateFormatters.set(key, format);
  }
  return format.formatToParts(new Date(Date.UTC(year, month - 1, day, 12)))
    .filter((part) => part.type !== 'literal').map((part) => part.value).join(' ');
}

/**
 * "Monday 30 November" for an instant's London date; "Monday" with `weekdayOnly` (a day within
 * 6 days, formatWhen and formatUntil).
 */
export function formatLondonDay(instant, locale = 'en-GB', weekdayOnly = false) {
  const p = londonParts(instant);
  if (!p) return '';
  return dateWords(p.year, p.month, p.day, locale, weekdayOnly ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' });
}

/**
 * When something happens, relative to `now`: templates `when_today` ("today at {time}"),
 * `when_tomorrow` ("tomorrow at {time}"), `when_day` ("{day} at {time}": "Monday" within 6
 * days, "Monday 14 December" later).
 * The same wording as `frontdoor ask` (core/cli/open_status.cpp; tests/cases/open_status.json).
 */
export function formatWhen(instant, now, t, locale = 'en-GB') {
  const target = londonParts(instant);
  const today = londonParts(now);
  if (!target || !today) return '';
  const time = formatClock(instant, { midnight: t('time_midnight'), midday: t('time_midday') });
  const diff = dayNumber(target) - dayNumber(today);
  if (diff === 0) return t('when_today', { time });
  if (diff === 1) return t('when_tomorrow', { time });
  return t('when_day', { day: formatLondonDay(instant, locale, diff <= 6), time });
}

/**
 * Until when something stays open: "5pm" today, `until_tomorrow` ("9am tomorrow"), else
 * `until_day` ("9am on Monday", the day as in formatWhen). A close at midnight belongs to the
 * day that ends then ("midnight" tonight, "midnight on Sunday"). As `frontdoor ask`.
 */
export function formatUntil(instant, now, t, locale = 'en-GB') {
  const target = londonParts(instant);
  const today = londonParts(now);
  if (!target || !today) return '';
  const time = formatClock(instant, { midnight: t('time_midnight'), midday: t('time_midday') });
  const midnight = target.hour === 0 && target.minute === 0;
  const diff = dayNumber(target) - dayNumber(today) - (midnight ? 1 : 0);
  if (diff <= 0) return time;
  if (diff === 1) return t('until_tomorrow', { time });
  // A close at midnight is named by the day it ends (a minute before).
  return t('until_day', { time, day: formatLondonDay(new Date(instant) - (midnight ? 60000 : 0), locale, diff <= 6) });
}

/** "26 November 2026" from "2026-11-26" (a calendar date: no time zone involved). */
export function formatDate(ymd, locale = 'en-GB') {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(ymd || ''));
  if (!m) return String(ymd || '');
  return dateWords(Number(m[1]), Number(m[2]), Number(m[3]), locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** "Friday 27 November 2026 at 4pm" (London) via the `date_time` template. */
export function formatDateTime(instant, t, locale = 'en-GB') {
  const p = londonParts(instant);
  if (!p) return '';
  const date = dateWords(p.year, p.month, p.day, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = formatClock(instant, { midnight: t('time_midnight'), midday: t('time_midday') });
  return t('date_time', { date, time });
}

/**
 * Makes the formatters an outcome uses, for `locale` (ui.json's date_locale) at `now`, so that
 * the first outcome does not wait for them. The first use of Intl loads ICU's data, which a
 * worker and its page share: the element's worker calls this (worker.js `warm`) before the page
 * makes its own (element.js _warmUp). Never throws.
 */
export function warmFormatters(locale, now = Date.now()) {
  try {
    const supported = Intl.DateTimeFormat.supportedLocalesOf([locale]).length ? locale : 'en-GB';
    const p = londonParts(now);
    formatDate(isoInstant(now).slice(0, 10), supported);
    formatLondonDay(now, supported, true);
    if (p) dateWords(p.year, p.month, p.day, supported, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  } catch (_) {
    // Only a head start.
  }
}
