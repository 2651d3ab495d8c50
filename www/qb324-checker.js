// <qb324-checker>: the checker as a custom element, for hosts that run it in their own
// page. Its shadow DOM keeps the host's CSS out and its own CSS in: `:host` resets
// everything the host could pass down by inheritance (`all: initial`), and every size
// comes from --qb324-font-size (default 16px), never from the host page's root font
// size, so `* { font: 30px serif }` on the host changes nothing inside. Theme it with the
// --qb-* custom properties and --qb324-font-size, which do cross the shadow boundary:
//
//   <script type="module" src="/qb324/qb324-checker.js"></script>
//   <qb324-checker style="--qb-accent: #0b5cab; --qb324-font-size: 17px"></qb324-checker>
//
// What this gives up (compared with the <iframe> embed): the *host page's* CSP and
// scripts now govern the checker. Any script on the host page (analytics, chat widgets,
// tag managers) runs in the same page as the user's files and could read them, and the
// page's network rules are the host's, not ours. The files must also be served from the
// host's own origin (a Worker must be same-origin), and the host page can read the
// report (`element.report`). Use the <iframe>, from a separate origin, when you cannot
// vouch for every script on the host page.
import { mountChecker } from './checker.js';

const base = new URL('./', import.meta.url).href;

class Qb324Checker extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('checker.css', base).href;
    root.append(css);
    const today = this.getAttribute('today') ?? undefined;
    this.checker = mountChecker(root, { base, today, shadow: true });
  }

  /** The report on show, or null. */
  get report() {
    return this.checker?.report ?? null;
  }
}

if (!customElements.get('qb324-checker')) customElements.define('qb324-checker', Qb324Checker);
