/**
 * attributes.js: the attributes the host page may set (src, audience, area, child-age, kiosk,
 * idle-seconds, exit-url, heading-level), their checks and defaults. The audiences come from the data
 * (the options of the `audience` question in data/questions.json: bundle.js audiencesOf).
 */
import { checkNumber } from './answers.js';

/** Facts the host page may pre-fill, by attribute name. */
export const FACT_ATTRIBUTES = { audience: 'audience', area: 'area', 'child-age': 'child_age' };
/** The ages the `child-age` attribute accepts. */
export const CHILD_AGE = { min: 0, max: 25 };
/** Kiosk: seconds without input before the countdown, when `idle-seconds` is not set. */
export const DEFAULT_IDLE_SECONDS = 120;
/** Where Exit this page goes when `exit-url` is not set (GOV.UK's choice of a neutral page). */
export const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** The level of the element's own top heading when `heading-level` is not set (an `h1`). */
export const DEFAULT_HEADING_LEVEL = 1;

/**
 * Checks one attribute value. Returns {value} (already converted) or {error: message}; a
 * missing attribute gives {value: undefined}.
 */
export function checkAttribute(name, raw, baseUrl, audiences = null) {
  if (raw === null || raw === undefined) return { value: undefined };
  const value = String(raw).trim();
  const bad = (why) => ({ error: `frontdoor-wizard: attribute ${name}="${raw}" ${why}; it is ignored.` });
  switch (name) {
    case 'src':
      return value ? { value } : bad('is empty: give the URL of frontdoor-data.json or #id of an inline JSON script');
    case 'audience':
      // Until the data is in, any word: then it must be one of the data's audiences (audiencesOf).
      if (Array.isArray(audiences)) return audiences.includes(value) ? { value } : bad(`is not one of ${audiences.join(', ')}`);
      return /^[a-z][a-z_]*$/.test(value) ? { value } : bad('is not an audience id such as "parent"');
    case 'child-age': {
      const checked = checkNumber(value, CHILD_AGE.min, CHILD_AGE.max);
      return checked.ok ? { value: checked.value } : bad(`is not a whole number from ${CHILD_AGE.min} to ${CHILD_AGE.max}`);
    }
    case 'area':
      return value ? { value } : bad('is empty');
    case 'idle-seconds':
      return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 86400
        ? { value: Number(value) } : bad('is not a whole number of seconds from 1 to 86400');
    case 'exit-url': {
      let url;
      try {
        url = new URL(value, baseUrl);
      } catch (_) {
        return bad('is not a URL');
      }
      return url.protocol === 'https:' || url.protocol === 'http:' ? { value: url.href } : bad('is not an http(s) URL');
    }
    case 'heading-level':
      return /^[1-6]$/.test(value) ? { value: Number(value) } : bad('is not a heading level from 1 to 6');
    case 'kiosk':
      return { value: true };
    default:
      return { value };
  }
}
