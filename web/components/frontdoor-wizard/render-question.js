/**
 * render-question.js: rendering of a question: the kept form (radios, or one text box for a number
 * or a place), hints, errors and the error summary, and reading the answer.
 */
import { resolveWording } from './wording.js';
import { flowRemembered } from './flow.js';
import { checkNumber, matchTown, placesFor, questionOptions, radioValue, sameValue, townKey } from './answers.js';
import { h, setAttr, setChildren } from './dom.js';

/**
 * The ui.json id of the error when nothing is chosen on `question`: `error_choose_<question id,
 * "-" as "_">` when ui.json has it ("Select who you are"), else `error_choose`.
 * @param {{id?: string}} question
 * @param {{has: function(string): boolean}} t the element's translator
 * @returns {string}
 */
export function chooseErrorId(question, t) {
  const id = question && typeof question.id === 'string' ? `error_choose_${question.id.replace(/-/g, '_')}` : null;
  return id && t.has(id) ? id : 'error_choose';
}

/**
 * The ui.json id naming the council of a place outside Wiltshire (`area_outside_<town key,
 * spaces as "_">`, e.g. area_outside_swindon), or null when ui.json names none for `place`.
 * @param {string} place as typed
 * @param {{has: function(string): boolean}} t the element's translator
 * @returns {string|null}
 */
export function outsideCouncilId(place, t) {
  const key = townKey(place ?? '');
  const id = key ? `area_outside_${key.replace(/ /g, '_')}` : null;
  return id && t.has(id) ? id : null;
}

/** The element's question-rendering methods (mixed into the class by element.js). */
export const questionMethods = {


  /**
   * The form kept from question to question: only what differs is changed (a new heading, the
   * radios' labels, values and hints in place), so the browser recalculates little style.
   */
  _questionForm() {
    const t = this._t();
    const key = t('button_continue');
    if (this._form && this._form.key === key) return this._form;
    const doc = this.ownerDocument;
    const form = h(doc, 'form', { class: 'fd-form', novalidate: true });
    const go = (event) => {
      event.preventDefault();
      if (state.submit) state.submit();
    };
    // Continue answers on its click (Enter in a text box clicks it too: implicit submission),
    // before the browser would start a form submission; `submit` stays for any other way.
    const buttons = h(doc, 'div', { class: 'fd-button-group' },
      h(doc, 'button', { type: 'submit', class: 'fd-button', onclick: go }, t('button_continue')));
    const state = {
      key, form, buttons, submit: null, secondary: null,
      choice: null, // {group, fieldset, legend, radios, divider, items: [{item, input, label, hint}]}
    };
    form.addEventListener('submit', go);
    this._form = state;
    return state;
  },

  /**
   * A node of the kept form that only changes its text from question to question (the choice
   * heading, the hint): the same node with new text, so the browser restyles only that text.
   * `attrs` are the same for every call with `name`; `tag` may change (the heading level).
   */
  _kept(state, name, tag, attrs, text) {
    const kept = state.kept || (state.kept = {});
    if (!kept[name] || kept[name].tag !== tag) kept[name] = { tag, node: h(this.ownerDocument, tag, attrs) };
    const { node } = kept[name];
    if (node.textContent !== text) node.textContent = text;
    return node;
  },

  /** The radios part of the form, kept; its items are reused for the next question's options. */
  _choiceGroup(state) {
    if (state.choice) return state.choice;
    const doc = this.ownerDocument;
    const legend = h(doc, 'legend', { class: 'fd-fieldset__legend' });
    const radios = h(doc, 'div', { class: 'fd-radios' });
    const fieldset = h(doc, 'fieldset', { class: 'fd-fieldset' }, legend, radios);
    const group = h(doc, 'div', { class: 'fd-form-group' }, fieldset);
    state.choice = { group, fieldset, legend, radios, divider: null, dividerText: null, items: [] };
    return state.choice;
  },

  _radioItem(choice, index) {
    if (choice.items[index]) return choice.items[index];
    const doc = this.ownerDocument;
    const id = `fd-answer-${index}`;
    const input = h(doc, 'input', { class: 'fd-radios__input', id, name: 'answer', type: 'radio' });
    const label = h(doc, 'label', { class: 'fd-label fd-radios__label', for: id });
    const item = h(doc, 'div', { class: 'fd-radios__item' }, input, label);
    choice.items[index] = { item, input, label, hint: null, id };
    return choice.items[index];
  },

  _renderQuestion(question, error = null) {
    const doc = this.ownerDocument;
    const t = this._t();
    const audience = this._audience;
    const text = resolveWording(question.text, audience) || question.fact;
    const hint = resolveWording(question.hint, audience);
    const remembered = flowRemembered(this._flow, question.fact);
    const options = questionOptions(question, audience, t);
    // A place is typed (with suggestions), not picked from a long list of radios.
    const isChoice = options.length > 0 && question.type !== 'number' && question.type !== 'area';
    const places = placesFor(question, options, this._towns);
    const errorId = 'fd-error';
    const hintId = hint ? 'fd-hint' : null;
    const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ') || null;
    const state = this._questionForm();
    const { form } = state;

    const errorLine = error
      ? h(doc, 'p', { id: errorId, class: 'fd-error-message' }, h(doc, 'span', { class: 'fd-visually-hidden' }, `${t('error_prefix')} `), error.message)
      : null;
    const hintLine = hint ? this._kept(state, 'hint', 'div', { id: 'fd-hint', class: 'fd-hint' }, hint) : null;
    let group;
    let unknownOption = null;

    if (isChoice) {
      const heading = this._kept(state, 'heading', this._headingTag(1), { id: 'fd-question', class: 'fd-heading-l', tabindex: '-1' }, text);
      const choice = this._choiceGroup(state);
      group = choice.group;
      setAttr(group, 'class', `fd-form-group${error ? ' fd-form-group--error' : ''}`);
      setAttr(choice.fieldset, 'aria-describedby', describedBy);
      setChildren(choice.legend, [heading]);
      const radioNodes = [];
      const inputs = [];
      options.forEach((option, index) => {
        const item = this._radioItem(choice, index);
        if (option.unknown && index > 0) {
          const or = t('or');
          if (!choice.divider || choice.dividerText !== or) {
            choice.divider = h(doc, 'div', { class: 'fd-radios__divider' }, or);
            choice.dividerText = or;
          }
          radioNodes.push(choice.divider);
        }
        const { input, label } = item;
        setAttr(input, 'value', radioValue(option.value));
        const checked = remembered.found && sameValue(remembered.value, option.value);
        if (input.checked !== checked) input.checked = checked;
        if (label.textContent !== option.label) label.textContent = option.label;
        if (option.hint) {
          if (!item.hint) item.hint = h(doc, 'div', { id: `${item.id}-hint`, class: 'fd-hint fd-radios__hint' });
          if (item.hint.textContent !== option.hint) item.hint.textContent = option.hint;
        }
        setAttr(input, 'aria-describedby', option.hint ? `${item.id}-hint` : null);
        setChildren(item.item, [input, label, option.hint ? item.hint : null].filter(Boolean));
        radioNodes.push(item.item);
        inputs.push(input);
      });
      setChildren(choice.radios, radioNodes);
      setChildren(choice.fieldset, [choice.legend, hintLine, errorLine, choice.radios].filter(Boolean));
      state.submit = () => {
        const index = inputs.findIndex((input) => input.checked);
        if (index < 0) return this._showError(question, { message: t(chooseErrorId(question, t)), target: 'fd-answer-0' });
        const option = options[index];
        return this._answer(question, option.value, option.label);
      };
    } else {
      // number or area: one text input, its label inside the h1 (GOV.UK question pages).
      group = h(doc, 'div', { class: `fd-form-group${error ? ' fd-form-group--error' : ''}` });
      const numeric = question.type === 'number';
      const heading = h(doc, this._headingTag(1), { id: 'fd-question', class: 'fd-heading-l', tabindex: '-1' },
        h(doc, 'label', { class: 'fd-label-wrapper', for: 'fd-input' }, text));
      const input = h(doc, 'input', {
        class: `fd-input${numeric ? ' fd-input--width-3' : ''}${error ? ' fd-input--error' : ''}`,
        id: 'fd-input', name: 'answer', type: 'text', autocomplete: 'off', spellcheck: 'false',
        inputmode: numeric ? 'numeric' : null, list: !numeric && places.length ? 'fd-towns' : null,
        'aria-describedby': describedBy,
      });
      if (error && error.value !== undefined) input.value = error.value;
      else if (remembered.found && remembered.value !== null && remembered.value !== undefined) input.value = String(remembered.value);
      group.append(...[heading, hintLine, errorLine, input].filter(Boolean));
      if (!numeric && places.length) this._townList(places);
      unknownOption = options.find((o) => o.unknown) || (question.unknown_option ? { value: null, label: t('answer_unknown') } : null);
      const min = Number.isFinite(question.min) ? question.min : null;
      const max = Number.isFinite(question.max) ? question.max : null;
      state.submit = () => {
        if (numeric) {
          const checked = checkNumber(input.value, min ?? undefined, max ?? undefined);
          if (!checked.ok) {
            const id = { empty: 'error_number_empty', invalid: 'error_number_invalid', range: 'error_number_range' }[checked.error];
            return this._showError(question, { message: t(id, { min: min ?? '', max: max ?? '' }), target: 'fd-input', value: input.value });
          }
          return this._answer(question, checked.value, String(checked.value));
        }
        if (!input.value.trim()) return this._showError(question, { message: t('error_area_empty'), target: 'fd-input', value: input.value });
        const town = places.length ? matchTown(input.value, places) : input.value.trim();
        if (!town) {
          const place = input.value.trim();
          const unknown = unknownOption ? unknownOption.label : t('answer_unknown');
          const council = outsideCouncilId(place, t);
          const message = council
            ? t('error_area_outside', { place, council: t(council), unknown })
            : t('error_area_unknown', { value: place, unknown });
          return this._showError(question, { message, target: 'fd-input', value: input.value });
        }
        return this._answer(question, town, town);
      };
    }

    const [continueButton] = state.buttons.children;
    let secondary = null;
    if (unknownOption) {
      secondary = h(doc, 'button', {
        type: 'button', class: 'fd-button fd-button--secondary',
        onclick: () => this._answer(question, null, unknownOption.label),
      }, unknownOption.label);
    }
    setChildren(state.buttons, [continueButton, secondary].filter(Boolean));
    setChildren(form, [group, state.buttons]);

    const summary = error ? this._errorSummary(error) : null;
    this._setScreen([summary, form].filter(Boolean));
  },

  /**
   * The suggestions for a place, one datalist kept beside the screens (made again only when
   * the list changes): a new one for every area question cost a style recalculation per town.
   */
  _townList(places) {
    const key = places.join('\u0000');
    const old = this._els.towns;
    if (old && old.key === key) return;
    const list = h(this.ownerDocument, 'datalist', { id: 'fd-towns' }, places.map((town) => h(this.ownerDocument, 'option', { value: town })));
    if (old) old.node.replaceWith(list);
    else this._els.wizard.append(list);
    this._els.towns = { key, node: list };
  },

  _errorSummary(error) {
    const doc = this.ownerDocument;
    const t = this._t();
    const link = h(doc, 'a', {
      href: `#${error.target}`,
      onclick: (event) => {
        // In-page link without changing the URL (no hash: nothing about answers in the URL).
        event.preventDefault();
        const target = this._root.getElementById(error.target);
        if (target) target.focus();
      },
    }, error.message);
    return h(doc, 'div', { class: 'fd-error-summary', tabindex: '-1', id: 'fd-error-summary' },
      h(doc, 'div', { role: 'alert' },
        h(doc, this._headingTag(2), { class: 'fd-error-summary__title' }, t('error_summary_title')),
        h(doc, 'ul', { class: 'fd-error-summary__list' }, h(doc, 'li', null, link))));
  },

  _showError(question, error) {
    this._renderQuestion(question, error);
    const summary = this._root.getElementById('fd-error-summary');
    if (summary) summary.focus();
  },

};
