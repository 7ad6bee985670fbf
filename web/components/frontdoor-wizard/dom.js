/**
 * dom.js: DOM helpers: `h` (createElement with text only: no innerHTML, no inline style),
 * setChildren (few DOM moves), and waiting for a paint or a task.
 */
/** createElement with attributes/properties; children are nodes or strings (text nodes). */
export function h(doc, tag, attrs, ...children) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'style') throw new Error('no inline styles (CSP)');
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/**
 * Resolves after the browser has had the chance to paint (a frame, then a task), so a long task
 * that follows does not hold back the first paint. Also resolves in a hidden tab, which has no
 * frames.
 */
export function nextPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    const frame = globalThis.requestAnimationFrame;
    if (typeof frame === 'function') frame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}

/**
 * Resolves once the page has painted (nextPaint), or when a task of background priority runs
 * (`scheduler.postTask`), whichever comes first: neither frames nor timers run in some pages
 * (a hidden tab has no frames; a test's paused clock holds both), and what waits here must
 * still happen.
 */
export function afterPaint() {
  const paint = nextPaint();
  const scheduler = globalThis.scheduler;
  if (!scheduler || typeof scheduler.postTask !== 'function') return paint;
  return Promise.race([paint, scheduler.postTask(() => {}, { priority: 'background' }).catch(() => {})]);
}

/** A task later (after what the browser has queued, input included). */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Sets attribute `name` of `node` to `value` (removes it for null), only when that changes: an
 * attribute set again to the same value is still a change to the DOM.
 */
export function setAttr(node, name, value) {
  if (value === null || value === undefined) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) {
    node.setAttribute(name, value);
  }
}

/**
 * Makes `want` the children of `parent` with as few DOM moves as possible: nodes that stay keep
 * their computed style (a node moved or inserted has its whole subtree's style recalculated).
 * Children for which `stays(child)` is true and that are not wanted are left where they are,
 * and wanted nodes are not moved past them (parking.js: a parked screen).
 */
export function setChildren(parent, want, stays = null) {
  const keep = new Set(want);
  const aside = (node) => !!node && !!stays && !keep.has(node) && stays(node);
  for (const child of [...parent.childNodes]) if (!keep.has(child) && !aside(child)) child.remove();
  const next = (node) => {
    let ref = node;
    while (aside(ref)) ref = ref.nextSibling;
    return ref;
  };
  let ref = next(parent.firstChild);
  for (const node of want) {
    if (node === ref) ref = next(ref.nextSibling);
    else parent.insertBefore(node, ref);
  }
}
