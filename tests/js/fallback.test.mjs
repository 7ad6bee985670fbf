// The static fallback directory (web/fallback.mjs): built from data/, useful without JavaScript.
// Numbers and wording are read from data/ here, never written into the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml, renderDirectory, renderDirectoryFromDir, telHref } from '../../web/fallback.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = join(ROOT, 'data');
const readJson = (name) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));

const directory = readJson('directory.json');
const ui = readJson('ui.json');
const { html } = renderDirectoryFromDir(DATA);

function wording(key) {
  const value = ui[key];
  return typeof value === 'string' ? value : value.default;
}

/** The service whose phone is a short code such as 999. */
function emergencyService() {
  const codes = new Set(directory.short_codes);
  const found = directory.services.find((s) => (s.phones || []).some((p) => codes.has(p.number)));
  assert.ok(found, 'directory.json has a service with a short-code phone (999)');
  return found;
}

function service(id) {
  const found = directory.services.find((s) => s.id === id);
  assert.ok(found, `directory.json has a service "${id}"`);
  return found;
}

/** The HTML of one service's list item. */
function itemOf(id) {
  const match = new RegExp(`<li id="frontdoor-directory-${id}">([\\s\\S]*?)</dl>`).exec(html);
  assert.ok(match, `the directory has an entry for ${id}`);
  return match[1];
}

test('the directory is one section with the documented id and no script, style or handler', () => {
  assert.match(html, /^<section id="frontdoor-directory"[^>]*>/);
  assert.match(html.trim(), /<\/section>$/);
  assert.equal(html.match(/<section/g).length, 1);
  assert.doesNotMatch(html, /<script|<style|\sstyle=|\son[a-z]+=/i);
});

test('999, MASH and Out of Hours come first, with their numbers as printed and their hours', () => {
  const urgent = [emergencyService(), service('mash'), service('out-of-hours')];
  let last = -1;
  for (const s of urgent) {
    const at = html.indexOf(`<li id="frontdoor-directory-${s.id}">`);
    assert.ok(at > last, `${s.id} is listed after the previous urgent service`);
    last = at;
    const item = itemOf(s.id);
    assert.ok(s.phones.length > 0, `${s.id} has a phone in the data`);
    for (const phone of s.phones) {
      const digits = phone.number.replace(/\s/g, '');
      assert.ok(item.includes(`<a href="tel:${digits}">${escapeHtml(phone.number)}</a>`),
        `${s.id}: ${phone.number} is a tel: link showing the number as printed`);
    }
    if (s.hours_text) {
      const hours = typeof s.hours_text === 'string' ? s.hours_text : s.hours_text.default;
      assert.ok(item.includes(escapeHtml(hours)), `${s.id}: hours_text is shown`);
    }
  }
  const others = directory.services.filter((s) => !urgent.includes(s));
  for (const s of others) {
    assert.ok(html.indexOf(`<li id="frontdoor-directory-${s.id}">`) > last, `${s.id} comes after the urgent services`);
  }
});

test('every service is listed with every phone, and unpublished hours are said so', () => {
  const notPublished = escapeHtml(wording('hours_not_published'));
  for (const s of directory.services) {
    const item = itemOf(s.id);
    const name = typeof s.name === 'string' ? s.name : s.name.default;
    assert.ok(item.includes(`<h4>${escapeHtml(name)}</h4>`), `${s.id}: name`);
    for (const phone of s.phones || []) {
      assert.ok(item.includes(`href="${telHref(phone.number)}"`), `${s.id}: ${phone.number}`);
      if (phone.option !== null && phone.option !== undefined) {
        assert.ok(item.includes(escapeHtml(wording('directory_option').replace('{option}', phone.option))), `${s.id}: option ${phone.option}`);
      }
    }
    if (!s.hours_text) assert.ok(item.includes(notPublished), `${s.id}: says hours are not published`);
    if (s.email) assert.ok(item.includes(`mailto:${s.email}`), `${s.id}: email link`);
    if (s.age && Number.isInteger(s.age.min) && Number.isInteger(s.age.max)) {
      const range = wording('directory_age_range').replace('{min}', s.age.min).replace('{max}', s.age.max);
      assert.ok(item.includes(escapeHtml(range)), `${s.id}: ages ${range}`);
    }
  }
});

test('tel: links keep only the digits of the printed number', () => {
  assert.equal(telHref('0300 456 0108'), 'tel:03004560108');
  assert.equal(telHref('999'), 'tel:999');
});

test('text from the data is escaped, and unsafe links are not made into links', () => {
  const copy = structuredClone(directory);
  const base = copy.services.find((s) => s.id === 'mash');
  copy.services.push({
    ...structuredClone(base),
    id: 'evil-test',
    name: '<script>alert("x")</script> & <b>bold</b>',
    summary: 'Fish & chips <img src=x onerror=alert(1)>',
    hours_text: 'Mon "9" to 5 <i>',
    web: 'javascript:alert(1)',
    email: 'a"onmouseover="x@example.org',
    phones: [{ number: '0300 456 0108', label: '<u>Line</u>', option: '<6>' }],
  });
  const out = renderDirectory({ directory: copy, ui });
  assert.doesNotMatch(out, /<script|<b>|<img|<i>|<u>|javascript:|onmouseover="/i);
  assert.ok(out.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'));
  assert.ok(out.includes('Fish &amp; chips &lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(out.includes('Mon &quot;9&quot; to 5 &lt;i&gt;'));
  assert.ok(out.includes('&lt;u&gt;Line&lt;/u&gt;'));
  assert.ok(out.includes('&lt;6&gt;'));
});

test('per-audience wording is resolved for the audience asked for', () => {
  const copy = structuredClone(directory);
  copy.services[0].summary = { default: 'Summary for everyone', professional: 'Summary for professionals' };
  assert.ok(renderDirectory({ directory: copy, ui, audience: 'professional' }).includes('Summary for professionals'));
  assert.ok(renderDirectory({ directory: copy, ui }).includes('Summary for everyone'));
});

test('the CLI prints the same HTML and rejects bad arguments', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'web', 'fallback.mjs'), '--data', DATA], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, html);
  const bad = spawnSync(process.execPath, [join(ROOT, 'web', 'fallback.mjs'), '--nope'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown argument: --nope/);
});
