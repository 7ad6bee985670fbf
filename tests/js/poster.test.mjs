// The printable contact sheet (docs/poster/poster.mjs) checked against data/: every phone number
// as printed, 999 first, MASH and Out of Hours with their hours, the last-checked date, text
// escaped, no superseded number, no service left off. Generates into a temporary folder.
// Run: node --test tests/js/   (no browser needed; `make docs` makes the PDFs)
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAPERS, escapeHtml, writePosters } from '../../docs/poster/poster.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = resolve(ROOT, process.env.FRONTDOOR_DATA_DIR ?? 'data');
const directory = JSON.parse(readFileSync(join(DATA, 'directory.json'), 'utf8'));
const ui = JSON.parse(readFileSync(join(DATA, 'ui.json'), 'utf8'));
const service = (id) => directory.services.find((s) => s.id === id);
/** The default of per-audience wording: the sheet is for everyone. */
const plain = (w) => (w !== null && typeof w === 'object' ? w.default : w);

let tmp;
const html = {};
const warnings = [];

/** The markup of the element that carries data-service="id" (an entry or an urgent box). */
function block(page, id) {
  const start = page.indexOf(`data-service="${id}"`);
  assert.ok(start >= 0, `service "${id}" is not on the sheet`);
  const ends = ['</article>', '</section>'].map((e) => page.indexOf(e, start)).filter((i) => i >= 0);
  return page.slice(start, Math.min(...ends));
}

/** Copies data/ to a temporary folder, lets `change` edit directory.json, returns the folder. */
function dataCopy(change) {
  const dir = mkdtempSync(join(tmpdir(), 'poster-data-'));
  cpSync(DATA, dir, { recursive: true });
  const d = JSON.parse(readFileSync(join(dir, 'directory.json'), 'utf8'));
  change(d);
  writeFileSync(join(dir, 'directory.json'), JSON.stringify(d));
  return dir;
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'poster-'));
  const files = writePosters({ dataDir: DATA, outDir: tmp, warn: (m) => warnings.push(m) });
  assert.equal(files.length, PAPERS.length);
  for (const paper of PAPERS) html[paper] = readFileSync(join(tmp, `who-to-contact-${paper}.html`), 'utf8');
});

after(() => rmSync(tmp, { recursive: true, force: true }));

describe('contact sheet from data/', () => {
  for (const paper of PAPERS) {
    describe(paper, () => {
      test('prints for its paper size', () => {
        assert.match(html[paper], new RegExp(`@page \\{ size: ${paper}\\b`));
        assert.match(html[paper], new RegExp(`class="sheet sheet-${paper.toLowerCase()}"`));
      });

      test('every service is on it once, with every phone number as printed', () => {
        for (const s of directory.services) {
          assert.equal(html[paper].split(`data-service="${s.id}"`).length - 1, 1, `service ${s.id}`);
          const b = block(html[paper], s.id);
          // 999 is shown as the danger line with its label; every other service by name.
          const named = s.id === 'emergency-999' ? s.phones[0].label : s.name;
          assert.ok(b.includes(escapeHtml(named)), `name of ${s.id}`);
          for (const p of s.phones) {
            assert.ok(b.includes(`>${p.number}</strong>`), `${s.id}: ${p.number} as printed`);
          }
          if (s.email) assert.ok(b.includes(escapeHtml(s.email)), `${s.id}: email`);
        }
      });

      test('999 comes first, then MASH, then Out of Hours, then the other services', () => {
        const body = html[paper].slice(html[paper].indexOf('<body>'));
        const firstPhone = /<strong class="phone[^"]*">([^<]+)<\/strong>/.exec(body);
        assert.equal(firstPhone[1], service('emergency-999').phones[0].number);
        assert.equal(firstPhone[1], ui.danger_number);
        const at = (id) => body.indexOf(`data-service="${id}"`);
        assert.ok(at('emergency-999') < at('mash'));
        assert.ok(at('mash') < at('out-of-hours'));
        const others = directory.services.filter((s) => !['emergency-999', 'mash', 'out-of-hours'].includes(s.id));
        for (const s of others) assert.ok(at('out-of-hours') < at(s.id), `${s.id} after Out of Hours`);
      });

      test('MASH and Out of Hours show their hours, and the Social Work Standby note', () => {
        for (const id of ['mash', 'out-of-hours']) {
          assert.ok(block(html[paper], id).includes(escapeHtml(plain(service(id).hours_text))), `${id} hours_text`);
        }
        const ooh = service('out-of-hours');
        const standby = ooh.schedule.weekly.find((i) => i.label)?.label;
        assert.ok(standby, 'the Out of Hours schedule names who answers at night');
        const note = ooh.notes.map(plain).find((n) => n.includes(standby));
        assert.ok(note, 'data has a note about the standby service');
        assert.ok(block(html[paper], 'out-of-hours').includes(escapeHtml(note)));
      });

      test('hours are the data\'s, or "hours not published"', () => {
        for (const s of directory.services) {
          const b = block(html[paper], s.id);
          if (s.schedule.kind === 'unknown') assert.ok(b.includes(escapeHtml(ui.hours_not_published)), s.id);
          else assert.ok(b.includes(escapeHtml(plain(s.hours_text))), s.id);
        }
      });

      test('shows the last-checked date and the sources', () => {
        const shown = new Intl.DateTimeFormat(ui.date_locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
          .format(new Date(`${directory.checked}T12:00:00Z`));
        assert.ok(html[paper].includes(`<time datetime="${directory.checked}">${shown}</time>`));
        const words = escapeHtml(ui.last_checked.split('{date}')[0]);
        assert.ok(html[paper].includes(words), 'the last_checked wording of ui.json');
        for (const s of directory.services) {
          assert.ok(html[paper].includes(escapeHtml(s.source.replace(/^https?:\/\//, ''))), `source of ${s.id}`);
        }
      });

      test('never shows a superseded number, a QR code or a picture', () => {
        for (const old of directory.superseded_numbers) assert.ok(!html[paper].includes(old.number), old.number);
        assert.doesNotMatch(html[paper], /<(img|svg|canvas|script)\b/i);
      });
    });
  }

  test('every service is placed without a warning', () => {
    assert.deepEqual(warnings, []);
  });
});

describe('generator', () => {
  test('its sources hold no phone number and no hours', () => {
    const here = join(ROOT, 'docs', 'poster');
    for (const f of ['poster.mjs', 'poster.json', 'poster.css']) {
      const text = readFileSync(join(here, f), 'utf8');
      const digits = text.replace(/\s+/g, '');
      for (const s of directory.services) {
        for (const p of s.phones.filter((x) => x.number.replace(/ /g, '').length > 3)) {
          assert.ok(!digits.includes(p.number.replace(/ /g, '')), `${f} contains ${p.number}`);
        }
      }
      assert.doesNotMatch(text, /\b\d{1,2}[.:]\d{2}\s*(am|pm)\b|\b\d{1,2}\s*(am|pm)\b/i, `${f} contains an hour`);
    }
  });

  test('escapes text from data', () => {
    const dir = dataCopy((d) => {
      const s = d.services.find((x) => x.id === 'disabled-children');
      s.name = 'Team <b>bold</b> & "co"';
      s.summary = '<script>alert(1)</script>';
      s.phones[0].label = "It's <i>here</i>";
      d.services.find((x) => x.id === 'mash').hours_text = 'Mon <u>to</u> Fri';
    });
    const out = mkdtempSync(join(tmpdir(), 'poster-out-'));
    try {
      writePosters({ dataDir: dir, outDir: out, warn: () => {} });
      const page = readFileSync(join(out, 'who-to-contact-A4.html'), 'utf8');
      assert.ok(page.includes('Team &lt;b&gt;bold&lt;/b&gt; &amp; &quot;co&quot;'));
      assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(page.includes('It&#39;s &lt;i&gt;here&lt;/i&gt;'));
      assert.ok(page.includes('Mon &lt;u&gt;to&lt;/u&gt; Fri'));
      assert.ok(!page.includes('<b>bold</b>') && !page.includes('<script>') && !page.includes('<u>to</u>'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a service that no group lists is still printed, with a warning', () => {
    const dir = dataCopy((d) => {
      d.services.push({ ...d.services.find((x) => x.id === 'send-duty'), id: 'new-service', name: 'New service',
        phones: [{ number: '01234 567890', label: 'New service', option: null }] });
    });
    const out = mkdtempSync(join(tmpdir(), 'poster-out-'));
    const seen = [];
    try {
      writePosters({ dataDir: dir, outDir: out, warn: (m) => seen.push(m) });
      const page = readFileSync(join(out, 'who-to-contact-A3.html'), 'utf8');
      assert.ok(block(page, 'new-service').includes('>01234 567890</strong>'));
      assert.equal(seen.length, 1);
      assert.match(seen[0], /new-service/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a missing top service is an error naming it', () => {
    const dir = dataCopy((d) => { d.services = d.services.filter((x) => x.id !== 'out-of-hours'); });
    const out = mkdtempSync(join(tmpdir(), 'poster-out-'));
    try {
      assert.throws(() => writePosters({ dataDir: dir, outDir: out, warn: () => {} }), /out-of-hours/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});
