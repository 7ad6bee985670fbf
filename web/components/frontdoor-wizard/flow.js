/**
 * flow.js: the facts stack: the answers given in order and every value ever given (to
 * pre-select it after Back or Change). In memory only.
 */
// Facts stack: the answers given in order, plus every value ever given (to pre-select it when a
// question is asked again after Back or Change). Values are never written anywhere but memory.

/** A new flow: the host page's pre-filled facts and no answers. */
export function newFlow(prefill = {}) {
  return { prefill: { ...prefill }, answers: [], remembered: {} };
}

/** The facts to send to the core: pre-fills overlaid by the answers. */
export function flowFacts(flow) {
  const facts = { ...flow.prefill };
  for (const answer of flow.answers) facts[answer.fact] = answer.value;
  return facts;
}

/** Records an answer `{fact, value, question, label}` (replacing an earlier one for the fact). */
export function flowAnswer(flow, answer) {
  const answers = flow.answers.filter((a) => a.fact !== answer.fact);
  answers.push({ ...answer });
  return { ...flow, answers, remembered: { ...flow.remembered, [answer.fact]: answer.value } };
}

/** One step back: forgets the last answer as a fact but remembers it for pre-selection. */
export function flowBack(flow) {
  if (flow.answers.length === 0) return flow;
  return { ...flow, answers: flow.answers.slice(0, -1) };
}

/** Change answer `index`: asks that question again (later answers stay remembered). */
export function flowChange(flow, index) {
  if (!Number.isInteger(index) || index < 0 || index >= flow.answers.length) return flow;
  return { ...flow, answers: flow.answers.slice(0, index) };
}

/** Start again: everything forgotten except the host page's pre-fills. */
export function flowReset(flow) {
  return newFlow(flow.prefill);
}

/** The value given earlier for `fact` ({found, value}); `found` false when never answered. */
export function flowRemembered(flow, fact) {
  if (Object.prototype.hasOwnProperty.call(flow.remembered, fact)) return { found: true, value: flow.remembered[fact] };
  return { found: false, value: undefined };
}
