/**
 * wording.js: wording from data/ui.json: one lookup for the element, the static directory and the
 * poster (per-audience objects with a `default`, `{name}` placeholders).
 */
/** Wording that may be a string or an object keyed by audience with a `default`. */
export function resolveWording(value, audience) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (audience && typeof value[audience] === 'string') return value[audience];
    if (typeof value.default === 'string') return value.default;
  }
  return null;
}

/** Splits "Call {number} now" into [{text:'Call '}, {name:'number'}, {text:' now'}]. */
export function templateParts(template) {
  const parts = [];
  const pattern = /\{([a-z_][a-z0-9_]*)\}/gi;
  let last = 0;
  let match;
  while ((match = pattern.exec(template)) !== null) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ name: match[1] });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function fillTemplate(template, params = {}) {
  return templateParts(template).map((part) => {
    if (part.text !== undefined) return part.text;
    const value = params[part.name];
    return value === undefined || value === null ? `{${part.name}}` : String(value);
  }).join('');
}

/**
 * A translator over ui.json for one audience: `t(id, params)` → string. A missing id returns
 * the id itself and is reported through `onMissing` (the schema test keeps ids complete).
 */
export function makeTranslator(ui, audience, onMissing) {
  const strings = ui && typeof ui === 'object' ? ui : {};
  const t = (id, params) => {
    const text = resolveWording(strings[id], audience);
    if (text === null) {
      if (onMissing) onMissing(id);
      return id;
    }
    return params ? fillTemplate(text, params) : text;
  };
  t.has = (id) => resolveWording(strings[id], audience) !== null;
  t.raw = (id) => {
    const text = resolveWording(strings[id], audience);
    return text === null ? id : text;
  };
  return t;
}
