/**
 * history.js: the browser's Back and Forward inside the wizard: one history entry per answer,
 * at the same URL with only a step counter as its state (never an answer), so a phone's Back
 * gesture goes back one question; and the way out of those entries that Exit this page and a
 * return to a dead entry take (docs/web.md, "Back, Forward and Exit").
 */

/** The key of the element's history state: its value is the number of answers at that entry. */
export const HISTORY_KEY = 'frontdoorWizardStep';
/** How long Exit waits for the history to reach the page's own entry before leaving anyway. */
export const EXIT_TRAVERSE_MS = 400;
/** A page that tried to go back to its own entry and is still here after this starts as usual. */
export const RETURN_WAIT_MS = 1500;

// Documents already checked for a step entry of an earlier visit (once per document, not per
// element: an element added again, or a second one, must not take the page away).
const checked = new WeakSet();

/** The step counter of a history state (0 for an entry the element did not push). */
export function stepOf(state) {
  const step = state && typeof state === 'object' ? state[HISTORY_KEY] : undefined;
  return Number.isInteger(step) && step > 0 ? step : 0;
}

/**
 * Where a history move from entry `from` to entry `to` leaves the answers: `back` steps back one
 * question per entry; forward restores answers kept from an earlier Back (`ahead`), as far as
 * they go. Returns the number of answers to keep, or null when nothing changes.
 */
export function answersAfterMove(from, to, count, aheadCount = 0) {
  if (to === from) return null;
  if (to < from) {
    const keep = Math.max(0, count - (from - to));
    return keep === count ? null : keep;
  }
  const keep = Math.min(aheadCount, count + (to - from));
  return keep > count ? keep : null;
}

/** The element's history methods (mixed into the class by element.js). */
export const historyMethods = {

  /**
   * The browser's history is used only where the page asks for it (`browser-back`), never in a
   * kiosk (no Back button to honour). Off by default because the exit guarantee comes first:
   * entries pushed for Back survive Exit as forward entries, and Forward then loads the page
   * again for a moment before it goes back to the exit site (measured: docs/web.md, "Back,
   * Forward and Exit").
   */
  get _historyOn() {
    const view = this.ownerDocument.defaultView;
    return !this._kiosk && this.hasAttribute('browser-back')
      && Boolean(view && view.history && typeof view.history.pushState === 'function');
  },

  /**
   * On connecting: a new document on a step entry (Forward after Exit, Back to a page no longer
   * in memory, a reload) holds none of those answers: it goes back to the page's own entry, which
   * after Exit is the exit site. Returns true when it does (the element then does not start).
   */
  _historyConnect() {
    const view = this.ownerDocument.defaultView;
    this._historyStep = 0;
    this._historyAhead = null;
    if (!this._historyOn || checked.has(this.ownerDocument)) return false;
    checked.add(this.ownerDocument);
    const step = stepOf(view.history.state);
    if (!step) return false;
    this._exiting = true;
    this._blankPage();
    // Never a blank page for good: should the entry not be there (a browser's history cap), the
    // page shows again and the wizard starts. A page that goes takes the timer with it.
    const timer = view.setTimeout(() => {
      this._exiting = false;
      this._unblankPage();
      this._scheduleStart();
    }, RETURN_WAIT_MS);
    view.addEventListener('pagehide', () => view.clearTimeout(timer), { once: true });
    view.history.go(-step);
    return true;
  },

  /** After a screen is shown: a new entry when there are more answers than entries. */
  _historySync() {
    if (!this._historyOn || this._exiting) return;
    const count = this._flow.answers.length;
    if (count <= this._historyStep) return;
    const view = this.ownerDocument.defaultView;
    // The same URL, and a counter only: nothing about the answers is put in the history.
    view.history.pushState({ [HISTORY_KEY]: count }, '', view.location.href);
    this._historyStep = count;
  },

  /** The Back link: through the browser's history when the entry is the element's own. */
  _historyBack() {
    if (!this._historyOn || this._historyStep <= 0) return false;
    this.ownerDocument.defaultView.history.back();
    return true;
  },

  /** Start again: back to the page's own entry (the answers are already forgotten). */
  _historyReset() {
    this._historyAhead = null;
    if (!this._historyOn || this._historyStep <= 0) return;
    const step = this._historyStep;
    this._historyStep = 0;
    this.ownerDocument.defaultView.history.go(-step);
  },

  /** Back or Forward pressed (or the Back link): one question back or forward per entry. */
  _popState(event) {
    if (this._exiting || !this._historyOn) return;
    const from = this._historyStep;
    const to = stepOf(event.state);
    this._historyStep = to;
    const answers = this._flow.answers;
    const ahead = this._historyAhead;
    const keep = answersAfterMove(from, to, answers.length, ahead ? ahead.length : 0);
    if (keep === null) return;
    if (keep < answers.length) {
      if (!ahead || ahead.length < answers.length) this._historyAhead = answers.slice();
      this._replay = null;
      this._flow = { ...this._flow, answers: answers.slice(0, keep) };
    } else {
      this._flow = { ...this._flow, answers: ahead.slice(0, keep) };
    }
    this._advance();
  },

  /**
   * Leaves for `url` with no way back: from a step entry, the history first goes back to the
   * page's own entry, which is then replaced (measured in Chromium: docs/web.md).
   */
  _historyLeave(url) {
    const view = this.ownerDocument.defaultView;
    const step = this._historyOn ? this._historyStep : 0;
    this._historyStep = 0;
    if (step <= 0) {
      view.location.replace(url);
      return;
    }
    let gone = false;
    const leave = () => {
      if (gone) return;
      gone = true;
      view.removeEventListener('popstate', leave);
      view.location.replace(url);
    };
    view.addEventListener('popstate', leave);
    // A browser that never fires popstate for it still leaves.
    view.setTimeout(leave, EXIT_TRAVERSE_MS);
    view.history.go(-step);
  },

  /** Shown again from the back/forward cache after Exit: leave again, the same way. */
  _pageShow(event) {
    if (!event.persisted || !this._exiting) return;
    const view = this.ownerDocument.defaultView;
    const step = stepOf(view.history.state);
    if (step) view.history.go(-step);
    else view.location.replace(this._exitUrl);
  },

};
