/**
 * frontdoor-wizard.js: the entry of dist/web/frontdoor-wizard.js and of the kiosk's script
 * (web/build.mjs bundles it with esbuild). In a page it registers <frontdoor-wizard>; run as a
 * module worker (the element starts its core's worker from this very file: one fetch) it serves
 * the core (worker.js). docs/web.md lists the modules behind it.
 */
import css from './frontdoor-wizard.css';
import first from 'frontdoor:first-screen';
import qr from 'frontdoor:kiosk-qr';
import { defineElement } from './element.js';
import { serveCore } from './worker.js';

/* global WorkerGlobalScope */
if (typeof customElements !== 'undefined' && typeof HTMLElement !== 'undefined') {
  if (!customElements.get('frontdoor-wizard')) customElements.define('frontdoor-wizard', defineElement({ css, first, qr }));
} else if (typeof WorkerGlobalScope !== 'undefined' && typeof document === 'undefined' && typeof self !== 'undefined' && self instanceof WorkerGlobalScope) {
  serveCore(self);
}
