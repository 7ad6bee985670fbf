/**
 * element.js: the <frontdoor-wizard> class: lifecycle, settings, start and fallback, asking the
 * core and showing its answer. Rendering, prepared answers, the record, exit-this-page and the
 * kiosk idle reset are mixed in from their own modules (docs/web.md lists them).
 */
import { makeTranslator, resolveWording } from './wording.js';
import { dateWords, formatDate, formatLondonDay, isoInstant, londonParts } from './london-time.js';
import { clockNow, serverClock } from './clock.js';
import { flowAnswer, flowBack, flowChange, flowFacts, flowReset, newFlow } from './flow.js';
import { answerKey, matchTown, replayAnswer, townsOf } from './answers.js';
import { DEFAULT_EXIT_URL, DEFAULT_HEADING_LEVEL, DEFAULT_IDLE_SECONDS, FACT_ATTRIBUTES, checkAttribute } from './attributes.js';
import { audiencesOf, bundleFiles, firstScreen, firstScreenMatches, startFor } from './bundle.js';
import { startCore } from './worker-protocol.js';
import { afterPaint, h, nextPaint, setAttr } from './dom.js';
import { outcomeKey, outcomeMethods } from './render-outcome.js';
import { chromeMethods } from './render-chrome.js';
import { questionMethods } from './render-question.js';
import { preparedMethods } from './prepared.js';
import { recordMethods } from './record.js';
import { exitMethods } from './exit-this-page.js';
import { idleMethods } from './kiosk-idle.js';
import { kioskCallMethods } from './kiosk-call.js';
import { historyMethods } from './history.js';
import { EVENTS, emit, screenEvent } from './events.js';

/**
 * The input that counts as someone at the kiosk (kiosk-idle.js): any pointer, key, touch, typing
 * or change. `change` is not composed: it is heard on the shadow root too (_build).
 */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'input', 'change', 'wheel'];

/** How long an answer waits for the core (still loading) before the static directory shows. */
export const CORE_WAIT_MS = 5000;
/** How often an outcome on screen is checked against the clock. */
export const REFRESH_MS = 60000;

/** Shown only when the data bundle (and so ui.json) could not be used. */
export const LAST_RESORT_MESSAGE = 'The contact wizard could not start. Use the list of contacts below.';

/**
 * The <frontdoor-wizard> class (not yet registered: frontdoor-wizard.js does that).
 * @param {{css?: string, first?: object|null, qr?: object|null}} [options] the stylesheet as text
 *   (the build imports frontdoor-wizard.css minified), the build's copy of the first screen
 *   (bundle.js) and the kiosk's QR codes of the numbers to call (kiosk-call.js; null in dist/web)
 * @returns {CustomElementConstructor}
 */
export function defineElement({ css = null, first: shippedFirst = null, qr = null } = {}) {
  const Base = globalThis.HTMLElement;
  /** The constructed stylesheet shared by the elements of this definition (_sheet). */
  let sharedSheet;

  class FrontdoorWizard extends Base {
    static get observedAttributes() {
      return ['src', 'audience', 'area', 'child-age', 'kiosk', 'idle-seconds', 'exit-url', 'heading-level'];
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
      this._onPopState = (event) => this._popState(event);
      this._onPageShow = (event) => this._pageShow(event);
      this._historyStep = 0;
    }

    // -- lifecycle ------------------------------------------------------------------------

    connectedCallback() {
      this._wired = true;
      const doc = this.ownerDocument;
      doc.addEventListener('keyup', this._onKeyUp, true);
      doc.addEventListener('visibilitychange', this._onVisible);
      for (const type of ACTIVITY_EVENTS) {
        this.addEventListener(type, this._onActivity, { passive: true });
      }
      const view = doc.defaultView;
      if (view) {
        view.addEventListener('popstate', this._onPopState);
        view.addEventListener('pageshow', this._onPageShow);
      }
      // A step entry of an earlier visit: the page goes back to its own entry instead.
      if (this._historyConnect()) return;
      this._scheduleStart();
    }

    disconnectedCallback() {
      const doc = this.ownerDocument;
      const view = doc.defaultView;
      if (view) {
        view.removeEventListener('popstate', this._onPopState);
        view.removeEventListener('pageshow', this._onPageShow);
      }
      doc.removeEventListener('keyup', this._onKeyUp, true);
      doc.removeEventListener('visibilitychange', this._onVisible);
      for (const type of ACTIVITY_EVENTS) {
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
      else if (name === 'heading-level') this._redrawHeadings();
    }

    /** The screen on show drawn again with the new heading level (nothing else changes). */
    _redrawHeadings() {
      const shown = this._response;
      if (!this._built || !shown || this._els.screen.hidden) return;
      const hadFocus = this._els.screen.contains(this._root.activeElement);
      if (shown.next_question) this._renderQuestion(shown.next_question);
      else this._renderOutcome(shown);
      if (hadFocus) this._focusHeading();
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
    /** The build's QR codes by `tel:` href (kiosk-call.js), or null (dist/web has none). */
    get _kioskQr() { return qr; }

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

    get _headingLevel() { return this._attr('heading-level') ?? DEFAULT_HEADING_LEVEL; }

    /**
     * The tag of a heading `rank` levels under the element's top heading (1: the question or
     * outcome heading): the host page's `heading-level` shifts them all, down to h6.
     */
    _headingTag(rank = 1) {
      return `h${Math.min(6, this._headingLevel + rank - 1)}`;
    }

    get _audience() {
      const facts = flowFacts(this._flow);
      return typeof facts.audience === 'string' ? facts.audience : null;
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
      els.bar = h(doc, 'div', { class: 'fd-exit-bar' });
      els.header = h(doc, 'div', { class: 'fd-header' });
      els.screen = h(doc, 'div', { class: 'fd-screen' });
      els.idle = h(doc, 'div', { class: 'fd-idle', hidden: true });
      els.wizard.append(els.bar, els.header, els.screen, els.idle);

      els.messageText = h(doc, 'span', { class: 'fd-fallback-text' });
      els.message = h(doc, 'p', { class: 'fd-fallback-message', hidden: true }, els.messageText);
      els.fallback = h(doc, 'div', { class: 'fd-fallback', part: 'fallback' }, h(doc, 'slot'));
      els.live = h(doc, 'div', { class: 'fd-visually-hidden', 'aria-live': 'polite', id: 'fd-live' });
      els.alert = h(doc, 'div', { class: 'fd-visually-hidden', 'aria-live': 'assertive', id: 'fd-alert' });
      root.append(els.wizard, els.message, els.fallback, els.live, els.alert);
      root.addEventListener('change', this._onActivity, { passive: true });
    }

    /**
     * The element's stylesheet as a constructed sheet, made once from `css` (both builds
     * import frontdoor-wizard.css into the script as text, so the first screen is styled
     * the moment it is shown); null when it cannot be had: the wizard then shows unstyled rather
     * than not at all.
     */
    _sheet() {
      // One sheet for every element of the page: parsed once (10-17 ms at 4x), not per element.
      if (sharedSheet !== undefined) return sharedSheet;
      sharedSheet = null;
      try {
        if (typeof css !== 'string') {
          throw new Error('no stylesheet: use the frontdoor-wizard.js that web/build.mjs makes');
        }
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sharedSheet = sheet;
      } catch (error) {
        console.error('frontdoor-wizard: the stylesheet could not be used:', error && error.message ? error.message : error);
      }
      return sharedSheet;
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
        void this._headingLevel;
        const src = this._attr('src');
        if (src === undefined) {
          if (!this.hasAttribute('src')) console.error('frontdoor-wizard: attribute src is missing: give the URL of frontdoor-data.json.');
          throw new Error('no data bundle');
        }
        // Nothing pre-filled: the first screen comes from the script (below).
        const early = Object.keys(given).length ? null : firstScreen(shippedFirst);
        // With that screen on show, the bundle's and the wasm's requests are made once it is
        // painted (afterPaint): the page's first fetch() sets up the Fetch API, 10-20 ms at 4x in
        // the task that shows the first question. The preload links have both downloads running already, and
        // the worker, started now, takes longer to boot than a frame.
        const painted = early ? afterPaint() : null;
        // The bundle first (the first question is in it), then the wasm is fetched and compiled
        // (in a worker when it can) while the bundle comes.
        const bundlePromise = this._loadBundle(src, painted);
        this._closeCore();
        this._coreReady = waitCore;
        const corePromise = startCore(painted);
        this._pendingCore = corePromise;
        corePromise.then((core) => {
          if (this._pendingCore !== corePromise && core && core.close) core.close();
        }, () => {});

        // Nothing pre-filled: the first screen now, from the script, before the page lays out
        // its static directory; checked against the bundle below.
        if (early) {
          this._ui = early.ui;
          this._flow = newFlow({});
          this._showResponse({ ok: true, next_question: early.start }, { focus: false });
        }

        const { bundle, text } = await bundlePromise;
        if (run !== this._run) return;
        const { files, ui, directory, questions } = bundleFiles(bundle);
        const same = early !== null && firstScreenMatches(early, bundle, ui);
        this._ui = ui;
        this._towns = townsOf(directory);

        const prefill = { ...given };
        const audiences = audiencesOf(questions);
        if (prefill.audience !== undefined && audiences.length) {
          const checked = checkAttribute('audience', prefill.audience, this.ownerDocument.baseURI, audiences);
          if (checked.error) {
            this._report(`audience=${prefill.audience}`, checked.error);
            delete prefill.audience;
          }
        }
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
          // A worker gets the bundle as the text it came as: a string is copied at once, where the
          // parsed files would be cloned object by object on both sides (tens of ms at 4x).
          const loaded = await (core.loadText && text !== null ? core.loadText(text) : core.load(files));
          if (!loaded || loaded.ok !== true) throw new Error(`the core refused the data: ${describeErrors(loaded)}`);
          if (run === this._run) {
            this._core = core;
            emit(this, EVENTS.ready, {});
          }
          return core;
        })();
        ready.then(coreReady.resolve, coreReady.reject);

        const first = startFor(bundle, prefill);
        // Once the core is ready: make now what the first outcome would otherwise make (date
        // formatters, the locale check), so that answer is not the slow one. Not sooner: the first
        // use of Intl is one long task (ICU's data) that held back the core's replies (_warmUp).
        const warmUp = () => setTimeout(() => { if (run === this._run) this._warmUp(run); }, 0);
        const whenReady = () => ready.then(() => {
          if (run !== this._run) return;
          this._idleCheck();
          // The question shown before the core was ready, unless it has been answered meanwhile.
          const shown = this._response;
          if (shown && shown.next_question && this._prepared && this._prepared.flow === undefined && this._shownFlow === this._flow) this._prepare(shown.next_question);
          warmUp();
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
          warmUp();
        }
      } catch (error) {
        coreReady.reject(error);
        if (run === this._run) this._fail(error);
      }
    }

    /** Ends the worker of an earlier start (a new src or attribute, or the element removed). */
    _closeCore() {
      const old = this._core;
      const pending = this._pendingCore;
      this._core = null;
      this._coreReady = null;
      this._pendingCore = null;
      if (old && old.close) old.close();
      // A core started but not yet given the data (or not yet started) is ended too, whenever
      // it is ready: else its worker would outlive an element removed from the page.
      if (pending) pending.then((core) => { if (core && core.close) core.close(); }, () => {});
    }

    /**
     * Each formatter in a task of its own: making one can take 10 ms, and no task should be long.
     * The first use of Intl in a page loads ICU's data (50-120 ms, one task): a core in a worker
     * does that first (worker.js `warm`), off the page's main thread, as the data is shared.
     */
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
      const core = this._core;
      const asked = this._ui && typeof this._ui.date_locale === 'string' ? this._ui.date_locale : 'en-GB';
      if (core && core.warm) core.warm(asked, now).then(step, step);
      else step();
    }

    /** The data bundle and its text; a URL is fetched once `after` (a promise, or null) settles. */
    async _loadBundle(src, after = null) {
      if (src.startsWith('#')) {
        const id = src.slice(1);
        const rootNode = this.getRootNode();
        const script = (rootNode && typeof rootNode.getElementById === 'function' ? rootNode.getElementById(id) : null)
          || this.ownerDocument.getElementById(id);
        if (!script) throw new Error(`no element with id "${id}" for src="${src}"`);
        const text = script.textContent;
        return { bundle: JSON.parse(text), text };
      }
      const url = new URL(src, this.ownerDocument.baseURI);
      if (after) await after;
      const response = await fetch(url.href, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`${url.href} answered HTTP ${response.status}`);
      // The text too, for the core's worker (_start).
      const text = await response.text();
      const bundle = JSON.parse(text);
      this._readClock(response, url.href);
      return { bundle, text };
    }

    /** Something failed: the static directory comes back, with a line saying so. */
    _fail(error) {
      console.error('frontdoor-wizard: showing the static directory instead of the wizard:', error && error.message ? error.message : error);
      const t = this._ui ? this._t() : null;
      const message = t && t.has('fallback_message') ? t('fallback_message') : LAST_RESORT_MESSAGE;
      this._showFallback(message);
      this._lastScreenEvent = null;
      emit(this, EVENTS.fallback, {});
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
      els.messageText.textContent = message || '';
    }

    _showWizard() {
      const els = this._els;
      // Only what changes (setAttr): setting `hidden` again still restyles the node.
      for (const node of [els.message, els.fallback]) setAttr(node, 'hidden', '');
      for (const node of [els.screen, els.wizard]) setAttr(node, 'hidden', null);
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
      this._historySync();
      this._announceScreen(response);
      this._prepare(response.next_question || null);
    }

    /** Tells the host page which screen is up (events.js), once per screen. */
    _announceScreen(response) {
      const { type, detail } = screenEvent(response, this._flow.answers.length);
      const key = JSON.stringify([type, detail]);
      if (key === this._lastScreenEvent) return;
      this._lastScreenEvent = key;
      emit(this, type, detail);
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
      if (!heading) return;
      // The question heading is kept from question to question, and a screen reader reads a
      // heading when it gains focus, not when its text changes: focused already, it gains it anew.
      if (this._root.activeElement === heading) heading.blur();
      heading.focus();
    }

    /** The answer `{fact, value, question, label}` recorded in the flow. */
    _answerOf(question, value, label) {
      return { fact: question.fact, value, question: resolveWording(question.text, this._audience) || question.fact, label };
    }

    _answer(question, option, label) {
      // A new answer: Forward has nothing left to restore (pushState drops those entries too).
      this._historyAhead = null;
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
      // Through the browser's history when the entry is the element's (history.js _popState).
      if (this._historyBack()) return;
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
      this._historyReset();
      this._hideIdle();
      this._advance({ focus });
    }


    // -- announcements ------------------------------------------------------------------------

    _announce(text, assertive = false) {
      const region = assertive ? this._els.alert : this._els.live;
      // Set at once (no timer: a page's fake clock must not hold messages back); the same
      // message twice differs by a no-break space so it is announced again.
      region.textContent = region.textContent === text ? `${text}\u00a0` : text;
    }


  }

  // The rest of the class, one module per responsibility (docs/web.md): getters kept as getters.
  for (const methods of [chromeMethods, questionMethods, outcomeMethods, preparedMethods, recordMethods, exitMethods, idleMethods, kioskCallMethods, historyMethods]) {
    Object.defineProperties(FrontdoorWizard.prototype, Object.getOwnPropertyDescriptors(methods));
  }
  return FrontdoorWizard;
}


/** The core's errors of a response in one line, for the console. */
export function describeErrors(response) {
  if (!response || !Array.isArray(response.errors)) return 'no response';
  return response.errors.map((e) => `${e.where ? `${e.where}: ` : ''}${e.message || e.id}`).join('; ');
}
