// The page's entry point: mounts the checker into index.html.
//
// `?today=YYYY-MM-DD` checks as of another date (support staff, tests); `?embed` hides
// the page's own header and footer for the <iframe> embed, and `?accent=%230b5cab` /
// `?radius=6px` theme it from the iframe's URL (see embed.html).
import { mountChecker } from './checker.js';

const params = new URLSearchParams(location.search);
const today = /^\d{4}-\d{2}-\d{2}$/.test(params.get('today') ?? '') ? params.get('today') : undefined;
if (params.has('embed')) document.documentElement.classList.add('embedded');
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
