/**
 * bundle.js: the data bundle (frontdoor-data.json) as the element reads it: its files, the
 * prerendered first questions (`start`) and the build's copy of the first screen
 * (FIRST_SCREEN_UI, firstScreenMatches).
 */
import { resolveWording } from './wording.js';

/**
 * The ui.json wording the first question's screen can use before the data bundle is in: the
 * header (999 line, exit, and what Shift pressed three times announces), the question with
 * Continue, Back and Start again, the error for no answer (and firstScreenUi: the one naming the
 * first question) and the fallback line. web/build.mjs
 * copies these (default wording) and the first question into dist/web/frontdoor-wizard.js
 * (`frontdoor:first-screen`); tests/browser check that the screen needs nothing else.
 */
export const FIRST_SCREEN_UI = ['danger_line', 'danger_number', 'exit_prefix', 'exit_button', 'exit_document_title', 'exit_shift_one', 'exit_shift_many', 'exit_activated', 'exit_expired', 'button_continue', 'button_back', 'button_start_again', 'answer_unknown', 'or', 'error_choose', 'error_prefix', 'error_summary_title', 'fallback_message'];

/**
 * The ui.json ids the screen of `question` (the first question) can use before the bundle is in:
 * FIRST_SCREEN_UI and the error naming that question (`error_choose_<question id, "-" as "_">`,
 * render-question.js chooseErrorId), so "Select who you are" shows even before the bundle.
 * web/build.mjs copies those ui.json has.
 * @param {{id?: string}|null} question
 * @returns {string[]}
 */
export function firstScreenUi(question) {
  const id = question && typeof question.id === 'string' ? `error_choose_${question.id.replace(/-/g, '_')}` : null;
  return id ? [...FIRST_SCREEN_UI, id] : [...FIRST_SCREEN_UI];
}

/** The data bundle's files, parsed: {files, ui, directory, questions}. Throws with a clear message. */
export function bundleFiles(bundle) {
  if (!bundle || typeof bundle !== 'object' || !bundle.files || typeof bundle.files !== 'object') {
    throw new Error('the data bundle has no "files" object');
  }
  const parse = (name) => {
    const value = bundle.files[name];
    if (value === undefined) throw new Error(`the data bundle has no ${name}`);
    const parsed = typeof value === 'string' ? JSON.parse(value) : value;
    if (!parsed || typeof parsed !== 'object') throw new Error(`${name} in the data bundle is not an object`);
    return parsed;
  };
  const questions = bundle.files['questions.json'];
  return {
    files: bundle.files, ui: parse('ui.json'), directory: parse('directory.json'),
    questions: questions === undefined ? null : parse('questions.json'),
  };
}

/**
 * The first screen built into the script (`given` = {ui, start} from `frontdoor:first-screen`:
 * FIRST_SCREEN_UI's wording and the first question for no pre-filled facts), or null where the
 * build gave none (the kiosk).
 */
export function firstScreen(given) {
  return given && given.ui && given.start && typeof given.start.fact === 'string' ? given : null;
}

/**
 * Whether the data bundle shows the same first screen as `early` (the script's copy): the same
 * first question for no facts and the same default wording. When not (a bundle from another
 * build), the element shows the bundle's.
 */
export function firstScreenMatches(early, bundle, ui) {
  const start = startFor(bundle, {});
  if (!early || !start || JSON.stringify(start) !== JSON.stringify(early.start)) return false;
  return Object.keys(early.ui).every((key) => resolveWording(ui[key], null) === early.ui[key]);
}

/**
 * The first question prerendered by web/build.mjs (`bundle.start`, docs/web.md) for exactly these
 * pre-filled facts, or null (then the core is asked). The build checks that it does not depend
 * on the time and tests/js/prerendered_start.test.mjs that it is what the core answers.
 */
export function startFor(bundle, facts) {
  const entries = bundle && Array.isArray(bundle.start) ? bundle.start : [];
  const keys = Object.keys(facts || {}).sort();
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object' || !entry.facts || typeof entry.facts !== 'object') continue;
    const question = entry.next_question;
    if (!question || typeof question !== 'object' || typeof question.fact !== 'string') continue;
    const have = Object.keys(entry.facts).sort();
    if (have.length === keys.length && have.every((key, i) => key === keys[i] && entry.facts[key] === facts[key])) return question;
  }
  return null;
}

/**
 * The audiences, from the data: the values of the options of the question that asks for the
 * `audience` fact (data/questions.json), in their order. The one list of them: the element's
 * `audience` attribute, the static directory and its CLI read it.
 * @param {object|null} questions parsed data/questions.json
 * @returns {string[]}
 */
export function audiencesOf(questions) {
  const list = questions && Array.isArray(questions.questions) ? questions.questions : [];
  const question = list.find((q) => q && q.fact === 'audience');
  const options = question && Array.isArray(question.options) ? question.options : [];
  return options.map((o) => o && o.value).filter((v) => typeof v === 'string');
}
