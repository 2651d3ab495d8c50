// The page's entry point: mounts the checker into index.html.
//
// `?today=YYYY-MM-DD` checks as of another date (support staff, tests); `?embed` hides
// the page's own header, footer and explanations for the <iframe> embed (the checker
// keeps its own "which files" help) and posts the page's height to the parent, and
// `?accent=%230b5cab` / `?radius=6px` theme it from the iframe's URL (see embed.html).
import { mountChecker } from './checker.js';

const params = new URLSearchParams(location.search);
const today = /^\d{4}-\d{2}-\d{2}$/.test(params.get('today') ?? '') ? params.get('today') : undefined;
const embedded = params.has('embed');
if (embedded) document.documentElement.classList.add('embedded');
// Only values of a known shape reach the CSS (through the CSSOM, which the CSP allows).
const THEME = { accent: [/^#[0-9a-f]{3,8}$/i, '--qb-accent'], radius: [/^\d{1,2}(\.\d+)?(px|rem)$/, '--qb-radius'] };
for (const [param, [shape, property]] of Object.entries(THEME)) {
  const value = params.get(param);
  if (value && shape.test(value)) document.documentElement.style.setProperty(property, value);
}

const checker = mountChecker(document.getElementById('checker'), {
  base: new URL('./', import.meta.url).href,
  today,
});
// For the browser tests and curious support staff: the report on show.
Object.defineProperty(window, 'qb324', { value: Object.freeze({ get report() { return checker.report; } }) });

// In an <iframe>: tell the parent how tall the content is, whenever that changes, so the
// frame can grow with the report instead of scrolling inside the article. The message
// is { type: 'qb324:height', height } (CSS pixels) and carries nothing else; embed.html
// shows the parent's side, which takes it only from this frame's window and origin.
if (embedded && window.parent !== window) {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'qb324:height', height }, '*');
  };
  new ResizeObserver(post).observe(document.body);
  post();
}
