#!/usr/bin/env node
// The static directory: every service with its numbers and hours as plain HTML, pasted inside
// <frontdoor-wizard> as its fallback. It must be useful with no JavaScript and no styles, so it
// uses only headings, lists, links and text (no style attributes: pages with a strict CSP).
//
//   node web/fallback.mjs [--data DIR] [--audience parent|young_person|professional|public] [--out FILE]
//
// Wording comes from data/ui.json (keys below); audience names from ui.json `audience_<id>` or
// the audience question's option labels in data/questions.json. Wording lookup, tel: links, age
// ranges and phone options are the element's own modules (wording.js, contacts.js), shared with
// the poster.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillTemplate, resolveWording } from './components/frontdoor-wizard/wording.js';
import { ageRange, phoneOption, telHref } from './components/frontdoor-wizard/contacts.js';
import { audiencesOf } from './components/frontdoor-wizard/bundle.js';

// One tel: link for the element, this directory and the poster (contacts.js).
export { telHref };

/**
 * ui.json keys used here. A key missing from ui.json is a data problem: the build warns about
 * it (see missingWording) and the page uses the key's English fallback below so that the
 * numbers are still published.
 */
export const WORDING_KEYS = {
  directory_title: 'Who to contact about a child',
  directory_intro: 'If you are worried about a child or young person, these are the services to contact.',
  directory_urgent_title: 'If a child is at risk of harm',
  directory_services_title: 'All services',
  directory_phone: 'Phone',
  directory_option: 'option {option}',
  directory_email: 'Email',
  directory_web: 'Website',
  directory_hours: 'Hours',
  hours_not_published: 'Hours not published',
  directory_for: 'For',
  directory_ages: 'Ages',
  directory_age_range: '{min} to {max}',
  directory_age_from: '{min} and over',
  directory_age_to: 'up to {max}',
  directory_areas: 'Areas',
  directory_checked: 'Checked {date}',
  directory_superseded: 'No longer in use: {number} ({was})',
};

/** Services shown first when present, in this order (ids from data/directory.json). */
const URGENT_IDS = ['emergency-999', 'mash', 'out-of-hours'];

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function safeWebUrl(url) {
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function safeEmail(email) {
  const text = String(email).trim();
  return /^[^\s@<>"'()]+@[^\s@<>"'()]+$/.test(text) ? text : null;
}

/** ui.json keys this module needs that the given ui.json lacks. */
export function missingWording(ui) {
  const strings = uiStrings(ui);
  return Object.keys(WORDING_KEYS).filter((key) => resolveWording(strings[key], null) === null);
}

function uiStrings(ui) {
  if (!ui || typeof ui !== 'object') return {};
  // ui.json is a flat object; tolerate a nested {"strings": {...}} too.
  if (ui.strings && typeof ui.strings === 'object' && !Array.isArray(ui.strings)) return { ...ui, ...ui.strings };
  return ui;
}

/**
 * Builds the static directory HTML.
 * @param {object} data
 * @param {object} data.directory parsed data/directory.json
 * @param {object} [data.ui] parsed data/ui.json
 * @param {object} [data.questions] parsed data/questions.json (audience names)
 * @param {string} [data.audience] resolve per-audience wording for this audience
 * @returns {string} `<section id="frontdoor-directory">…</section>`
 */
export function renderDirectory({ directory, ui = {}, questions = null, audience = null }) {
  if (!directory || !Array.isArray(directory.services)) {
    throw new Error('directory.json: "services" must be a list');
  }
  const strings = uiStrings(ui);
  const services = directory.services;
  const say = (key, values = {}) => {
    const text = resolveWording(strings[key], audience) ?? WORDING_KEYS[key] ?? key;
    return escapeHtml(fillTemplate(text, values));
  };

  const audienceNames = new Map();
  const audienceQuestion = questions && Array.isArray(questions.questions)
    ? questions.questions.find((q) => q.fact === 'audience') : null;
  // The audiences from the data (bundle.js audiencesOf), then any other a service names.
  const ids = [...new Set([...audiencesOf(questions), ...services.flatMap((s) => (Array.isArray(s.audiences) ? s.audiences : []))])];
  for (const id of ids) {
    let name = resolveWording(strings[`audience_${id}`], audience);
    if (!name && audienceQuestion && Array.isArray(audienceQuestion.options)) {
      const option = audienceQuestion.options.find((o) => o.value === id);
      if (option) name = resolveWording(option.label, audience);
    }
    audienceNames.set(id, name || id.replace(/_/g, ' '));
  }
  const localityNames = new Map();
  for (const locality of directory.localities || []) {
    const towns = Array.isArray(locality.towns) && locality.towns.length ? ` (${locality.towns.join(', ')})` : '';
    localityNames.set(locality.id, `${locality.name}${towns}`);
  }

  // The emergency line first: the danger number of ui.json (other short codes, such as 101, are
  // not emergencies), else every short-code line.
  const danger = resolveWording(strings.danger_number, null);
  const shortCodes = new Set(danger ? [danger] : directory.short_codes || []);
  const isEmergency = (s) => (s.phones || []).some((p) => shortCodes.has(p.number));
  const urgent = [];
  for (const service of services.filter(isEmergency)) urgent.push(service);
  for (const id of URGENT_IDS) {
    const service = services.find((s) => s.id === id);
    if (service && !urgent.includes(service)) urgent.push(service);
  }
  const others = services.filter((s) => !urgent.includes(s));

  const renderService = (service) => {
    const out = [];
    const anchor = /^[a-z0-9-]+$/.test(service.id || '') ? ` id="frontdoor-directory-${service.id}"` : '';
    out.push(`<li${anchor}>`);
    out.push(`<h4>${escapeHtml(resolveWording(service.name, audience) ?? service.id)}</h4>`);
    const summary = resolveWording(service.summary, audience);
    if (summary) out.push(`<p>${escapeHtml(summary)}</p>`);
    out.push('<dl>');
    for (const phone of service.phones || []) {
      const label = resolveWording(phone.label, audience);
      const wording = phoneOption(phone);
      const option = wording ? `, ${say(wording.id, wording.values)}` : '';
      out.push(`<dt>${label ? escapeHtml(label) : say('directory_phone')}</dt>`
        + `<dd><a href="${escapeHtml(telHref(phone.number))}">${escapeHtml(phone.number)}</a>${option}</dd>`);
    }
    const emails = [].concat(service.email || []);
    for (const raw of emails) {
      const email = safeEmail(raw);
      if (!email) continue;
      out.push(`<dt>${say('directory_email')}</dt><dd><a href="mailto:${escapeHtml(encodeURI(email))}">${escapeHtml(email)}</a></dd>`);
    }
    const webs = [].concat(service.web || []);
    for (const raw of webs) {
      const url = safeWebUrl(raw);
      if (!url) continue;
      out.push(`<dt>${say('directory_web')}</dt><dd><a href="${escapeHtml(url)}">${escapeHtml(raw)}</a></dd>`);
    }
    const hours = resolveWording(service.hours_text, audience);
    out.push(`<dt>${say('directory_hours')}</dt><dd>${hours ? escapeHtml(hours) : say('hours_not_published')}</dd>`);
    if (Array.isArray(service.audiences) && service.audiences.length) {
      const names = service.audiences.map((id) => audienceNames.get(id) || id);
      out.push(`<dt>${say('directory_for')}</dt><dd>${escapeHtml(names.join(', '))}</dd>`);
    }
    const age = service.age;
    const ages = ageRange(age);
    if (ages) {
      const range = say(ages.id, ages.values);
      const note = resolveWording(age.note, audience);
      out.push(`<dt>${say('directory_ages')}</dt><dd>${range}${note ? ` (${escapeHtml(note)})` : ''}</dd>`);
    }
    if (Array.isArray(service.localities) && service.localities.length) {
      const names = service.localities.map((id) => localityNames.get(id) || id);
      out.push(`<dt>${say('directory_areas')}</dt><dd>${escapeHtml(names.join('; '))}</dd>`);
    }
    out.push('</dl>');
    const notes = (service.notes || []).map((n) => resolveWording(n, audience)).filter(Boolean);
    if (notes.length) out.push(`<ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
    out.push('</li>');
    return out.join('\n');
  };

  const html = [];
  html.push('<section id="frontdoor-directory" aria-labelledby="frontdoor-directory-title">');
  html.push(`<h2 id="frontdoor-directory-title">${say('directory_title')}</h2>`);
  html.push(`<p>${say('directory_intro')}</p>`);
  if (urgent.length) {
    html.push(`<h3>${say('directory_urgent_title')}</h3>`);
    html.push('<ul>');
    for (const service of urgent) html.push(renderService(service));
    html.push('</ul>');
  }
  if (others.length) {
    html.push(`<h3>${say('directory_services_title')}</h3>`);
    html.push('<ul>');
    for (const service of others) html.push(renderService(service));
    html.push('</ul>');
  }
  const superseded = (directory.superseded_numbers || []).filter((s) => s && s.number);
  if (superseded.length) {
    html.push('<ul>');
    for (const s of superseded) {
      html.push(`<li>${say('directory_superseded', { number: s.number, was: s.was || '' })}</li>`);
    }
    html.push('</ul>');
  }
  if (directory.checked) html.push(`<p>${say('directory_checked', { date: directory.checked })}</p>`);
  html.push('</section>');
  return `${html.join('\n')}\n`;
}

function readJsonIfExists(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

/** Reads DIR/directory.json (+ ui.json, questions.json when present) and renders the directory. */
export function renderDirectoryFromDir(dataDir, { audience = null } = {}) {
  const directory = JSON.parse(readFileSync(join(dataDir, 'directory.json'), 'utf8'));
  const ui = readJsonIfExists(join(dataDir, 'ui.json')) || {};
  const questions = readJsonIfExists(join(dataDir, 'questions.json'));
  return { html: renderDirectory({ directory, ui, questions, audience }), missing: missingWording(ui) };
}

function main(argv) {
  const args = { data: 'data', audience: null, out: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--data' || arg === '--audience' || arg === '--out') {
      if (i + 1 >= argv.length) return usage(`${arg} needs a value`);
      args[arg.slice(2)] = argv[++i];
    } else if (arg === '--help' || arg === '-h') {
      return usage(null, 0);
    } else {
      return usage(`unknown argument: ${arg}`);
    }
  }
  if (args.audience) {
    const audiences = audiencesOf(readJsonIfExists(join(resolve(args.data), 'questions.json')));
    if (!audiences.includes(args.audience)) return usage(`--audience must be one of ${audiences.join(', ')}`);
  }
  let result;
  try {
    result = renderDirectoryFromDir(resolve(args.data), { audience: args.audience });
  } catch (error) {
    process.stderr.write(`fallback: ${error.message}\n`);
    return 1;
  }
  for (const key of result.missing) process.stderr.write(`fallback: warning: ui.json has no "${key}"; using "${WORDING_KEYS[key]}"\n`);
  if (args.out) writeFileSync(args.out, result.html);
  else process.stdout.write(result.html);
  return 0;
}

function usage(problem, code = 2) {
  if (problem) process.stderr.write(`fallback: ${problem}\n`);
  process.stderr.write('usage: node web/fallback.mjs [--data DIR] [--audience AUDIENCE] [--out FILE]\n');
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
