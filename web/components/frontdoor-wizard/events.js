/**
 * events.js: what the element tells its host page (docs/web.md, "Events"): a bubbling, composed
 * CustomEvent for each screen shown and each way out, so a council can count use and where
 * people end up in its own analytics. The details name questions, levels and services only:
 * never an answer, an age or a place. The element itself sends nothing anywhere.
 */

/** The event names, by what happened. */
export const EVENTS = {
  ready: 'frontdoor-ready',
  step: 'frontdoor-step',
  outcome: 'frontdoor-outcome',
  exit: 'frontdoor-exit',
  fallback: 'frontdoor-fallback',
};

/**
 * The event for a route response on screen: `frontdoor-step` {question, step} for a question
 * (its id from data/questions.json and how many answers came before it), `frontdoor-outcome`
 * {level, services} for an outcome (the level id or null, and the service ids shown, in order).
 * @param {object} response a route response (docs/api.md)
 * @param {number} answered how many answers the person has given
 * @returns {{type: string, detail: object}}
 */
export function screenEvent(response, answered) {
  const question = response.next_question;
  if (question) {
    return { type: EVENTS.step, detail: { question: String(question.id || question.fact), step: answered + 1 } };
  }
  const contacts = Array.isArray(response.contacts) ? response.contacts : [];
  return {
    type: EVENTS.outcome,
    detail: {
      level: typeof response.level === 'string' ? response.level : null,
      services: contacts.map((c) => c && c.service).filter((id) => typeof id === 'string'),
    },
  };
}

/**
 * Dispatches `type` on `target` (the element): bubbles and crosses shadow roots; not cancelable.
 * A host page's listener that throws does not stop the wizard.
 */
export function emit(target, type, detail) {
  const view = target.ownerDocument && target.ownerDocument.defaultView;
  const Event = (view && view.CustomEvent) || globalThis.CustomEvent;
  if (typeof Event !== 'function') return;
  target.dispatchEvent(new Event(type, { bubbles: true, composed: true, detail: Object.freeze({ ...detail }) }));
}
