/**
 * exit-this-page.js: "Exit this page": the button and Shift pressed three times (GOV.UK rules),
 * leaving the page with nothing left behind (kiosk: start again instead).
 */
import { flowReset } from './flow.js';
import { EVENTS, emit } from './events.js';

/** Shift presses that exit (GOV.UK Exit this page). */
export const SHIFT_PRESSES = 3;
/** The presses count within this time of the first. */
export const SHIFT_WINDOW_MS = 5000;

/**
 * "Exit this page" by keyboard: Shift pressed SHIFT_PRESSES times within SHIFT_WINDOW_MS of the
 * first press. Returns the new state {count, first, remaining, exit}.
 */
export function shiftPress(state, now, presses = SHIFT_PRESSES, windowMs = SHIFT_WINDOW_MS) {
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
export function exitKeyUp(state, event, now, presses = SHIFT_PRESSES, windowMs = SHIFT_WINDOW_MS) {
  const previous = state || { count: 0, first: 0, modified: false };
  const modified = Boolean(event && event.shiftKey);
  if (event && event.key === 'Shift' && !previous.modified) {
    return { ...shiftPress(previous.count > 0 ? previous : null, now, presses, windowMs), modified, counted: true, cancelled: false };
  }
  return { count: 0, first: 0, remaining: presses, exit: false, modified, counted: false, cancelled: previous.count > 0 };
}

/** The element's Exit this page methods (mixed into the class by element.js). */
export const exitMethods = {


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
      this._exit('keyboard');
      return;
    }
    if (state.remaining === 1) say('exit_shift_one');
    else say('exit_shift_many', { count: state.remaining });
    this._shiftTimer = setTimeout(() => {
      this._shift = null;
      say('exit_expired');
    }, Math.max(0, state.first + SHIFT_WINDOW_MS - now));
  },

  /** Leaves at once (`via`: 'button' or 'keyboard'); the host page hears `frontdoor-exit` first. */
  _exit(via = 'button') {
    emit(this, EVENTS.exit, { via });
    const t = this._ui ? this._t() : null;
    if (this._kiosk) {
      // A kiosk never leaves the wizard: forget everything and show the first screen.
      this._startAgain();
      return;
    }
    this._exiting = true;
    this._run += 1;
    this._flow = flowReset(this._flow);
    this._blankPage(t && t.has('exit_document_title') ? t('exit_document_title') : '\u200b');
    // Through history.js: the entries pushed for Back are left behind too (docs/web.md).
    this._historyLeave(this._exitUrl);
  },

  /** Hides the whole page at once (nothing of it may show while the next one loads). */
  _blankPage(title = '\u200b') {
    const doc = this.ownerDocument;
    const view = doc.defaultView;
    if (this._built) {
      this._els.screen.replaceChildren();
      this._els.wizard.hidden = true;
    }
    this.hidden = true;
    this._blanked = { title: doc.title, sheet: null };
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync('html { background: #fff !important; } body { display: none !important; }');
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      this._blanked.sheet = sheet;
    } catch (_) {
      // Older browsers: the hidden attribute below still blanks most pages.
    }
    if (doc.body) doc.body.hidden = true;
    doc.title = title;
  },

  /** The page shown again, as it was before _blankPage (when the page did not go after all). */
  _unblankPage() {
    const blanked = this._blanked;
    if (!blanked) return;
    this._blanked = null;
    const doc = this.ownerDocument;
    if (blanked.sheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== blanked.sheet);
    if (doc.body) doc.body.hidden = false;
    this.hidden = false;
    doc.title = blanked.title;
  },

};
