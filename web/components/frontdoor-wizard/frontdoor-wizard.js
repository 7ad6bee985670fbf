import { createCore } from './frontdoor-core.js';
/**
 * <frontdoor-wizard>: the "who should I contact?" wizard (docs/web.md is the contract).
 *
 * - Everything the user reads comes from the data bundle (data/ui.json and the core's route
 *   responses) and is rendered with createElement/textContent only: the page runs under a
 *   strict CSP (no inline styles, no innerHTML with data). The first screen may come from the
 *   build's copy of it in this script (`frontdoorFirstScreen`, see firstScreen below) and is
 *   checked against the bundle when that is in.
 * - Answers live in memory only: no cookies, no storage, no URL changes, no requests other
 *   than the data bundle and the widget's own files.
 * - The light-DOM children (the static directory) stay visible until the wizard is ready and
 *   come back whenever something fails: never a blank screen.
 *
 * Module rule (docs/web.md): the import above is the only import and the export at the end is
 * the only export. `import.meta.url` appears once (MODULE_URL below): the kiosk build replaces
 * it. Both builds (web/build.mjs) define `frontdoorWizardCss`, the stylesheet as a string, and
 * dist/web's defines `frontdoorFirstScreen`.
 */

const MODULE_URL = import.meta.url;

/** Facts the host page may pre-fill, by attribute name. */
const FACT_ATTRIBUTES = { audience: 'audience', area: 'area', 'child-age': 'child_age' };
const AUDIENCES = ['parent', 'young_person', 'professional', 'public'];
const CHILD_AGE = { min: 0, max: 25 };
const DEFAULT_IDLE_SECONDS = 120;
const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';
const KIOSK_COUNTDOWN_SECONDS = 10;
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;
/**
 * The ui.json wording the first question's screen can use before the data bundle is in: the
 * header (999 line, exit, and what Shift pressed three times announces), the question with
 * Continue, Back and Start again, the error for no answer and the fallback line. web/build.mjs
 * copies these (default wording) and the first question into dist/web/frontdoor-wizard.js as
 * `frontdoorFirstScreen`; tests/browser check that the screen needs nothing else.
 */
const FIRST_SCREEN_UI = ['danger_line', 'danger_number', 'exit_prefix', 'exit_button', 'exit_document_title', 'exit_shift_one', 'exit_shift_many', 'exit_activated', 'exit_expired', 'button_continue', 'button_back', 'button_start_again', 'answer_unknown', 'or', 'error_choose', 'error_prefix', 'error_summary_title', 'fallback_message'];
/** How long an answer waits for the core (still loading) before the static directory shows. */
const CORE_WAIT_MS = 5000;
/** How often an outcome on screen is checked against the clock. */
const REFRESH_MS = 60000;
/** A device clock further than this from the server's is not trusted (serverClock). */
const CLOCK_TOLERANCE_MS = 5 * 60000;
/** At most this many outcomes are built ahead for the answers to one question (_prepare). */
const PREPARED_OUTCOMES = 12;
/** Shown only when the data bundle (and so ui.json) could not be used. */
const LAST_RESORT_MESSAGE = 'The contact wizard could not start. Use the list of contacts below.';

// ---------------------------------------------------------------------------------------------
// Pure logic (exported for tests/js/wizard_logic.test.mjs; no DOM needed)
// ---------------------------------------------------------------------------------------------

/** Wording that may be a string or an object keyed by audience with a `default`. */
function resolveWording(value, audience) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (audience && typeof value[audience] === 'string') return value[audience];
    if (typeof value.default === 'string') return value.default;
  }
  return null;
}

/** Splits "Call {number} now" into [{text:'Call '}, {name:'number'}, {text:' now'}]. */
function templateParts(template) {
  const parts = [];
  const pattern = /\{([a-z_][a-z0-9_]*)\}/gi;
  let last = 0;
  let match;
  while ((match = pattern.exec(template)) !== null) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ name: match[1] });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
function fillTemplate(template, params = {}) {
  return templateParts(template).map((part) => {
    if (part.text !== undefined) return part.text;
    const value = params[part.name];
    return value === undefined || value === null ? `{${part.name}}` : String(value);
  }).join('');
}

/**
 * A translator over ui.json for one audience: `t(id, params)` → string. A missing id returns
 * the id itself and is reported through `onMissing` (the schema test keeps ids complete).
 */
function makeTranslator(ui, audience, onMissing) {
  const strings = ui && typeof ui === 'object' ? ui : {};
  const t = (id, params) => {
    const text = resolveWording(strings[id], audience);
    if (text === null) {
      if (onMissing) onMissing(id);
      return id;
    }
    return params ? fillTemplate(text, params) : text;
  };
  t.has = (id) => resolveWording(strings[id], audience) !== null;
  t.raw = (id) => {
    const text = resolveWording(strings[id], audience);
    return text === null ? id : text;
  };
  return t;
}

/** `tel:` href for a phone number as printed: digits only (a leading + kept); null if none. */
function telHref(phone) {
  if (typeof phone !== 'string') return null;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (!digits) return null;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** ISO instant without milliseconds ("2026-11-27T16:00:00Z"), from epoch milliseconds. */
function isoInstant(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const londonFormatters = new Map();
function londonFormatter(locale) {
  if (!londonFormatters.has(locale)) {
    londonFormatters.set(locale, new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }));
  }
  return londonFormatters.get(locale);
}

/** Europe/London wall-clock parts of an instant: {year, month, day, hour, minute}. */
function londonParts(instant) {
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
function formatClock(instant, words = {}) {
  const p = londonParts(instant);
  if (!p) return '';
  if (p.minute === 0 && p.hour === 0) return words.midnight || '12am';
  if (p.minute === 0 && p.hour === 12) return words.midday || '12pm';
  const suffix = p.hour < 12 ? 'am' : 'pm';
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const minutes = p.minute === 0 ? '' : `.${String(p.minute).padStart(2, '0')}`;
  return `${hour12}${minutes}${suffix}`;
}

function dayNumber(p) {
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / 86400000);
}

const dateFormatters = new Map();
/**
 * A calendar date as words in GOV.UK style ("Monday 30 November 2026": no commas, whatever the
 * ICU version), names from Intl. `fields`: Intl options for the wanted parts.
 */
function dateWords(year, month, day, locale, fields) {
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
function formatLondonDay(instant, locale = 'en-GB', weekdayOnly = false) {
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
function formatWhen(instant, now, t, locale = 'en-GB') {
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
function formatUntil(instant, now, t, locale = 'en-GB') {
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
function formatDate(ymd, locale = 'en-GB') {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(ymd || ''));
  if (!m) return String(ymd || '');
  return dateWords(Number(m[1]), Number(m[2]), Number(m[3]), locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** "Friday 27 November 2026 at 4pm" (London) via the `date_time` template. */
function formatDateTime(instant, t, locale = 'en-GB') {
  const p = londonParts(instant);
  if (!p) return '';
  const date = dateWords(p.year, p.month, p.day, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = formatClock(instant, { midnight: t('time_midnight'), midday: t('time_midday') });
  return t('date_time', { date, time });
}

/** The open/closed line of a contact (ui ids open_until, open_always, closed_opens, closed, hours_not_published). */
function openStatusText(contact, now, t, locale = 'en-GB') {
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
 * Whether the data bundle's response vouches for the time (docs/web.md, "The clock"), from its
 * `headers` (`Date` is null when not exposed cross-origin), its Resource Timing `entry` and
 * `origin`, the device clock (epoch ms) at performance time 0. Only a response the server has
 * just sent counts: transferSize > 0 (it came over the network, a 304 included, whose Date is the
 * server's now) and no Age (no cache on the way kept it). → the server's clock as the epoch ms
 * at performance time 0 when the device is off by more than CLOCK_TOLERANCE_MS (Date has whole
 * seconds: it may be up to 1 s behind); null when the device clock agrees; undefined when the
 * response cannot say.
 */
function serverClock(headers, entry, origin) {
  const server = Date.parse(headers.get('Date'));
  if (!entry || !(entry.transferSize > 0 && entry.responseStart > 0 && server > 0) || Number(headers.get('Age')) !== 0) return undefined;
  const ahead = origin + entry.responseStart - server;
  return ahead < -CLOCK_TOLERANCE_MS || ahead > CLOCK_TOLERANCE_MS + 1000 ? server - entry.responseStart : null;
}

/** Now (epoch ms): the server's clock (serverClock) advanced by the page's monotonic clock, else the device's. */
function clockNow(clock) {
  return clock == null ? Date.now() : clock + performance.now();
}

/**
 * Splits a route's contacts for the outcome: the one to call, who to call meanwhile when that
 * one is closed (the next contact that is open now), and the other options.
 */
function pickContacts(contacts) {
  const list = Array.isArray(contacts) ? contacts.filter((c) => c && typeof c === 'object') : [];
  const primary = list[0] || null;
  let meanwhile = null;
  if (primary && primary.open_now === false) {
    meanwhile = list.slice(1).find((c) => c.open_now === true) || null;
  }
  const others = list.slice(1).filter((c) => c !== meanwhile);
  return { primary, meanwhile, others };
}

// Facts stack: the answers given in order, plus every value ever given (to pre-select it when a
// question is asked again after Back or Change). Values are never written anywhere but memory.

function newFlow(prefill = {}) {
  return { prefill: { ...prefill }, answers: [], remembered: {} };
}

/** The facts to send to the core: pre-fills overlaid by the answers. */
function flowFacts(flow) {
  const facts = { ...flow.prefill };
  for (const answer of flow.answers) facts[answer.fact] = answer.value;
  return facts;
}

/** Records an answer `{fact, value, question, label}` (replacing an earlier one for the fact). */
function flowAnswer(flow, answer) {
  const answers = flow.answers.filter((a) => a.fact !== answer.fact);
  answers.push({ ...answer });
  return { ...flow, answers, remembered: { ...flow.remembered, [answer.fact]: answer.value } };
}

/** One step back: forgets the last answer as a fact but remembers it for pre-selection. */
function flowBack(flow) {
  if (flow.answers.length === 0) return flow;
  return { ...flow, answers: flow.answers.slice(0, -1) };
}

/** Change answer `index`: asks that question again (later answers stay remembered). */
function flowChange(flow, index) {
  if (!Number.isInteger(index) || index < 0 || index >= flow.answers.length) return flow;
  return { ...flow, answers: flow.answers.slice(0, index) };
}

/** Start again: everything forgotten except the host page's pre-fills. */
function flowReset(flow) {
  return newFlow(flow.prefill);
}

/** The value given earlier for `fact` ({found, value}); `found` false when never answered. */
function flowRemembered(flow, fact) {
  if (Object.prototype.hasOwnProperty.call(flow.remembered, fact)) return { found: true, value: flow.remembered[fact] };
  return { found: false, value: undefined };
}

/** Checks a whole-number answer: {ok:true, value} or {ok:false, error:'empty'|'invalid'|'range'}. */
function checkNumber(text, min, max) {
  const value = String(text ?? '').trim();
  if (value === '') return { ok: false, error: 'empty' };
  if (!/^\d+$/.test(value)) return { ok: false, error: 'invalid' };
  const number = Number(value);
  if ((Number.isFinite(min) && number < min) || (Number.isFinite(max) && number > max)) {
    return { ok: false, error: 'range' };
  }
  return { ok: true, value: number };
}

/** Every town named in directory.json (localities[].towns). */
function townsOf(directory) {
  const towns = [];
  for (const locality of (directory && Array.isArray(directory.localities) ? directory.localities : [])) {
    for (const town of (Array.isArray(locality.towns) ? locality.towns : [])) {
      if (typeof town === 'string' && !towns.includes(town)) towns.push(town);
    }
  }
  return towns;
}

/**
 * The key a town is matched by, as the core's detail::town_key (core/src/model.cpp): ASCII case,
 * spacing, hyphens and apostrophes ignored, "upon" read as "on", a leading "royal" dropped.
 */
function townKey(text) {
  const words = String(text).replace(/['\u2019]/g, '').replace(/-/g, ' ').replace(/[A-Z]/g, (c) => c.toLowerCase())
    .split(/[ \t\n\v\f\r]+/).filter(Boolean);
  const key = words.map((word, i) => (i > 0 && word === 'upon' ? 'on' : word));
  if (key.length > 1 && key[0] === 'royal') key.shift();
  return key.join(' ');
}

/** The directory's spelling of a typed town (townKey: case, spacing, hyphens… ignored), or null. */
function matchTown(text, towns) {
  const wanted = townKey(text ?? '');
  if (!wanted) return null;
  return towns.find((town) => townKey(town) === wanted) || null;
}

/**
 * Checks one attribute value. Returns {value} (already converted) or {error: message}; a
 * missing attribute gives {value: undefined}.
 */
function checkAttribute(name, raw, baseUrl) {
  if (raw === null || raw === undefined) return { value: undefined };
  const value = String(raw).trim();
  const bad = (why) => ({ error: `frontdoor-wizard: attribute ${name}="${raw}" ${why}; it is ignored.` });
  switch (name) {
    case 'src':
      return value ? { value } : bad('is empty: give the URL of frontdoor-data.json or #id of an inline JSON script');
    case 'audience':
      return AUDIENCES.includes(value) ? { value } : bad(`is not one of ${AUDIENCES.join(', ')}`);
    case 'child-age': {
      const checked = checkNumber(value, CHILD_AGE.min, CHILD_AGE.max);
      return checked.ok ? { value: checked.value } : bad(`is not a whole number from ${CHILD_AGE.min} to ${CHILD_AGE.max}`);
    }
    case 'area':
      return value ? { value } : bad('is empty');
    case 'idle-seconds':
      return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 86400
        ? { value: Number(value) } : bad('is not a whole number of seconds from 1 to 86400');
    case 'exit-url': {
      let url;
      try {
        url = new URL(value, baseUrl);
      } catch (_) {
        return bad('is not a URL');
      }
      return url.protocol === 'https:' || url.protocol === 'http:' ? { value: url.href } : bad('is not an http(s) URL');
    }
    case 'kiosk':
      return { value: true };
    default:
      return { value };
  }
}

/**
 * "Exit this page" by keyboard: Shift pressed SHIFT_PRESSES times within SHIFT_WINDOW_MS of the
 * first press. Returns the new state {count, first, remaining, exit}.
 */
function shiftPress(state, now, presses = SHIFT_PRESSES, windowMs = SHIFT_WINDOW_MS) {
  const fresh = !state || state.count <= 0 || state.exit || now - state.first > windowMs;
  const count = fresh ? 1 : state.count + 1;
  const first = fresh ? now : state.first;
  return { count, first, remaining: Math.max(0, presses - count), exit: count >= presses };
}

/**
 * One key released, GOV.UK "Exit this page" rules: only Shift pressed on its own counts (typing
 * a capital letter releases the letter with shiftKey set, then Shift: that Shift is ignored),
 * and any other key cancels the count. Returns the new state: shiftPress's fields plus
 * `modified` (this key was released with Shift held), `counted`, `cancelled`.
 */
function exitKeyUp(state, event, now, presses = SHIFT_PRESSES, windowMs = SHIFT_WINDOW_MS) {
  const previous = state || { count: 0, first: 0, modified: false };
  const modified = Boolean(event && event.shiftKey);
  if (event && event.key === 'Shift' && !previous.modified) {
    return { ...shiftPress(previous.count > 0 ? previous : null, now, presses, windowMs), modified, counted: true, cancelled: false };
  }
  return { count: 0, first: 0, remaining: presses, exit: false, modified, counted: false, cancelled: previous.count > 0 };
}

/**
 * Kiosk inactivity. `pristine`: nothing to clear (first screen, no answers).
 * → {phase:'active', waitMs} | {phase:'countdown', secondsLeft} | {phase:'reset'}
 */
function idlePhase(lastInput, now, idleSeconds, pristine = false, countdownSeconds = KIOSK_COUNTDOWN_SECONDS) {
  const idleMs = Math.max(0, now - lastInput);
  const limit = idleSeconds * 1000;
  if (pristine || idleMs < limit) return { phase: 'active', waitMs: pristine ? limit : limit - idleMs };
  const leftMs = limit + countdownSeconds * 1000 - idleMs;
  if (leftMs > 0) return { phase: 'countdown', secondsLeft: Math.ceil(leftMs / 1000) };
  return { phase: 'reset' };
}

/** The options to show for a question: its options (filtered by audience) + its unknown option. */
function questionOptions(question, audience, t) {
  const options = [];
  for (const option of (Array.isArray(question.options) ? question.options : [])) {
    if (!option || typeof option !== 'object') continue;
    if (Array.isArray(option.audiences) && audience && !option.audiences.includes(audience)) continue;
    const label = resolveWording(option.label, audience);
    options.push({
      value: option.value === undefined ? null : option.value,
      label: label === null ? String(option.value) : label,
      hint: resolveWording(option.hint, audience),
    });
  }
  const unknown = question.unknown_option;
  if (unknown && !options.some((o) => o.value === null)) {
    const label = resolveWording(unknown.label, audience);
    options.push({ value: null, label: label === null ? t('answer_unknown') : label, hint: resolveWording(unknown.hint, audience), unknown: true });
  } else {
    for (const o of options) if (o.value === null) o.unknown = true;
  }
  return options;
}

/**
 * After Change, an earlier answer is given again by itself when the same question comes back
 * and the answer is still one of its choices (GOV.UK: Change returns to the answers, not
 * through every question). → {value, label}, or null when the person must answer again.
 */
function replayAnswer(question, value, audience, t, towns = []) {
  const options = questionOptions(question, audience, t);
  const typed = question.type === 'number' || question.type === 'area';
  if (!typed) {
    const option = options.find((o) => o.value === value);
    return option ? { value: option.value, label: option.label } : null;
  }
  if (value === null) {
    const unknown = options.find((o) => o.unknown);
    return unknown ? { value: null, label: unknown.label } : null;
  }
  if (question.type === 'number') {
    const checked = checkNumber(String(value), question.min ?? undefined, question.max ?? undefined);
    return checked.ok ? { value: checked.value, label: String(checked.value) } : null;
  }
  const places = placesFor(question, options, towns);
  const town = places.length ? matchTown(value, places) : (typeof value === 'string' && value.trim() ? value.trim() : null);
  return town ? { value: town, label: town } : null;
}

/** The places an `area` question accepts: its options when the core lists them, else the directory's towns. */
function placesFor(question, options, towns) {
  if (question.type !== 'area') return [];
  const listed = options.filter((o) => !o.unknown && typeof o.value === 'string').map((o) => o.value);
  return listed.length ? listed : towns;
}

/** The plain-text decision record a professional copies into their notes. */
function recordText({ t, response, answers, locale = 'en-GB' }) {
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

/** The data bundle's files, parsed: {files, ui, directory}. Throws with a clear message. */
function bundleFiles(bundle) {
  if (!bundle || typeof bundle !== 'object' || !bundle.files || typeof bundle.files !== 'object') {
    throw new Error('the data bundle has no "files" object');
  }
  const parse = (name) => {
    const value = bundle.files[name];
    if (value === undefined) throw new Error(`the data bundle has no ${name}`);
    const parsed = typeof value === 'string' ? JSON.parse(value) : value;
    if (!parsed || typeof parsed !== 'object') throw new Error(`${name} in the data bundle is not an object`);
    return parsed;
  };
  return { files: bundle.files, ui: parse('ui.json'), directory: parse('directory.json') };
}

/**
 * The first screen built into the script (`frontdoorFirstScreen` = {ui, start}: FIRST_SCREEN_UI's
 * wording and the first question for no pre-filled facts), or null where the build gave none.
 */
function firstScreen() {
  const given = typeof frontdoorFirstScreen === 'object' ? frontdoorFirstScreen : null; // eslint-disable-line no-undef
  return given && given.ui && given.start && typeof given.start.fact === 'string' ? given : null;
}

/**
 * Whether the data bundle shows the same first screen as `early` (the script's copy): the same
 * first question for no facts and the same default wording. When not (a bundle from another
 * build), the element shows the bundle's.
 */
function firstScreenMatches(early, bundle, ui) {
  const start = startFor(bundle, {});
  if (!early || !start || JSON.stringify(start) !== JSON.stringify(early.start)) return false;
  return Object.keys(early.ui).every((key) => resolveWording(ui[key], null) === early.ui[key]);
}

/**
 * The first question prerendered by web/build.mjs (`bundle.start`, docs/web.md) for exactly these
 * pre-filled facts, or null (then the core is asked). The build checks that it does not depend
 * on the time and tests/js/prerendered_start.test.mjs that it is what the core answers.
 */
function startFor(bundle, facts) {
  const entries = bundle && Array.isArray(bundle.start) ? bundle.start : [];
  const keys = Object.keys(facts || {}).sort();
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object' || !entry.facts || typeof entry.facts !== 'object') continue;
    const question = entry.next_question;
    if (!question || typeof question !== 'object' || typeof question.fact !== 'string') continue;
    const have = Object.keys(entry.facts).sort();
    if (have.length === keys.length && have.every((key, i) => key === keys[i] && entry.facts[key] === facts[key])) return question;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The core in a worker: compiling the wasm, loading the data and routing happen off the main
// thread, so none of it is a long task for the page. The worker runs this very module
// (`new Worker(MODULE_URL, {type: 'module'})`): dist/web/frontdoor-wizard.js bundles the wrapper
// and the wasm loader, so the worker's only other request is the .wasm.
// ---------------------------------------------------------------------------------------------

const CORE_METHODS = ['load', 'route', 'call'];

/** Routes each facts object of `list` at `at`: one message for all of them (_prepare). */
function routeEach(core, list, at) {
  return (Array.isArray(list) ? list : []).map((facts) => core.route(facts, at));
}

/** Worker side: answers {id, method, args} with {id, result} or {id, error}. */
function serveCore(scope) {
  let started = null;
  scope.addEventListener('message', async (event) => {
    const { id, method, args } = event.data || {};
    try {
      started = started || createCore({});
      const core = await started;
      const given = Array.isArray(args) ? args : [];
      const result = method === 'routes' ? routeEach(core, ...given)
        : CORE_METHODS.includes(method) ? core[method](...given) : true;
      scope.postMessage({ id, result });
    } catch (error) {
      scope.postMessage({ id, error: error && error.message ? error.message : String(error) });
    }
  });
}

/**
 * Page side: a core whose load/route/call return promises, backed by a worker running `url`.
 * Resolves once the wasm is instantiated; rejects when the worker or the wasm cannot start.
 * After a worker failure every call rejects (the element then shows the static directory).
 */
function workerCore(url) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { type: 'module' });
    const pending = new Map();
    let next = 0;
    let broken = null;
    const stop = (why) => {
      broken = broken || why;
      for (const waiting of pending.values()) waiting.reject(new Error(broken));
      pending.clear();
      worker.terminate();
    };
    worker.addEventListener('message', (event) => {
      const { id, result, error } = event.data || {};
      const waiting = pending.get(id);
      if (!waiting) return;
      pending.delete(id);
      if (error !== undefined) waiting.reject(new Error(error));
      else waiting.resolve(result);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      stop(`the core's worker stopped: ${event.message || 'it could not start'}`);
    });
    worker.addEventListener('messageerror', () => stop('the core\'s worker sent a message that could not be read'));
    const send = (method, args) => new Promise((yes, no) => {
      if (broken) { no(new Error(broken)); return; }
      next += 1;
      pending.set(next, { resolve: yes, reject: no });
      worker.postMessage({ id: next, method, args });
    });
    const core = {
      load: (files) => send('load', [files]),
      route: (facts, at) => send('route', [facts, at]),
      routes: (list, at) => send('routes', [list, at]),
      call: (request) => send('call', [request]),
      close: () => stop('closed'),
    };
    send('start', []).then(() => resolve(core), (error) => { stop(error.message); reject(error); });
  });
}

/**
 * The core for the element: in a worker when the page is served over http(s), else (the kiosk
 * on file://, no Worker, or a worker the host page's CSP blocks) in the page itself.
 */
function startCore() {
  const inline = typeof frontdoorCoreDefaults !== 'undefined'; // the kiosk's inlined wasm
  if (!inline && typeof Worker === 'function' && /^https?:/i.test(MODULE_URL)) {
    let viaWorker;
    try {
      viaWorker = workerCore(MODULE_URL);
    } catch (_) {
      return createCore({});
    }
    // A worker that cannot run (blocked, or no module workers) is no reason to give up: the
    // page runs the core itself, as it did before workers.
    return viaWorker.catch(() => createCore({}));
  }
  return createCore({});
}

// ---------------------------------------------------------------------------------------------
// The element
// ---------------------------------------------------------------------------------------------

/** createElement with attributes/properties; children are nodes or strings (text nodes). */
function h(doc, tag, attrs, ...children) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'style') throw new Error('no inline styles (CSP)');
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/**
 * Resolves after the browser has had the chance to paint (a frame, then a task), so a long task
 * that follows does not hold back the first paint. Also resolves in a hidden tab, which has no
 * frames.
 */
function nextPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    const frame = globalThis.requestAnimationFrame;
    if (typeof frame === 'function') frame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}

/** A task later (after what the browser has queued, input included). */
function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The key of one answer to a question: its value and the label shown for it. */
function answerKey(value, label) {
  return JSON.stringify([value === undefined ? null : value, label]);
}

/** A route response the wizard can show: a next question, or an outcome with someone to contact. */
function showable(response) {
  return !!response && response.ok === true
    && (!!response.next_question || (Array.isArray(response.contacts) && response.contacts.length > 0));
}

/**
 * Makes `want` the children of `parent` with as few DOM moves as possible: nodes that stay keep
 * their computed style (a node moved or inserted has its whole subtree's style recalculated).
 */
function setChildren(parent, want) {
  const keep = new Set(want);
  for (const child of [...parent.childNodes]) if (!keep.has(child)) child.remove();
  let ref = parent.firstChild;
  for (const node of want) {
    if (node === ref) ref = ref.nextSibling;
    else parent.insertBefore(node, ref);
  }
}

/** A radio's value: the fact value (strings as they are, anything else JSON: "true", "null"). */
function radioValue(value) {
  return typeof value === 'string' ? value : JSON.stringify(value === undefined ? null : value);
}

function defineElement() {
  const Base = globalThis.HTMLElement;

  class FrontdoorWizard extends Base {
    static get observedAttributes() {
      return ['src', 'audience', 'area', 'child-age', 'kiosk', 'idle-seconds', 'exit-url'];
    }

    constructor() {
      super();
      // The shadow root is attached when there is something to show (_build): attaching it makes
      // the browser lay out the whole static directory again, for nothing when the first question
      // replaces it straight after. Until then the directory shows as the page has it.
      this._root = null;
      this._built = false;
      this._wired = false;
      this._run = 0;
      this._core = null;
      this._flow = newFlow();
      this._response = null;
      this._ui = null;
      this._towns = [];
      this._shift = null;
      this._shiftTimer = 0;
      this._idleTimer = 0;
      // The server's clock when the data bundle's response showed the device's to be wrong.
      this._clock = null;
      this._lastInput = this._now();
      this._onKeyUp = (event) => this._keyUp(event);
      this._onActivity = () => this._activity();
      this._onVisible = () => { if (this.ownerDocument.visibilityState === 'visible') this._refresh(); };
    }

    // -- lifecycle ------------------------------------------------------------------------

    connectedCallback() {
      this._wired = true;
      const doc = this.ownerDocument;
      doc.addEventListener('keyup', this._onKeyUp, true);
      doc.addEventListener('visibilitychange', this._onVisible);
      for (const type of ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel']) {
        this.addEventListener(type, this._onActivity, { passive: true });
      }
      this._scheduleStart();
    }

    disconnectedCallback() {
      const doc = this.ownerDocument;
      doc.removeEventListener('keyup', this._onKeyUp, true);
      doc.removeEventListener('visibilitychange', this._onVisible);
      for (const type of ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel']) {
        this.removeEventListener(type, this._onActivity);
      }
      clearTimeout(this._idleTimer);
      clearTimeout(this._shiftTimer);
      clearTimeout(this._refreshTimer);
      this._run += 1;
      this._closeCore();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (!this._wired || oldValue === newValue) return;
      if (['src', 'audience', 'area', 'child-age'].includes(name)) this._scheduleStart();
      else if (name === 'kiosk' || name === 'idle-seconds') this._idleCheck();
    }

    _scheduleStart() {
      if (this._startQueued) return;
      this._startQueued = true;
      queueMicrotask(() => {
        this._startQueued = false;
        if (this.isConnected) this._start();
      });
    }

    // -- settings ---------------------------------------------------------------------------

    /** Reads one attribute, logging one console.error for a bad value (which is ignored). */
    _attr(name) {
      const result = checkAttribute(name, this.getAttribute(name), this.ownerDocument.baseURI);
      if (result.error) {
        this._report(`${name}=${this.getAttribute(name)}`, result.error);
        return undefined;
      }
      return result.value;
    }

    /** One console.error per bad value, however often it is read. */
    _report(key, message) {
      this._reported = this._reported || new Set();
      if (this._reported.has(key)) return;
      this._reported.add(key);
      console.error(message);
    }

    get _kiosk() { return this.hasAttribute('kiosk'); }

    /** Now, in epoch ms: every reading of the time goes through here (serverClock). */
    _now() { return clockNow(this._clock); }

    /**
     * Reads the clock from the data bundle's response (docs/web.md, "The clock"): nothing more
     * is asked of the network, only what the response and Resource Timing already hold.
     */
    _readClock(response, href) {
      const clock = serverClock(response.headers, performance.getEntriesByName(href).pop(), Date.now() - performance.now());
      if (clock === undefined) return;
      const before = this._now();
      this._clock = clock;
      // The idle timer measures on the same clock.
      this._lastInput += this._now() - before;
    }

    get _idleSeconds() { return this._attr('idle-seconds') ?? DEFAULT_IDLE_SECONDS; }

    get _exitUrl() { return this._attr('exit-url') ?? DEFAULT_EXIT_URL; }

    get _audience() {
      const facts = flowFacts(this._flow);
      return AUDIENCES.includes(facts.audience) ? facts.audience : null;
    }

    get _locale() {
      const locale = this._ui && typeof this._ui.date_locale === 'string' ? this._ui.date_locale : 'en-GB';
      if (this._localeChecked && this._localeChecked.asked === locale) return this._localeChecked.locale;
      let supported;
      try {
        supported = Intl.DateTimeFormat.supportedLocalesOf([locale]).length ? locale : 'en-GB';
      } catch (_) {
        supported = 'en-GB';
      }
      this._localeChecked = { asked: locale, locale: supported };
      return supported;
    }

    _t() {
      const audience = this._audience;
      const cached = this._translator;
      if (cached && cached.ui === this._ui && cached.audience === audience) return cached.t;
      const t = this._makeT(audience);
      this._translator = { ui: this._ui, audience, t };
      return t;
    }

    _makeT(audience) {
      return makeTranslator(this._ui, audience, (id) => {
        this._missing = this._missing || new Set();
        if (!this._missing.has(id)) {
          this._missing.add(id);
          console.error(`frontdoor-wizard: ui.json has no wording for "${id}".`);
        }
      });
    }

    // -- skeleton ---------------------------------------------------------------------------

    /** Attaches the shadow root and its skeleton (once), with the element's stylesheet. */
    _build() {
      if (this._built) return;
      this._built = true;
      const doc = this.ownerDocument;
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      this._root = root;
      const sheet = this._sheet();
      if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];

      this._els = {};
      const els = this._els;
      els.wizard = h(doc, 'div', { class: 'fd', hidden: true, part: 'wizard' });
      els.header = h(doc, 'div', { class: 'fd-header' });
      els.screen = h(doc, 'div', { class: 'fd-screen' });
      els.idle = h(doc, 'div', { class: 'fd-idle', hidden: true });
      els.wizard.append(els.header, els.screen, els.idle);

      els.message = h(doc, 'p', { class: 'fd-fallback-message', hidden: true });
      els.fallback = h(doc, 'div', { class: 'fd-fallback', part: 'fallback' }, h(doc, 'slot'));
      els.live = h(doc, 'div', { class: 'fd-visually-hidden', 'aria-live': 'polite', id: 'fd-live' });
      els.alert = h(doc, 'div', { class: 'fd-visually-hidden', 'aria-live': 'assertive', id: 'fd-alert' });
      root.append(els.wizard, els.message, els.fallback, els.live, els.alert);
    }

    /**
     * The element's stylesheet as a constructed sheet, made once from `frontdoorWizardCss` (both
     * builds put frontdoor-wizard.css into the script as a string, so the first screen is styled
     * the moment it is shown); null when it cannot be had: the wizard then shows unstyled rather
     * than not at all.
     */
    _sheet() {
      if (this._css !== undefined) return this._css;
      this._css = null;
      try {
        if (typeof frontdoorWizardCss !== 'string') { // eslint-disable-line no-undef
          throw new Error('frontdoorWizardCss is not defined: use the frontdoor-wizard.js that web/build.mjs makes');
        }
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(frontdoorWizardCss); // eslint-disable-line no-undef
        this._css = sheet;
      } catch (error) {
        console.error('frontdoor-wizard: the stylesheet could not be used:', error && error.message ? error.message : error);
      }
      return this._css;
    }

    // -- start / fail -----------------------------------------------------------------------

    async _start() {
      const run = ++this._run;
      this._showFallback(null);
      this._hideIdle();
      // Answers given before the core is ready wait for this (_advance), even those given on the
      // first screen from the script, before the bundle is in.
      let coreReady;
      const waitCore = new Promise((resolve, reject) => { coreReady = { resolve, reject }; });
      waitCore.catch(() => {});
      try {
        // Every attribute is checked up front, so each bad value is reported even when the
        // bundle then fails to load.
        const given = {};
        for (const [attribute, fact] of Object.entries(FACT_ATTRIBUTES)) {
          const value = this._attr(attribute);
          if (value !== undefined) given[fact] = value;
        }
        void this._idleSeconds;
        void this._exitUrl;
        const src = this._attr('src');
        if (src === undefined) {
          if (!this.hasAttribute('src')) console.error('frontdoor-wizard: attribute src is missing: give the URL of frontdoor-data.json.');
          throw new Error('no data bundle');
        }
        // The bundle first (the first question is in it), then the wasm is fetched and compiled
        // (in a worker when it can) while the bundle comes.
        const bundlePromise = this._loadBundle(src);
        this._closeCore();
        this._coreReady = waitCore;
        const corePromise = startCore();
        this._pendingCore = corePromise;
        corePromise.then((core) => {
          if (this._pendingCore !== corePromise && core && core.close) core.close();
        }, () => {});

        // Nothing pre-filled: the first screen now, from the script, before the page lays out
        // its static directory; checked against the bundle below.
        const early = Object.keys(given).length ? null : firstScreen();
        if (early) {
          this._ui = early.ui;
          this._flow = newFlow({});
          this._showResponse({ ok: true, next_question: early.start }, { focus: false });
        }

        const bundle = await bundlePromise;
        if (run !== this._run) return;
        const { files, ui, directory } = bundleFiles(bundle);
        const same = early !== null && firstScreenMatches(early, bundle, ui);
        this._ui = ui;
        this._towns = townsOf(directory);

        const prefill = { ...given };
        if (prefill.area !== undefined) {
          const town = matchTown(prefill.area, this._towns);
          if (town) prefill.area = town;
          else {
            this._report(`area=${prefill.area}`, `frontdoor-wizard: attribute area="${this.getAttribute('area')}" is not a town in the directory; it is ignored.`);
            delete prefill.area;
          }
        }
        // An answer given on the script's first screen is kept when the bundle shows the same.
        if (!same) this._flow = newFlow(prefill);
        if (this._built) this._renderHeader();

        // The core, once it has the data; answers given meanwhile wait for it (_advance).
        const ready = (async () => {
          const core = await corePromise;
          if (run !== this._run) return core;
          // In the page, loading the data is one long task: let the page paint first.
          if (!core.close) await nextPaint();
          if (run !== this._run) return core;
          const loaded = await core.load(files);
          if (!loaded || loaded.ok !== true) throw new Error(`the core refused the data: ${describeErrors(loaded)}`);
          if (run === this._run) this._core = core;
          return core;
        })();
        ready.then(coreReady.resolve, coreReady.reject);

        const first = startFor(bundle, prefill);
        const whenReady = () => ready.then(() => {
          if (run !== this._run) return;
          this._idleCheck();
          // The question shown before the core was ready, unless it has been answered meanwhile.
          const shown = this._response;
          if (shown && shown.next_question && this._prepared && this._prepared.flow === undefined && this._shownFlow === this._flow) this._prepare(shown.next_question);
        }, (error) => { if (run === this._run) this._fail(error); });
        if (same) {
          whenReady();
        } else if (first) {
          // The first question does not depend on the time (web/build.mjs checks it): shown now,
          // while the core starts.
          this._showResponse({ ok: true, next_question: first }, { focus: false });
          whenReady();
        } else {
          await ready;
          if (run !== this._run) return;
          await this._advance({ focus: false, run });
        }
        // Once the first question is up: make now what the first outcome would otherwise make
        // (date formatters, the locale check), so that answer is not the slow one.
        setTimeout(() => { if (run === this._run) this._warmUp(run); }, 0);
      } catch (error) {
        coreReady.reject(error);
        if (run === this._run) this._fail(error);
      }
    }

    /** Ends the worker of an earlier start (a new src or attribute, or the element removed). */
    _closeCore() {
      const old = this._core;
      this._core = null;
      this._coreReady = null;
      this._pendingCore = null;
      if (old && old.close) old.close();
    }

    /** Each formatter in a task of its own: making one can take 10 ms, and no task should be long. */
    _warmUp(run) {
      const now = this._now();
      let locale;
      let p;
      // No wording read here: a missing ui.json id must be reported by the screen using it.
      const steps = [
        () => { locale = this._locale; },
        () => { p = londonParts(now); },
        () => formatDate(isoInstant(now).slice(0, 10), locale),
        () => formatLondonDay(now, locale, true),
        () => { if (p) dateWords(p.year, p.month, p.day, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }); },
      ];
      const step = () => {
        if (run !== this._run || !steps.length) return;
        try {
          steps.shift()();
        } catch (_) {
          // Only a head start: the outcome makes whatever is missing.
        }
        setTimeout(step, 0);
      };
      step();
    }

    async _loadBundle(src) {
      if (src.startsWith('#')) {
        const id = src.slice(1);
        const rootNode = this.getRootNode();
        const script = (rootNode && typeof rootNode.getElementById === 'function' ? rootNode.getElementById(id) : null)
          || this.ownerDocument.getElementById(id);
        if (!script) throw new Error(`no element with id "${id}" for src="${src}"`);
        return JSON.parse(script.textContent);
      }
      const url = new URL(src, this.ownerDocument.baseURI);
      const response = await fetch(url.href, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`${url.href} answered HTTP ${response.status}`);
      const bundle = await response.json();
      this._readClock(response, url.href);
      return bundle;
    }

    /** Something failed: the static directory comes back, with a line saying so. */
    _fail(error) {
      console.error('frontdoor-wizard: showing the static directory instead of the wizard:', error && error.message ? error.message : error);
      const t = this._ui ? this._t() : null;
      const message = t && t.has('fallback_message') ? t('fallback_message') : LAST_RESORT_MESSAGE;
      this._showFallback(message);
    }

    _showFallback(message) {
      if (!this._built) {
        if (!message) return; // the page's static directory is showing already
        this._build();
      }
      const els = this._els;
      this._renderHeader();
      els.fallback.hidden = false;
      els.screen.replaceChildren();
      // Keep the 999 line and the exit button when the wording is known.
      els.wizard.hidden = !this._ui;
      els.screen.hidden = true;
      els.message.hidden = !message;
      els.message.textContent = message || '';
    }

    _showWizard() {
      const els = this._els;
      els.message.hidden = true;
      els.fallback.hidden = true;
      els.screen.hidden = false;
      els.wizard.hidden = false;
    }

    // -- flow -------------------------------------------------------------------------------

    /** Asks the core what comes next for the facts so far and shows it. */
    async _advance({ focus = true, run = this._run, replay = null } = {}) {
      try {
        const core = this._core || await this._waitCore();
        if (run !== this._run) return;
        if (!core) throw new Error('the core is not running');
        const ask = () => core.route(flowFacts(this._flow), isoInstant(this._now()));
        let response = await ask();
        if (run !== this._run) return;
        // After Change: answer again, by themselves, the later questions whose earlier answer
        // still fits, so the person lands back on the outcome (or the first new question).
        let pending = replay ? [...replay] : [];
        while (pending.length && response && response.ok === true && response.next_question) {
          const question = response.next_question;
          const entry = pending.find((a) => a.fact === question.fact);
          const reused = entry ? replayAnswer(question, entry.value, this._audience, this._t(), this._towns) : null;
          if (!reused) break;
          pending = pending.filter((a) => a !== entry);
          this._flow = flowAnswer(this._flow, {
            fact: question.fact, value: reused.value, label: reused.label,
            question: resolveWording(question.text, this._audience) || question.fact,
          });
          response = await ask();
          if (run !== this._run) return;
        }
        if (!response || response.ok !== true) throw new Error(`the core could not route: ${describeErrors(response)}`);
        if (!response.next_question && !(Array.isArray(response.contacts) && response.contacts.length)) {
          // Never an outcome with nobody to contact: the static directory is safer.
          throw new Error('the core gave an outcome with no contacts');
        }
        this._showResponse(response, { focus });
      } catch (error) {
        if (run === this._run) this._fail(error);
      }
    }

    /**
     * The core once it is ready. Rejects after CORE_WAIT_MS, so that an answer given while the
     * data or the wasm is still on its way (a weak signal) ends on the static directory rather
     * than on a screen that never changes.
     */
    _waitCore() {
      let timer;
      const late = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the wizard was still loading ${CORE_WAIT_MS / 1000} s after an answer`)), CORE_WAIT_MS);
      });
      const ready = this._coreReady || Promise.reject(new Error('the core is not running'));
      return Promise.race([ready, late]).finally(() => clearTimeout(timer));
    }

    /** Shows `response`; `outcome`: its outcome's nodes, already built (_prepare). */
    _showResponse(response, { focus, outcome = null }) {
      this._build();
      this._response = response;
      this._renderHeader();
      if (response.next_question) this._renderQuestion(response.next_question);
      else if (outcome) this._setScreen([outcome]);
      else this._renderOutcome(response);
      this._showWizard();
      this._idleCheck();
      this._scheduleRefresh();
      if (focus) this._focusHeading();
      this._shownFlow = this._flow;
      this._prepare(response.next_question || null);
    }

    // -- the next screens, made while the question is read -----------------------------------

    /**
     * While a person reads a question, asks the core (in one message) where each answer leads,
     * and builds the outcomes among them off the page (one task each), so that Continue does not
     * wait for the core, nor for a new outcome's nodes. (A next question is drawn in the kept
     * form as usual: changing a few nodes costs the browser less than placing new ones.) Any
     * change (another answer, Back, a new minute, new wording) makes them unusable: the answer
     * then goes to the core as usual (_takePrepared).
     */
    _prepare(question) {
      const token = {};
      this._prepared = { token, screens: new Map() };
      if (!question || this._replay) return;
      const run = this._run;
      const flow = this._flow;
      const ui = this._ui;
      const live = () => this._prepared && this._prepared.token === token && run === this._run && flow === this._flow && !this._replay;
      setTimeout(async () => {
        try {
          const core = this._core;
          if (!core || !live()) return;
          const candidates = this._candidates(question, flow);
          if (!candidates.length) return;
          const at = isoInstant(this._now());
          const list = candidates.map((c) => flowFacts(c.flow));
          const responses = core.routes ? await core.routes(list, at) : routeEach(core, list, at);
          if (!live() || !Array.isArray(responses)) return;
          Object.assign(this._prepared, { question, flow, ui, minute: at.slice(0, 16) });
          const outcomes = [];
          candidates.forEach(({ key, flow: answered }, i) => {
            const response = responses[i];
            if (!showable(response)) return;
            const screen = { response, flow: answered };
            this._prepared.screens.set(key, screen);
            const next = response.next_question;
            if (!next) outcomes.push(screen);
            else if (next.type === 'number' || next.type === 'area') {
              this._warm(next.type, () => {
                if (next.type === 'area') this._townList(placesFor(next, questionOptions(next, this._audience, this._t()), this._towns));
                return h(this.ownerDocument, 'input', { class: `fd-input${next.type === 'number' ? ' fd-input--width-3' : ''}`, type: 'text' });
              });
            }
          });
          // An outcome shows the answers, so each answer gets nodes of its own: the first
          // PREPARED_OUTCOMES (past those, say for a town of a long list, the outcome is drawn
          // when the answer is given, still without waiting for the core).
          for (const screen of outcomes.slice(0, PREPARED_OUTCOMES)) {
            await nextTask();
            if (!live()) return;
            screen.outcome = this._outcomeScreen(screen.response, screen.flow);
            this._warm('outcome', () => screen.outcome);
          }
        } catch (_) {
          // Only a head start: the answer goes to the core as usual.
        }
      }, 0);
    }

    /**
     * Once per kind of screen: lays out of sight what `make` returns and takes it out again, so
     * that the first such screen shown finds the browser's font, text and style caches warm.
     */
    _warm(kind, make) {
      this._warmed = this._warmed || new Set();
      if (this._warmed.has(kind)) return;
      this._warmed.add(kind);
      const box = h(this.ownerDocument, 'div', { class: 'fd-warm', 'aria-hidden': 'true' }, make());
      this._els.wizard.append(box);
      box.getBoundingClientRect();
      box.remove();
    }

    /** Every answer the question can take that is worth preparing: {key, flow}. */
    _candidates(question, flow) {
      const t = this._t();
      const options = questionOptions(question, this._audience, t);
      const out = [];
      const add = (value, label) => out.push({ key: answerKey(value, label), flow: flowAnswer(flow, this._answerOf(question, value, label)) });
      if (options.length > 0 && question.type !== 'number' && question.type !== 'area') {
        for (const option of options) add(option.value, option.label);
        return out;
      }
      if (question.type === 'number') {
        const { min, max } = question;
        if (!Number.isInteger(min) || !Number.isInteger(max) || max - min > 40) return out;
        for (let n = min; n <= max; n += 1) add(n, String(n));
      } else {
        for (const town of placesFor(question, options, this._towns)) add(town, town);
      }
      const unknown = options.find((o) => o.unknown) || (question.unknown_option ? { value: null, label: t('answer_unknown') } : null);
      if (unknown && out.length) add(null, unknown.label);
      return out;
    }

    /** The prepared screen for this answer to `question`, or null (then the core is asked). */
    _takePrepared(question, key) {
      const prepared = this._prepared;
      this._prepared = null;
      if (!prepared || prepared.question !== question || prepared.flow !== this._flow || prepared.ui !== this._ui) return null;
      if (isoInstant(this._now()).slice(0, 16) !== prepared.minute) return null;
      return prepared.screens.get(key) || null;
    }

    /** Shows a prepared screen: without asking the core (nor building an outcome's nodes). */
    _showPrepared(screen) {
      this._flow = screen.flow;
      this._showResponse(screen.response, { focus: true, outcome: screen.outcome || null });
    }

    /**
     * An outcome left on screen goes stale (MASH closes at 5pm): re-ask the core every minute
     * and when the page is shown again, and redraw only when who answers has changed.
     */
    _scheduleRefresh() {
      clearTimeout(this._refreshTimer);
      if (!this._response || this._response.next_question) return;
      this._refreshTimer = setTimeout(() => this._refresh(), REFRESH_MS);
    }

    async _refresh() {
      clearTimeout(this._refreshTimer);
      const shown = this._response;
      if (!this._core || !shown || shown.next_question || !this.isConnected) return;
      const run = this._run;
      const response = await this._core.route(flowFacts(this._flow), isoInstant(this._now()));
      if (run !== this._run || shown !== this._response) return;
      if (response && response.ok === true && !response.next_question && outcomeKey(response) !== outcomeKey(shown)) {
        const hadFocus = this._els.screen.contains(this._root.activeElement);
        this._response = response;
        this._renderOutcome(response);
        this._announce(this._t()('outcome_updated'));
        if (hadFocus) this._focusHeading();
      }
      this._scheduleRefresh();
    }

    _focusHeading() {
      const heading = this._root.getElementById('fd-question') || this._root.getElementById('fd-outcome');
      if (heading) heading.focus();
    }

    /** The answer `{fact, value, question, label}` recorded in the flow. */
    _answerOf(question, value, label) {
      return { fact: question.fact, value, question: resolveWording(question.text, this._audience) || question.fact, label };
    }

    _answer(question, option, label) {
      const replay = this._replay;
      this._replay = null;
      const prepared = replay ? null : this._takePrepared(question, answerKey(option, label));
      if (prepared) {
        this._showPrepared(prepared);
        return;
      }
      this._flow = flowAnswer(this._flow, this._answerOf(question, option, label));
      this._advance({ replay });
    }

    _back() {
      this._replay = null;
      this._flow = flowBack(this._flow);
      this._advance();
    }

    _change(index) {
      this._replay = this._flow.answers.slice(index + 1);
      this._flow = flowChange(this._flow, index);
      this._advance();
    }

    _startAgain({ focus = true } = {}) {
      this._replay = null;
      if (this._kiosk) {
        const selection = this.ownerDocument.getSelection();
        if (selection) selection.removeAllRanges();
      }
      this._flow = flowReset(this._flow);
      this._hideIdle();
      this._advance({ focus });
    }

    // -- rendering: chrome ------------------------------------------------------------------

    _renderHeader() {
      if (!this._ui) return;
      const t = this._t();
      // Each part is made again only when its own wording changes (the danger line may have
      // one per audience, the Exit button not): nodes kept need no style recalculation.
      const doc = this.ownerDocument;
      const kept = this._header || {};
      const exitKey = `${t('exit_prefix')}\u0000${t('exit_button')}`;
      const dangerKey = `${t.raw('danger_line')}\u0000${t('danger_number')}`;
      let { exitWrap, danger } = kept;
      if (kept.exitKey !== exitKey) {
        exitWrap = h(doc, 'div', { class: 'fd-exit-wrap' },
          h(doc, 'button', { type: 'button', id: 'fd-exit', class: 'fd-exit', onclick: () => this._exit() },
            h(doc, 'span', { class: 'fd-visually-hidden' }, `${t('exit_prefix')} `), t('exit_button')));
      }
      if (kept.dangerKey !== dangerKey) {
        danger = h(doc, 'p', { class: 'fd-danger' });
        for (const part of templateParts(t.raw('danger_line'))) {
          if (part.text !== undefined) danger.append(part.text);
          else if (part.name === 'number') {
            const number = t('danger_number');
            danger.append(h(doc, 'a', { class: 'fd-link fd-danger__tel', href: telHref(number) }, number));
          } else danger.append(`{${part.name}}`);
        }
      }
      this._header = { exitKey, exitWrap, dangerKey, danger };
      setChildren(this._els.header, [exitWrap, danger]);
    }

    /** Back and Start again, kept from screen to screen (made again when the wording changes). */
    _chrome() {
      const t = this._t();
      const key = `${t('button_back')}\u0000${t('button_start_again')}`;
      if (!this._chromeNodes || this._chromeNodes.key !== key) {
        const doc = this.ownerDocument;
        this._chromeNodes = {
          key,
          back: h(doc, 'button', { type: 'button', class: 'fd-back', onclick: () => this._back() }, t('button_back')),
          again: h(doc, 'p', { class: 'fd-start-again' },
            h(doc, 'button', { type: 'button', class: 'fd-link-button', onclick: () => this._startAgain() }, t('button_start_again'))),
        };
      }
      return this._chromeNodes;
    }

    /** The screen: Back (after the first answer), `middle`, Start again; unchanged nodes stay. */
    _setScreen(middle) {
      const { back, again } = this._chrome();
      setChildren(this._els.screen, [this._flow.answers.length ? back : null, ...middle, again].filter(Boolean));
    }

    // -- rendering: question ----------------------------------------------------------------

    /**
     * The form kept from question to question: only what differs is changed (a new heading, the
     * radios' labels, values and hints in place), so the browser recalculates little style.
     */
    _questionForm() {
      const t = this._t();
      const key = t('button_continue');
      if (this._form && this._form.key === key) return this._form;
      const doc = this.ownerDocument;
      const form = h(doc, 'form', { class: 'fd-form', novalidate: true });
      const go = (event) => {
        event.preventDefault();
        if (state.submit) state.submit();
      };
      // Continue answers on its click (Enter in a text box clicks it too: implicit submission),
      // before the browser would start a form submission; `submit` stays for any other way.
      const buttons = h(doc, 'div', { class: 'fd-button-group' },
        h(doc, 'button', { type: 'submit', class: 'fd-button', onclick: go }, t('button_continue')));
      const state = {
        key, form, buttons, submit: null, secondary: null,
        choice: null, // {group, fieldset, legend, radios, divider, items: [{item, input, label, hint}]}
      };
      form.addEventListener('submit', go);
      this._form = state;
      return state;
    }

    /** The radios part of the form, kept; its items are reused for the next question's options. */
    _choiceGroup(state) {
      if (state.choice) return state.choice;
      const doc = this.ownerDocument;
      const legend = h(doc, 'legend', { class: 'fd-fieldset__legend' });
      const radios = h(doc, 'div', { class: 'fd-radios' });
      const fieldset = h(doc, 'fieldset', { class: 'fd-fieldset' }, legend, radios);
      const group = h(doc, 'div', { class: 'fd-form-group' }, fieldset);
      state.choice = { group, fieldset, legend, radios, divider: null, dividerText: null, items: [] };
      return state.choice;
    }

    _radioItem(choice, index) {
      if (choice.items[index]) return choice.items[index];
      const doc = this.ownerDocument;
      const id = `fd-answer-${index}`;
      const input = h(doc, 'input', { class: 'fd-radios__input', id, name: 'answer', type: 'radio' });
      const label = h(doc, 'label', { class: 'fd-label fd-radios__label', for: id });
      const item = h(doc, 'div', { class: 'fd-radios__item' }, input, label);
      choice.items[index] = { item, input, label, hint: null, id };
      return choice.items[index];
    }

    _renderQuestion(question, error = null) {
      const doc = this.ownerDocument;
      const t = this._t();
      const audience = this._audience;
      const text = resolveWording(question.text, audience) || question.fact;
      const hint = resolveWording(question.hint, audience);
      const remembered = flowRemembered(this._flow, question.fact);
      const options = questionOptions(question, audience, t);
      // A place is typed (with suggestions), not picked from a long list of radios.
      const isChoice = options.length > 0 && question.type !== 'number' && question.type !== 'area';
      const places = placesFor(question, options, this._towns);
      const errorId = 'fd-error';
      const hintId = hint ? 'fd-hint' : null;
      const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ') || null;
      const state = this._questionForm();
      const { form } = state;

      const heading = h(doc, 'h1', { id: 'fd-question', class: 'fd-heading-l', tabindex: '-1' });
      const errorLine = error
        ? h(doc, 'p', { id: errorId, class: 'fd-error-message' }, h(doc, 'span', { class: 'fd-visually-hidden' }, `${t('error_prefix')} `), error.message)
        : null;
      const hintLine = hint ? h(doc, 'div', { id: 'fd-hint', class: 'fd-hint' }, hint) : null;
      let group;
      let unknownOption = null;

      if (isChoice) {
        heading.append(text);
        const choice = this._choiceGroup(state);
        group = choice.group;
        group.className = `fd-form-group${error ? ' fd-form-group--error' : ''}`;
        if (describedBy) choice.fieldset.setAttribute('aria-describedby', describedBy);
        else choice.fieldset.removeAttribute('aria-describedby');
        choice.legend.replaceChildren(heading);
        const radioNodes = [];
        const inputs = [];
        options.forEach((option, index) => {
          const item = this._radioItem(choice, index);
          if (option.unknown && index > 0) {
            const or = t('or');
            if (!choice.divider || choice.dividerText !== or) {
              choice.divider = h(doc, 'div', { class: 'fd-radios__divider' }, or);
              choice.dividerText = or;
            }
            radioNodes.push(choice.divider);
          }
          const { input, label } = item;
          input.value = radioValue(option.value);
          input.checked = remembered.found && sameValue(remembered.value, option.value);
          if (label.textContent !== option.label) label.textContent = option.label;
          if (option.hint) {
            if (!item.hint) item.hint = h(doc, 'div', { id: `${item.id}-hint`, class: 'fd-hint fd-radios__hint' });
            if (item.hint.textContent !== option.hint) item.hint.textContent = option.hint;
            input.setAttribute('aria-describedby', `${item.id}-hint`);
          } else {
            input.removeAttribute('aria-describedby');
          }
          setChildren(item.item, [input, label, option.hint ? item.hint : null].filter(Boolean));
          radioNodes.push(item.item);
          inputs.push(input);
        });
        setChildren(choice.radios, radioNodes);
        setChildren(choice.fieldset, [choice.legend, hintLine, errorLine, choice.radios].filter(Boolean));
        state.submit = () => {
          const index = inputs.findIndex((input) => input.checked);
          if (index < 0) return this._showError(question, { message: t('error_choose'), target: 'fd-answer-0' });
          const option = options[index];
          return this._answer(question, option.value, option.label);
        };
      } else {
        // number or area: one text input, its label inside the h1 (GOV.UK question pages).
        group = h(doc, 'div', { class: `fd-form-group${error ? ' fd-form-group--error' : ''}` });
        const numeric = question.type === 'number';
        heading.append(h(doc, 'label', { class: 'fd-label-wrapper', for: 'fd-input' }, text));
        const input = h(doc, 'input', {
          class: `fd-input${numeric ? ' fd-input--width-3' : ''}${error ? ' fd-input--error' : ''}`,
          id: 'fd-input', name: 'answer', type: 'text', autocomplete: 'off', spellcheck: 'false',
          inputmode: numeric ? 'numeric' : null, list: !numeric && places.length ? 'fd-towns' : null,
          'aria-describedby': describedBy,
        });
        if (error && error.value !== undefined) input.value = error.value;
        else if (remembered.found && remembered.value !== null && remembered.value !== undefined) input.value = String(remembered.value);
        group.append(...[heading, hintLine, errorLine, input].filter(Boolean));
        if (!numeric && places.length) this._townList(places);
        unknownOption = options.find((o) => o.unknown) || (question.unknown_option ? { value: null, label: t('answer_unknown') } : null);
        const min = Number.isFinite(question.min) ? question.min : null;
        const max = Number.isFinite(question.max) ? question.max : null;
        state.submit = () => {
          if (numeric) {
            const checked = checkNumber(input.value, min ?? undefined, max ?? undefined);
            if (!checked.ok) {
              const id = { empty: 'error_number_empty', invalid: 'error_number_invalid', range: 'error_number_range' }[checked.error];
              return this._showError(question, { message: t(id, { min: min ?? '', max: max ?? '' }), target: 'fd-input', value: input.value });
            }
            return this._answer(question, checked.value, String(checked.value));
          }
          if (!input.value.trim()) return this._showError(question, { message: t('error_area_empty'), target: 'fd-input', value: input.value });
          const town = places.length ? matchTown(input.value, places) : input.value.trim();
          if (!town) return this._showError(question, { message: t('error_area_unknown', { value: input.value.trim(), unknown: unknownOption ? unknownOption.label : t('answer_unknown') }), target: 'fd-input', value: input.value });
          return this._answer(question, town, town);
        };
      }

      const [continueButton] = state.buttons.children;
      let secondary = null;
      if (unknownOption) {
        secondary = h(doc, 'button', {
          type: 'button', class: 'fd-button fd-button--secondary',
          onclick: () => this._answer(question, null, unknownOption.label),
        }, unknownOption.label);
      }
      setChildren(state.buttons, [continueButton, secondary].filter(Boolean));
      setChildren(form, [group, state.buttons]);

      const summary = error ? this._errorSummary(error) : null;
      this._setScreen([summary, form].filter(Boolean));
    }

    /**
     * The suggestions for a place, one datalist kept beside the screens (made again only when
     * the list changes): a new one for every area question cost a style recalculation per town.
     */
    _townList(places) {
      const key = places.join('\u0000');
      const old = this._els.towns;
      if (old && old.key === key) return;
      const list = h(this.ownerDocument, 'datalist', { id: 'fd-towns' }, places.map((town) => h(this.ownerDocument, 'option', { value: town })));
      if (old) old.node.replaceWith(list);
      else this._els.wizard.append(list);
      this._els.towns = { key, node: list };
    }

    _errorSummary(error) {
      const doc = this.ownerDocument;
      const t = this._t();
      const link = h(doc, 'a', {
        href: `#${error.target}`,
        onclick: (event) => {
          // In-page link without changing the URL (no hash: nothing about answers in the URL).
          event.preventDefault();
          const target = this._root.getElementById(error.target);
          if (target) target.focus();
        },
      }, error.message);
      return h(doc, 'div', { class: 'fd-error-summary', tabindex: '-1', id: 'fd-error-summary' },
        h(doc, 'div', { role: 'alert' },
          h(doc, 'h2', { class: 'fd-error-summary__title' }, t('error_summary_title')),
          h(doc, 'ul', { class: 'fd-error-summary__list' }, h(doc, 'li', null, link))));
    }

    _showError(question, error) {
      this._renderQuestion(question, error);
      const summary = this._root.getElementById('fd-error-summary');
      if (summary) summary.focus();
    }

    // -- rendering: outcome -----------------------------------------------------------------

    _renderOutcome(response) {
      this._setScreen([this._outcomeScreen(response, this._flow)]);
    }

    /** The outcome's nodes after the answers of `flow` (not placed). */
    _outcomeScreen(response, flow) {
      const doc = this.ownerDocument;
      const t = this._t();
      const locale = this._locale;
      const now = response.at || isoInstant(this._now());
      const { primary, meanwhile, others } = pickContacts(response.contacts);
      const container = h(doc, 'div', { class: 'fd-outcome', 'data-level': response.level || 'none' });

      container.append(h(doc, 'h1', { id: 'fd-outcome', class: 'fd-heading-l', tabindex: '-1' }, t('outcome_heading')));
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
        container.append(h(doc, 'h2', { class: 'fd-heading-m' }, t('meanwhile_heading')));
        container.append(this._card(meanwhile, now, { primary: true }));
      }

      const notes = (Array.isArray(response.notes) ? response.notes : []).map((n) => resolveWording(n, this._audience)).filter(Boolean);
      if (notes.length) {
        container.append(h(doc, 'div', { class: 'fd-notes' },
          h(doc, 'h2', { class: 'fd-heading-m' }, t('notes_heading')),
          h(doc, 'ul', { class: 'fd-list fd-list--bullet' }, notes.map((n) => h(doc, 'li', null, n)))));
      }

      if (others.length) {
        container.append(h(doc, 'h2', { class: 'fd-heading-m' }, t('others_heading')));
        for (const contact of others) container.append(this._card(contact, now, { primary: false }));
      }

      container.append(this._answersList(flow));
      if (response.checked) container.append(h(doc, 'p', { class: 'fd-checked' }, t('last_checked', { date: formatDate(response.checked, locale) })));

      if (this._audience === 'professional') container.append(this._record(response, flow));
      return container;
    }

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
      card.append(h(doc, primary ? 'h2' : 'h3', { class: primary ? 'fd-heading-m' : 'fd-heading-s' }, contact.name || contact.service));
      card.append(h(doc, 'p', { class: `fd-status fd-status--${status}` }, openStatusText(contact, now, t, this._locale)));
      if (contact.label_now) card.append(h(doc, 'p', { class: 'fd-label-now' }, t('label_now', { label: contact.label_now })));

      const href = telHref(contact.phone);
      if (href) {
        card.append(h(doc, 'p', { class: 'fd-call' },
          h(doc, 'a', { class: primary ? 'fd-tel fd-tel--big' : 'fd-tel', href },
            t('call_number', { number: contact.phone, label: contact.phone_label || contact.name || '' }))));
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
        card.append(h(doc, primary ? 'h3' : 'h4', { class: 'fd-heading-s' }, t('have_ready_heading')),
          h(doc, 'ul', { class: 'fd-list fd-list--bullet' }, haveReady.map((x) => h(doc, 'li', null, x))));
      }
      const notes = (Array.isArray(contact.notes) ? contact.notes : []).map((x) => resolveWording(x, this._audience)).filter(Boolean);
      if (notes.length) card.append(h(doc, 'ul', { class: 'fd-list fd-card__notes' }, notes.map((x) => h(doc, 'li', null, x))));
      return card;
    }

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
    }

    _answersList(flow) {
      const doc = this.ownerDocument;
      const t = this._t();
      const answers = flow.answers;
      const wrap = h(doc, 'div', { class: 'fd-answers' });
      if (!answers.length) return wrap;
      wrap.append(h(doc, 'h2', { class: 'fd-heading-m' }, t('answers_heading')));
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
    }

    _record(response, flow) {
      const doc = this.ownerDocument;
      const t = this._t();
      const text = recordText({ t, response, answers: flow.answers, locale: this._locale });
      const pre = h(doc, 'pre', { class: 'fd-record__text', id: 'fd-record-text', tabindex: '0' }, text);
      const copy = h(doc, 'button', { type: 'button', class: 'fd-button fd-button--secondary', onclick: () => this._copy(text, pre) }, t('record_copy'));
      const print = h(doc, 'button', { type: 'button', class: 'fd-button fd-button--secondary', onclick: () => this.ownerDocument.defaultView.print() }, t('record_print'));
      return h(doc, 'section', { class: 'fd-record', 'aria-labelledby': 'fd-record-heading' },
        h(doc, 'h2', { class: 'fd-heading-m', id: 'fd-record-heading' }, t('record_heading')),
        h(doc, 'p', { class: 'fd-hint' }, t('record_hint')),
        pre,
        h(doc, 'div', { class: 'fd-button-group fd-record__buttons' }, copy, print));
    }

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
    }

    // -- announcements ------------------------------------------------------------------------

    _announce(text, assertive = false) {
      const region = assertive ? this._els.alert : this._els.live;
      // Set at once (no timer: a page's fake clock must not hold messages back); the same
      // message twice differs by a no-break space so it is announced again.
      region.textContent = region.textContent === text ? `${text}\u00a0` : text;
    }

    // -- exit this page -----------------------------------------------------------------------

    _keyUp(event) {
      const now = this._now();
      const state = exitKeyUp(this._shift, event, now);
      this._shift = state;
      if (!state.counted) {
        if (state.cancelled) clearTimeout(this._shiftTimer);
        return;
      }
      clearTimeout(this._shiftTimer);
      const t = this._ui ? this._t() : null;
      const say = (id, params) => { if (t) this._announce(t(id, params), true); };
      if (state.exit) {
        this._shift = null;
        say('exit_activated');
        this._exit();
        return;
      }
      if (state.remaining === 1) say('exit_shift_one');
      else say('exit_shift_many', { count: state.remaining });
      this._shiftTimer = setTimeout(() => {
        this._shift = null;
        say('exit_expired');
      }, Math.max(0, state.first + SHIFT_WINDOW_MS - now));
    }

    _exit() {
      const t = this._ui ? this._t() : null;
      if (this._kiosk) {
        // A kiosk never leaves the wizard: forget everything and show the first screen.
        this._startAgain();
        return;
      }
      const doc = this.ownerDocument;
      const view = doc.defaultView;
      this._run += 1;
      this._flow = flowReset(this._flow);
      if (this._built) {
        this._els.screen.replaceChildren();
        this._els.wizard.hidden = true;
      }
      this.hidden = true;
      try {
        const sheet = new view.CSSStyleSheet();
        sheet.replaceSync('html { background: #fff !important; } body { display: none !important; }');
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      } catch (_) {
        // Older browsers: the hidden attribute below still blanks most pages.
      }
      if (doc.body) doc.body.hidden = true;
      doc.title = t && t.has('exit_document_title') ? t('exit_document_title') : '\u200b';
      view.location.replace(this._exitUrl);
    }

    // -- kiosk idle reset ---------------------------------------------------------------------

    _activity() {
      this._lastInput = this._now();
      if (this._built && !this._els.idle.hidden) this._hideIdle();
    }

    _pristine() {
      return this._flow.answers.length === 0 && !(this._els.screen.querySelector('.fd-error-summary'));
    }

    _idleCheck() {
      clearTimeout(this._idleTimer);
      if (!this._built) return;
      if (!this._kiosk || !this._core || !this.isConnected) {
        this._hideIdle();
        return;
      }
      const state = idlePhase(this._lastInput, this._now(), this._idleSeconds, this._pristine());
      if (state.phase === 'active') {
        this._hideIdle();
        this._idleTimer = setTimeout(() => this._idleCheck(), Math.max(250, state.waitMs));
      } else if (state.phase === 'countdown') {
        this._showIdle(state.secondsLeft);
        this._idleTimer = setTimeout(() => this._idleCheck(), 1000);
      } else {
        this._lastInput = this._now();
        this._startAgain({ focus: false });
      }
    }

    _showIdle(seconds) {
      const doc = this.ownerDocument;
      const t = this._t();
      const text = seconds === 1 ? t('kiosk_countdown_one') : t('kiosk_countdown', { seconds });
      const idle = this._els.idle;
      if (idle.hidden) {
        const keep = h(doc, 'button', {
          type: 'button', class: 'fd-button', id: 'fd-keep-going',
          onclick: () => { this._lastInput = this._now(); this._hideIdle(); this._idleCheck(); },
        }, t('kiosk_keep_going'));
        idle.replaceChildren(
          h(doc, 'p', { class: 'fd-heading-m', id: 'fd-idle-text' }, text),
          h(doc, 'p', { class: 'fd-idle__hint' }, t('kiosk_countdown_hint')),
          keep);
        idle.setAttribute('role', 'dialog');
        idle.setAttribute('aria-labelledby', 'fd-idle-text');
        idle.hidden = false;
        this._announce(text, true);
        keep.focus();
      } else {
        const line = this._root.getElementById('fd-idle-text');
        if (line) line.textContent = text;
      }
    }

    _hideIdle() {
      if (!this._els || this._els.idle.hidden) return;
      const hadFocus = this._els.idle.contains(this._root.activeElement);
      this._els.idle.hidden = true;
      this._els.idle.replaceChildren();
      this._els.idle.removeAttribute('role');
      this._els.idle.removeAttribute('aria-labelledby');
      if (hadFocus) this._focusHeading();
    }
  }

  return FrontdoorWizard;
}

function sameValue(a, b) {
  if (a === b) return true;
  return a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b);
}

/** What decides the outcome screen's content (not the time itself). */
function outcomeKey(response) {
  return JSON.stringify([response.level, (response.contacts || []).map((c) => [c.service, c.open_now, c.label_now, c.closes_at, c.opens_next])]);
}

function describeErrors(response) {
  if (!response || !Array.isArray(response.errors)) return 'no response';
  return response.errors.map((e) => `${e.where ? `${e.where}: ` : ''}${e.message || e.id}`).join('; ');
}

if (typeof customElements !== 'undefined' && typeof HTMLElement !== 'undefined' && !customElements.get('frontdoor-wizard')) {
  customElements.define('frontdoor-wizard', defineElement());
} else if (typeof WorkerGlobalScope !== 'undefined' && typeof document === 'undefined' && typeof self !== 'undefined' && self instanceof WorkerGlobalScope) { // eslint-disable-line no-undef
  serveCore(self);
}

export { resolveWording, templateParts, fillTemplate, makeTranslator, telHref, isoInstant, londonParts, formatClock, formatLondonDay, formatWhen, formatUntil, formatDate, formatDateTime, openStatusText, serverClock, clockNow, pickContacts, newFlow, flowFacts, flowAnswer, flowBack, flowChange, flowReset, flowRemembered, checkNumber, townsOf, townKey, matchTown, checkAttribute, shiftPress, exitKeyUp, idlePhase, questionOptions, placesFor, replayAnswer, recordText, bundleFiles, startFor, firstScreenMatches, FIRST_SCREEN_UI };
