/**
 * kiosk-call.js: the numbers to call on a kiosk, which has no phone: each number as large text
 * (no `tel:` link), a QR code of its `tel:` href to dial it from one's own phone (made at build
 * time, web/build.mjs kioskQrCodes, drawn here as SVG elements), and "Tell a member of staff now"
 * on a danger outcome.
 */
import { h } from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The light margin around a QR code, in modules (the QR standard's quiet zone). */
const QUIET = 4;

/**
 * The SVG path of a QR code's dark modules: one rectangle per run of dark modules in a row.
 * @param {{size: number, bits: string}} code modules row by row, "1" dark
 * @param {number} [offset] where the code starts (the quiet zone)
 * @returns {string}
 */
export function qrPath(code, offset = QUIET) {
  const parts = [];
  for (let y = 0; y < code.size; y += 1) {
    for (let x = 0; x < code.size; x += 1) {
      if (code.bits[y * code.size + x] !== '1') continue;
      let run = 1;
      while (x + run < code.size && code.bits[y * code.size + x + run] === '1') run += 1;
      parts.push(`M${x + offset} ${y + offset}h${run}v1h-${run}z`);
      x += run - 1;
    }
  }
  return parts.join('');
}

/** Whether an outcome is a danger one: immediate danger, or the red level. */
export function isDangerOutcome(response, facts) {
  return (response && response.level === 'red') || (facts && facts.immediate_danger === true);
}

/** The element's kiosk methods for the numbers to call (mixed into the class by element.js). */
export const kioskCallMethods = {

  /**
   * In a kiosk, `container` (an outcome or the header) is changed in place: each `tel:` link
   * becomes its text, large, followed by the QR code of its number (when the build made one).
   */
  _kioskNumbers(container) {
    const doc = this.ownerDocument;
    const t = this._t();
    for (const link of [...container.querySelectorAll('a[href^="tel:"]')]) {
      const href = link.getAttribute('href');
      const text = link.textContent;
      // The 999 line of the header stays a line of text; an outcome's numbers are large.
      const inHeader = !!link.closest('.fd-danger');
      const number = h(doc, 'span', { class: inHeader ? 'fd-kiosk-tel' : 'fd-kiosk-tel fd-kiosk-number' }, text);
      link.replaceWith(number);
      const code = !inHeader && this._kioskQr ? this._kioskQr[href] : null;
      if (!code) continue;
      (number.closest('p') || number).after(h(doc, 'div', { class: 'fd-kiosk-qr', 'data-tel': href },
        this._qrSvg(code, t('kiosk_qr_label', { number: text })),
        h(doc, 'p', { class: 'fd-kiosk-qr__hint' }, t('kiosk_qr_hint'))));
    }
  },

  /** "Tell a member of staff now", first on a danger outcome in a kiosk. */
  _kioskTellStaff(container, response, facts) {
    if (!isDangerOutcome(response, facts)) return;
    const heading = container.querySelector('#fd-outcome');
    const line = h(this.ownerDocument, 'p', { class: 'fd-kiosk-staff' }, this._t()('kiosk_tell_staff'));
    if (heading) heading.after(line);
    else container.prepend(line);
  },

  /** A QR code as SVG elements (no markup parsed: strict CSP and Trusted Types). */
  _qrSvg(code, label) {
    const doc = this.ownerDocument;
    const side = code.size + 2 * QUIET;
    const svg = doc.createElementNS(SVG_NS, 'svg');
    for (const [name, value] of [['class', 'fd-kiosk-qr__code'], ['viewBox', `0 0 ${side} ${side}`], ['role', 'img'],
      ['aria-label', label], ['focusable', 'false'], ['shape-rendering', 'crispEdges']]) svg.setAttribute(name, value);
    const light = doc.createElementNS(SVG_NS, 'rect');
    for (const [name, value] of [['width', side], ['height', side], ['fill', '#fff']]) light.setAttribute(name, String(value));
    const dark = doc.createElementNS(SVG_NS, 'path');
    dark.setAttribute('d', qrPath(code));
    dark.setAttribute('fill', '#000');
    svg.append(light, dark);
    return svg;
  },

};
