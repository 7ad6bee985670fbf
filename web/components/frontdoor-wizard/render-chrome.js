/**
 * render-chrome.js: rendering of what stays around every screen: the 999 line, the Exit button, Back
 * and Start again.
 */
import { templateParts } from './wording.js';
import { telHref } from './contacts.js';
import { h, setChildren } from './dom.js';
import { isParked } from './parking.js';

/** The element's methods for what stays around every screen (mixed into the class by element.js). */
export const chromeMethods = {


  _renderHeader() {
    if (!this._ui) return;
    const t = this._t();
    // Each part is made again only when its own wording changes (the danger line may have
    // one per audience, the Exit button not): nodes kept need no style recalculation.
    const doc = this.ownerDocument;
    const kept = this._header || {};
    const exitKey = `${t('exit_prefix')}\u0000${t('exit_button')}`;
    const dangerKey = `${t.raw('danger_line')}\u0000${t('danger_number')}\u0000${this._kiosk}`;
    let { exitWrap, danger } = kept;
    if (kept.exitKey !== exitKey) {
      exitWrap = h(doc, 'div', { class: 'fd-exit-wrap' },
        h(doc, 'button', { type: 'button', id: 'fd-exit', class: 'fd-exit', onclick: () => this._exit('button') },
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
      // Kiosk: no phone to dial from (kiosk-call.js).
      if (this._kiosk) this._kioskNumbers(danger);
    }
    this._header = { exitKey, exitWrap, dangerKey, danger };
    // Exit this page has a row of its own, sticky over the whole wizard (not only the header):
    // nothing is ever beside it to be covered.
    setChildren(this._els.bar, [exitWrap]);
    setChildren(this._els.header, [danger]);
  },

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
  },

  /**
   * The screen: Back and Start again (after the first answer), `middle`; unchanged nodes stay,
   * and so do parked outcomes (parking.js), which a later task removes (prepared.js).
   */
  _setScreen(middle) {
    const { back, again } = this._chrome();
    const answered = this._flow.answers.length > 0;
    setChildren(this._els.screen, [answered ? back : null, ...middle, answered ? again : null].filter(Boolean), isParked);
  },

};
