// The page's entry point: mounts the checker into index.html.
//
// `?today=YYYY-MM-DD` checks as of another date (support staff, tests); `?embed` hides
// the page's own header and footer for the <iframe> embed (see embed.html).
import { mountChecker } from './checker.js';

const params = new URLSearchParams(location.search);
const today = /^\d{4}-\d{2}-\d{2}$/.test(params.get('today') ?? '') ? params.get('today') : undefined;
if (params.has('embed')) document.documentElement.classList.add('embedded');

const checker = mountChecker(document.getElementById('checker'), {
  base: new URL('./', import.meta.url).href,
  today,
});
// For the browser tests and curious support staff: the report on show.
Object.defineProperty(window, 'qb324', { value: Object.freeze({ get report() { return checker.report; } }) });
