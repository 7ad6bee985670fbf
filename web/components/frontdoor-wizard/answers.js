/**
 * answers.js: what an answer may be: the options a question shows for an audience, whole numbers,
 * towns typed by hand (matched as the core matches them), and an earlier answer given again after
 * Change (replayAnswer).
 */
import { resolveWording } from './wording.js';

/** Checks a whole-number answer: {ok:true, value} or {ok:false, error:'empty'|'invalid'|'range'}. */
export function checkNumber(text, min, max) {
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
export function townsOf(directory) {
  const towns = [];
  for (const locality of (directory && Array.isArray(directory.localities) ? directory.localities : [])) {
    for (const town of (Array.isArray(locality.towns) ? locality.towns : [])) {
      if (typeof town === 'string' && !towns.includes(town)) towns.push(town);
    }
  }
  return towns;
}

/**
 * The key a town is matched by, as the core's detail::town_key (core/src/directory/model.cpp): ASCII case,
 * spacing, hyphens and apostrophes ignored, "upon" read as "on", a leading "royal" dropped.
 */
export function townKey(text) {
  const words = String(text).replace(/['\u2019]/g, '').replace(/-/g, ' ').replace(/[A-Z]/g, (c) => c.toLowerCase())
    .split(/[ \t\n\v\f\r]+/).filter(Boolean);
  const key = words.map((word, i) => (i > 0 && word === 'upon' ? 'on' : word));
  if (key.length > 1 && key[0] === 'royal') key.shift();
  return key.join(' ');
}

/** The directory's spelling of a typed town (townKey: case, spacing, hyphens… ignored), or null. */
export function matchTown(text, towns) {
  const wanted = townKey(text ?? '');
  if (!wanted) return null;
  return towns.find((town) => townKey(town) === wanted) || null;
}

/** The options to show for a question: its options (filtered by audience) + its unknown option. */
export function questionOptions(question, audience, t) {
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
export function replayAnswer(question, value, audience, t, towns = []) {
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
export function placesFor(question, options, towns) {
  if (question.type !== 'area') return [];
  const listed = options.filter((o) => !o.unknown && typeof o.value === 'string').map((o) => o.value);
  return listed.length ? listed : towns;
}

/** The key of one answer to a question: its value and the label shown for it. */
export function answerKey(value, label) {
  return JSON.stringify([value === undefined ? null : value, label]);
}

/** A radio's value: the fact value (strings as they are, anything else JSON: "true", "null"). */
export function radioValue(value) {
  return typeof value === 'string' ? value : JSON.stringify(value === undefined ? null : value);
}

/** Whether a remembered value is an option's value (a number typed earlier matches "3"). */
export function sameValue(a, b) {
  if (a === b) return true;
  return a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b);
}
