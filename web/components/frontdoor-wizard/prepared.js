/**
 * prepared.js: prepared answers: while a question is read, where each answer leads is asked of the
 * core (one message) and the outcomes among them are built and parked, laid out (parking.js), so
 * that Continue neither waits for the core nor lays out a new outcome.
 */
import { isoInstant } from './london-time.js';
import { flowAnswer, flowFacts } from './flow.js';
import { answerKey, placesFor, questionOptions } from './answers.js';
import { routeEach } from './worker.js';
import { h, nextTask } from './dom.js';
import { isParked, park, sweep, unpark } from './parking.js';

/**
 * At most this many outcomes are built ahead for the answers to one question (_prepare): enough
 * for every town of the directory's place question (25 and "don't know"), one task each, so
 * that the answer to a place question is not the slow one (a town past a cap of 12 had its
 * outcome built on Continue: 2-3 ms without slowdown, about 10 ms at 4x).
 */
export const PREPARED_OUTCOMES = 32;

/** A route response the wizard can show: a next question, or an outcome with someone to contact. */
export function showable(response) {
  return !!response && response.ok === true
    && (!!response.next_question || (Array.isArray(response.contacts) && response.contacts.length > 0));
}

/** The element's prepared-answers methods (mixed into the class by element.js). */
export const preparedMethods = {


  /**
   * While a person reads a question, asks the core (in one message) where each answer leads,
   * and builds the outcomes among them off the page (one task each), so that Continue does not
   * wait for the core, nor for a new outcome's nodes. (A next question is drawn in the kept
   * form as usual: changing a few nodes costs the browser less than placing new ones.) Any
   * change (another answer, Back, a new minute, new wording) makes them unusable: the answer
   * then goes to the core as usual (_takePrepared).
   */
  _prepare(question) {
    const token = {};
    this._prepared = { token, screens: new Map() };
    const run = this._run;
    const flow = this._flow;
    const ui = this._ui;
    const live = () => this._prepared && this._prepared.token === token && run === this._run && flow === this._flow && !this._replay;
    setTimeout(async () => {
      try {
        // The screens parked for the question before are of no use now: they go after the
        // new screen is up, not on Continue.
        if (this._prepared && this._prepared.token === token && this._els) sweep(this._els.screen);
        const core = this._core;
        if (!question || !core || !live()) return;
        const candidates = this._candidates(question, flow);
        if (!candidates.length) return;
        const at = isoInstant(this._now());
        const list = candidates.map((c) => flowFacts(c.flow));
        const responses = core.routes ? await core.routes(list, at) : routeEach(core, list, at);
        if (!live() || !Array.isArray(responses)) return;
        Object.assign(this._prepared, { question, flow, ui, minute: at.slice(0, 16) });
        // Back and Start again first appear with the first answer's screen: copies of them are
        // laid out once beforehand (the first answer of a page was the slowest of all).
        this._warm('chrome', () => {
          const { back, again } = this._chrome();
          return [back.cloneNode(true), again.cloneNode(true)];
        });
        const outcomes = [];
        candidates.forEach(({ key, flow: answered }, i) => {
          const response = responses[i];
          if (!showable(response)) return;
          const screen = { response, flow: answered };
          this._prepared.screens.set(key, screen);
          const next = response.next_question;
          if (!next) outcomes.push(screen);
          else if (next.type === 'number' || next.type === 'area') {
            this._warm(next.type, () => {
              if (next.type === 'area') this._townList(placesFor(next, questionOptions(next, this._audience, this._t()), this._towns));
              return h(this.ownerDocument, 'input', { class: `fd-input${next.type === 'number' ? ' fd-input--width-3' : ''}`, type: 'text' });
            });
          }
        });
        // An outcome shows the answers, so each answer gets nodes of its own: the first
        // PREPARED_OUTCOMES (past those, for a longer list, the outcome is drawn when the
        // answer is given, still without waiting for the core). Each is parked where it will
        // show, laid out (parking.js): on Continue it is only unhidden. (A next question is drawn
        // in the kept form: changing a few nodes costs about what showing a parked form does.)
        for (const screen of outcomes.slice(0, PREPARED_OUTCOMES)) {
          await nextTask();
          if (!live()) return;
          screen.outcome = this._outcomeScreen(screen.response, screen.flow);
          park(this._els.screen, screen.outcome, this._chrome().again);
        }
      } catch (_) {
        // Only a head start: the answer goes to the core as usual.
      }
    }, 0);
  },

  /**
   * Once per kind of screen (or part of one): lays out of sight what `make` returns and takes it
   * out again, so that the first one shown finds the browser's font, text and style caches warm.
   */
  _warm(kind, make) {
    this._warmed = this._warmed || new Set();
    if (this._warmed.has(kind)) return;
    this._warmed.add(kind);
    const box = h(this.ownerDocument, 'div', { class: 'fd-warm', 'aria-hidden': 'true' }, make());
    this._els.wizard.append(box);
    box.getBoundingClientRect();
    box.remove();
  },

  /** Every answer the question can take that is worth preparing: {key, flow}. */
  _candidates(question, flow) {
    const t = this._t();
    const options = questionOptions(question, this._audience, t);
    const out = [];
    const add = (value, label) => out.push({ key: answerKey(value, label), flow: flowAnswer(flow, this._answerOf(question, value, label)) });
    if (options.length > 0 && question.type !== 'number' && question.type !== 'area') {
      for (const option of options) add(option.value, option.label);
      return out;
    }
    if (question.type === 'number') {
      const { min, max } = question;
      if (!Number.isInteger(min) || !Number.isInteger(max) || max - min > 40) return out;
      for (let n = min; n <= max; n += 1) add(n, String(n));
    } else {
      for (const town of placesFor(question, options, this._towns)) add(town, town);
    }
    const unknown = options.find((o) => o.unknown) || (question.unknown_option ? { value: null, label: t('answer_unknown') } : null);
    if (unknown && out.length) add(null, unknown.label);
    return out;
  },

  /** The prepared screen for this answer to `question`, or null (then the core is asked). */
  _takePrepared(question, key) {
    const prepared = this._prepared;
    this._prepared = null;
    if (!prepared || prepared.question !== question || prepared.flow !== this._flow || prepared.ui !== this._ui) return null;
    if (isoInstant(this._now()).slice(0, 16) !== prepared.minute) return null;
    return prepared.screens.get(key) || null;
  },

  /**
   * Shows a prepared screen: without asking the core (nor building, styling or laying out an
   * outcome's nodes, when it is still parked).
   */
  _showPrepared(screen) {
    this._flow = screen.flow;
    if (screen.outcome && isParked(screen.outcome)) unpark(screen.outcome);
    this._showResponse(screen.response, { focus: true, outcome: screen.outcome || null });
  },

};
