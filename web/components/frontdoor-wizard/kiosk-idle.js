/**
 * kiosk-idle.js: the kiosk's idle reset: after `idle-seconds` without input (any pointer, key,
 * touch, typing or change: element.js ACTIVITY_EVENTS), a countdown, then everything is
 * forgotten and the first screen shows with nothing selected.
 */
import { h } from './dom.js';

/** The countdown shown before a kiosk starts again. */
export const KIOSK_COUNTDOWN_SECONDS = 10;

/**
 * Kiosk inactivity. `pristine`: nothing to clear (first screen, no answers).
 * → {phase:'active', waitMs} | {phase:'countdown', secondsLeft} | {phase:'reset'}
 */
export function idlePhase(lastInput, now, idleSeconds, pristine = false, countdownSeconds = KIOSK_COUNTDOWN_SECONDS) {
  const idleMs = Math.max(0, now - lastInput);
  const limit = idleSeconds * 1000;
  if (pristine || idleMs < limit) return { phase: 'active', waitMs: pristine ? limit : limit - idleMs };
  const leftMs = limit + countdownSeconds * 1000 - idleMs;
  if (leftMs > 0) return { phase: 'countdown', secondsLeft: Math.ceil(leftMs / 1000) };
  return { phase: 'reset' };
}

/** The element's kiosk idle methods (mixed into the class by element.js). */
export const idleMethods = {


  _activity() {
    this._lastInput = this._now();
    if (this._built && !this._els.idle.hidden) this._hideIdle();
  },

  /**
   * Nothing to clear: no answers, no error, and nothing ticked or typed on the screen (an answer
   * only ticked on the first screen, or one remembered after Back, must be cleared too).
   */
  _pristine() {
    const screen = this._els.screen;
    if (this._flow.answers.length !== 0 || screen.querySelector('.fd-error-summary, input:checked')) return false;
    return [...screen.querySelectorAll('input[type="text"]')].every((input) => input.value === '');
  },

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
  },

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
  },

  _hideIdle() {
    if (!this._els || this._els.idle.hidden) return;
    const hadFocus = this._els.idle.contains(this._root.activeElement);
    this._els.idle.hidden = true;
    this._els.idle.replaceChildren();
    this._els.idle.removeAttribute('role');
    this._els.idle.removeAttribute('aria-labelledby');
    if (hadFocus) this._focusHeading();
  },

};
