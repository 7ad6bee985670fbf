/**
 * parking.js: prepared screens laid out ahead, out of sight. A screen prepared while a question is
 * read (prepared.js) is placed where it will show, laid out once (its text shaped, its boxes
 * sized) and then hidden with `content-visibility: hidden` (class fd-parked, frontdoor-wizard.css),
 * which keeps that layout. Showing it is a class change: Continue then neither styles, shapes nor
 * lays out its text anew. (Moving a node elsewhere in the DOM would drop its layout: a parked
 * screen is never moved.)
 *
 * While parked, a screen is out of the accessibility tree, the tab order, find in page and print,
 * and its ids are kept as `data-fd-id`, so that each id stays unique in the shadow root.
 */

const PARKING = 'fd-parking';
const PARKED = 'fd-parked';

/** Whether `node` is a parked screen (a child of the screen box, hidden until shown). */
export function isParked(node) {
  return !!node && node.nodeType === 1 && node.classList.contains(PARKED);
}

/**
 * Places `node` in `box` before `before` (null: last), lays it out and hides it. Forces a layout:
 * call it in a task of its own, while the person reads.
 */
export function park(box, node, before = null) {
  for (const el of [node, ...node.querySelectorAll('[id]')]) {
    if (!el.id) continue;
    el.setAttribute('data-fd-id', el.id);
    el.removeAttribute('id');
  }
  // Laid out as it will show (same width, same formatting context), but 0 px tall and clipped;
  // then contained and skipped, its layout kept.
  node.classList.add(PARKING);
  box.insertBefore(node, before && before.parentNode === box ? before : null);
  node.getBoundingClientRect();
  node.classList.replace(PARKING, PARKED);
}

/** Shows a parked `node` where it is, its ids back. */
export function unpark(node) {
  node.classList.remove(PARKED);
  for (const el of [node, ...node.querySelectorAll('[data-fd-id]')]) {
    const id = el.getAttribute('data-fd-id');
    if (id === null) continue;
    el.id = id;
    el.removeAttribute('data-fd-id');
  }
}

/** Removes every screen still parked in `box` (those prepared for a question no longer shown). */
export function sweep(box) {
  for (const node of [...box.children]) if (isParked(node)) node.remove();
}
