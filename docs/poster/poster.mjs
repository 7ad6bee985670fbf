// Printable "Who to contact about a child in Wiltshire" sheet, generated from data/ only.
//
//   node docs/poster/poster.mjs [--data data] [--out docs/poster]
//   node docs/poster/poster.mjs --check-pdf [--out docs/poster]   (fails if a PDF has too many pages)
//
// Writes who-to-contact-A4.html and who-to-contact-A3.html (self-contained: the print stylesheet
// poster.css is inlined). `make docs` turns them into PDFs with headless Chromium.
// Phone numbers, hours, names and dates come from data/directory.json; wording from data/ui.json,
// then from the "wording" of poster.json (poster-only strings; a key in ui.json wins). This file
// holds no phone number, hour or user-facing sentence.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '../../web/fallback.mjs';
import { resolveWording } from '../../web/components/frontdoor-wizard/wording.js';
import { ageRange, phoneOption } from '../../web/components/frontdoor-wizard/contacts.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The paper variants: one HTML file (and one PDF) each, and the most pages each may take. */
export const PAPERS = ['A4', 'A3'];
export const MAX_PAGES = { A4: 2, A3: 1 };

// The same escaping as the static directory (web/fallback.mjs): one function for both.
export { escapeHtml };

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`poster: cannot read ${path}: ${err.message}`);
  }
}

/** Reads everything the sheet needs. */
export function loadInputs(dataDir, configPath = join(HERE, 'poster.json'), cssPath = join(HERE, 'poster.css')) {
  return {
    directory: readJson(join(dataDir, 'directory.json')),
    ui: readJson(join(dataDir, 'ui.json')),
    config: readJson(configPath),
    css: readFileSync(cssPath, 'utf8'),
  };
}

// Builds the wording lookup: ui.json first, then the poster's own strings. Returns escaped HTML
// with {placeholders} replaced by already-escaped HTML fragments.
function makeText(ui, posterWording) {
  const pick = (key) => {
    const w = key in ui ? ui[key] : posterWording[key];
    if (w === undefined) throw new Error(`poster: no wording "${key}" in data/ui.json or docs/poster/poster.json`);
    // The sheet is for everyone: the default wording (the element's lookup, wording.js).
    return resolveWording(w, null);
  };
  return (key, htmlArgs = {}) =>
    escapeHtml(pick(key)).replace(/\{([a-z_]+)\}/g, (whole, name) => {
      if (!(name in htmlArgs)) throw new Error(`poster: wording "${key}" needs {${name}}`);
      return htmlArgs[name];
    });
}

function formatDate(iso, locale) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) throw new Error(`poster: bad date "${iso}" in data/directory.json`);
  const shown = new Intl.DateTimeFormat(locale || 'en-GB', {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(shown)}</time>`;
}

const withoutScheme = (url) => String(url).replace(/^https?:\/\//, '').replace(/\/$/, '');

function phonesHtml(service, t, { big = false } = {}) {
  if (!service.phones.length) return '';
  const items = service.phones.map((p) => {
    // The label is shown only when it says more than the service name (e.g. "choose option 6").
    const words = (x) => String(x).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    const nameWords = new Set(words(service.name));
    const label = p.label && !words(p.label).every((w) => nameWords.has(w))
      ? ` <span class="phone-label">${escapeHtml(p.label)}</span>` : '';
    // The option as the static directory words it (contacts.js), unless the label already says it.
    const wording = String(p.label).includes(String(p.option)) ? null : phoneOption(p);
    const option = wording ? ` <span class="phone-option">(${t(wording.id, { option: escapeHtml(wording.values.option) })})</span>` : '';
    return `<li><strong class="phone${big ? ' phone-big' : ''}">${escapeHtml(p.number)}</strong>${option}${label}</li>`;
  });
  return `<ul class="phones">${items.join('')}</ul>`;
}

function otherContactsHtml(service, t) {
  const out = [];
  if (service.email) out.push(`<span class="email">${t('contact_email', { value: escapeHtml(service.email) })}</span>`);
  if (service.web && !service.phones.length && !service.email) {
    out.push(`<span class="web">${t('contact_web', { value: escapeHtml(withoutScheme(service.web)) })}</span>`);
  }
  if (!service.phones.length && !out.length) out.push(t('poster_no_phone'));
  return out.length ? `<p class="other-contacts">${out.join('<br>')}</p>` : '';
}

// Directory wording may be per audience ({"default": ..., "young_person": ...}): the sheet is for
// everyone, so it prints the default.
const plain = (w) => (w !== null && typeof w === 'object' ? w.default : w);

function hoursHtml(service, t) {
  if (service.schedule?.kind === 'unknown') return `<span class="hours-unknown">${t('hours_not_published')}</span>`;
  return escapeHtml(plain(service.hours_text));
}

function agesHtml(age, t) {
  const range = ageRange(age);
  if (!range) return '';
  const values = Object.fromEntries(Object.entries(range.values).map(([name, value]) => [name, escapeHtml(value)]));
  return `<span class="ages"><b>${t('directory_ages')}:</b> ${t(range.id, values)}.</span>`;
}

function areasHtml(service, directory) {
  if (!service.localities) return '';
  const names = service.localities.map((id) => {
    const loc = directory.localities.find((l) => l.id === id);
    if (!loc) throw new Error(`poster: service "${service.id}" names unknown locality "${id}"`);
    return escapeHtml(loc.name);
  });
  return names.join(', ');
}

function checkedHtml(service, directory, t, locale) {
  if (!service.checked || service.checked === directory.checked) return '';
  return `<span class="checked">${t('directory_checked', { date: formatDate(service.checked, locale) })}</span>`;
}

function serviceEntry(service, directory, t, locale, { compact = false } = {}) {
  const areas = areasHtml(service, directory);
  const hours = service.schedule?.kind === 'unknown' ? `${hoursHtml(service, t)}.`
    : `<b>${t('directory_hours')}:</b> ${hoursHtml(service, t)}`;
  const meta = [
    agesHtml(service.age, t),
    areas ? `<span class="areas"><b>${t('directory_areas')}:</b> ${areas}.</span>` : '',
    `<span class="hours">${hours}</span>`,
    checkedHtml(service, directory, t, locale),
  ].filter(Boolean).join(' ');
  return `<article class="entry" data-service="${escapeHtml(service.id)}">
  <h3 class="name">${escapeHtml(service.name)}</h3>
  ${phonesHtml(service, t)}${otherContactsHtml(service, t)}
  ${compact ? '' : `<p class="summary">${escapeHtml(plain(service.summary))}</p>`}
  <p class="meta">${meta}</p>
</article>`;
}

// The notes that explain a named part of the schedule (e.g. the Social Work Standby Service).
function scheduleNotes(service) {
  const labels = [...(service.schedule?.weekly ?? []), ...(service.schedule?.holidays ?? [])]
    .map((i) => i.label).filter(Boolean);
  return (service.notes ?? []).map(plain).filter((n) => typeof n === 'string' && labels.some((l) => n.includes(l)));
}

function urgentBox(service, heading, t, extraClass) {
  const notes = scheduleNotes(service).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return `<section class="urgent-box ${extraClass}" data-service="${escapeHtml(service.id)}">
  <h3>${heading}</h3>
  <p class="urgent-name">${escapeHtml(service.name)}</p>
  ${phonesHtml(service, t, { big: true })}
  <p class="urgent-hours"><b>${t('directory_hours')}:</b> ${hoursHtml(service, t)}</p>
  ${notes}
</section>`;
}

/**
 * The sheet as one HTML string.
 * @param {{directory: object, ui: object, config: object, css: string}} inputs  from loadInputs
 * @param {'A4'|'A3'} paper
 * @param {{warn?: (msg: string) => void}} [options]
 */
export function renderPoster({ directory, ui, config, css }, paper = 'A4', { warn = () => {} } = {}) {
  if (!PAPERS.includes(paper)) throw new Error(`poster: unknown paper "${paper}" (use ${PAPERS.join(' or ')})`);
  const t = makeText(ui, config.wording ?? {});
  const locale = ui.date_locale;
  const byId = new Map(directory.services.map((s) => [s.id, s]));
  const need = (id, where) => {
    const s = byId.get(id);
    if (!s) throw new Error(`poster: ${where} names service "${id}", which is not in data/directory.json`);
    return s;
  };

  const danger = need(config.top.danger, 'poster.json top.danger');
  const inHours = need(config.top.in_hours, 'poster.json top.in_hours');
  const outOfHours = need(config.top.out_of_hours, 'poster.json top.out_of_hours');
  const dangerNumber = danger.phones[0]?.number;
  if (!dangerNumber) throw new Error(`poster: service "${danger.id}" has no phone number`);
  if (ui.danger_number && ui.danger_number !== dangerNumber) {
    throw new Error(`poster: data/ui.json danger_number "${ui.danger_number}" differs from service "${danger.id}" (${dangerNumber})`);
  }

  // Every service appears once: the top three, then the configured groups; a service that no
  // group lists goes to the group of its audience, so a new service is never left off.
  const placed = new Set([danger.id, inHours.id, outOfHours.id]);
  const groups = config.groups.map((g) => ({ ...g, members: [] }));
  for (const g of groups) {
    for (const id of g.services) {
      if (placed.has(id)) throw new Error(`poster: poster.json lists service "${id}" twice`);
      placed.add(id);
      g.members.push(need(id, `poster.json group "${g.id}"`));
    }
  }
  for (const s of directory.services) {
    if (placed.has(s.id)) continue;
    const audience = s.audiences.includes('parent') || s.audiences.includes('public') ? 'families'
      : s.audiences.includes('young_person') ? 'young-people' : 'professionals';
    const g = groups.find((x) => x.id === audience) ?? groups[groups.length - 1];
    warn(`poster: service "${s.id}" is in no poster.json group; shown under "${g.id}"`);
    g.members.push(s);
    placed.add(s.id);
  }

  // Which towns are in which area: shown once, above the first group with area teams.
  const usedLocalities = new Set(directory.services.flatMap((s) => s.localities ?? []));
  const areasKey = `<ul class="areas-key">${directory.localities.filter((l) => usedLocalities.has(l.id)).map((l) =>
    `<li>${t('poster_areas_key', { name: `<b>${escapeHtml(l.name)}</b>`, towns: l.towns.map(escapeHtml).join(', ') })}</li>`).join('')}</ul>`;
  const keyGroup = groups.find((g) => g.members.some((s) => s.localities));

  const groupHtml = groups.filter((g) => g.members.length).map((g) => `<section class="group" id="group-${escapeHtml(g.id)}">
<h2>${t(g.heading)}</h2>
${g.summary ? `<p class="group-summary">${t(g.summary)}</p>` : ''}
${g === keyGroup ? areasKey : ''}
${g.members.map((s) => serviceEntry(s, directory, t, locale, { compact: Boolean(g.compact) })).join('\n')}
</section>`).join('\n');

  const sources = [...new Set(directory.services.map((s) => s.source).filter(Boolean))];
  const sourcesHtml = sources.map((u) => escapeHtml(withoutScheme(u))).join(', ');

  const title = t('poster_title');
  return `<!doctype html>
<html lang="${escapeHtml((locale || 'en-GB').split('-')[0])}" class="sheet sheet-${paper.toLowerCase()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('poster_page_title', { paper: escapeHtml(paper) })}</title>
<style>
@page { size: ${paper} portrait; }
${css}
</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p class="checked-line"><b class="last-checked">${t('last_checked', { date: formatDate(directory.checked, locale) })}.</b>
  <span class="sources">${t('poster_source', { url: sourcesHtml })}</span></p>
<section class="danger" data-service="${escapeHtml(danger.id)}">
  <p class="danger-line">${t('poster_danger', { number: `<strong class="phone phone-danger">${escapeHtml(dangerNumber)}</strong>` })}</p>
  <p class="danger-detail">${escapeHtml(danger.phones[0].label)}. ${escapeHtml(plain(danger.hours_text))}.</p>
</section>
<h2 class="urgent-title">${t('directory_urgent_title')}</h2>
<div class="urgent">
${urgentBox(inHours, t('poster_in_hours'), t, 'in-hours')}
${urgentBox(outOfHours, t('poster_out_of_hours'), t, 'out-of-hours')}
</div>
<div class="groups">
${groupHtml}
</div>
</main>
</body>
</html>
`;
}

/**
 * Writes who-to-contact-<paper>.html for every paper into outDir; returns the paths written.
 */
export function writePosters({ dataDir = 'data', outDir = HERE, configPath, cssPath, warn = (m) => console.warn(m) } = {}) {
  const inputs = loadInputs(dataDir, configPath, cssPath);
  mkdirSync(outDir, { recursive: true });
  const warned = new Set();
  const once = (msg) => { if (!warned.has(msg)) { warned.add(msg); warn(msg); } };
  return PAPERS.map((paper) => {
    const file = join(outDir, `who-to-contact-${paper}.html`);
    writeFileSync(file, renderPoster(inputs, paper, { warn: once }));
    return file;
  });
}

/** Pages of a PDF written by Chromium (its page tree's /Count). */
export function pdfPageCount(path) {
  const m = /\/Type\s*\/Pages\b[^]*?\/Count\s+(\d+)/.exec(readFileSync(path, 'latin1'));
  if (!m) throw new Error(`poster: ${path} does not look like a PDF`);
  return Number(m[1]);
}

/** Checks who-to-contact-<paper>.pdf in dir against MAX_PAGES; returns the problems. */
export function checkPdfs(dir) {
  return PAPERS.flatMap((paper) => {
    const file = join(dir, `who-to-contact-${paper}.pdf`);
    const pages = pdfPageCount(file);
    return pages > MAX_PAGES[paper]
      ? [`poster: ${file} has ${pages} pages; at most ${MAX_PAGES[paper]} fit a noticeboard. Tighten docs/poster/poster.css (font-size of html.sheet-${paper.toLowerCase()}).`]
      : [];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  try {
    if (args.includes('--check-pdf')) {
      const problems = checkPdfs(opt('--out', HERE));
      for (const p of problems) console.error(p);
      process.exit(problems.length ? 1 : 0);
    }
    for (const f of writePosters({ dataDir: opt('--data', 'data'), outDir: opt('--out', HERE) })) console.log(`wrote ${f}`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
