/**
 * A WCAG 2.x contrast audit run inside the page (as source text: the test program has no DOM types). For
 * every visible element with text of its own, for the labels cards draw with `::before`, and for the search
 * box's placeholder, it compares the text colour (SVG: the fill) with the background actually behind it (the
 * nearest opaque background among its ancestors, semi-transparent layers blended) and reports each pair
 * below 4.5:1 (3:1 for large text). Chart marks are held to 3:1 against the chart, as non-text content.
 */
export interface ContrastFailure {
  what: string;
  text: string;
  ratio: number;
  required: number;
  fg: string;
  bg: string;
}

export const CONTRAST_AUDIT = `(() => {
  function parse(color) {
    const m = /rgba?\\(([^)]+)\\)/.exec(color);
    if (!m) return undefined;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  function over(top, bottom) {
    const a = top.a + bottom.a * (1 - top.a);
    const mix = (x, y) => (x * top.a + y * bottom.a * (1 - top.a)) / (a || 1);
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  }
  function luminance(c) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function ratio(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }
  const cache = new Map();
  /** The opaque colour behind an element: its own background over its parent's (SVG shapes are skipped). */
  function background(el) {
    if (!el || el.nodeType !== 1) {
      const root = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (root && root.a >= 1) return root;
      return matchMedia('(prefers-color-scheme: dark)').matches ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
    }
    if (cache.has(el)) return cache.get(el);
    const below = background(el.parentElement);
    const own = el instanceof SVGElement && !(el instanceof SVGSVGElement) ? undefined : parse(getComputedStyle(el).backgroundColor);
    const result = own && own.a > 0 ? over(own, below) : below;
    cache.set(el, result);
    return result;
  }
  function visible(el) {
    if (el.closest('.visually-hidden, tr.hidden, [hidden]')) return false;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return rect.width > 1 && rect.height > 1 && style.visibility !== 'hidden' && style.display !== 'none';
  }
  function large(style) {
    const size = parseFloat(style.fontSize);
    return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  }
  const failures = [];
  function check(what, el, text, fgColor, style, required) {
    const fg = parse(fgColor);
    if (!fg) return;
    const bg = background(el);
    const r = ratio(over(fg, bg), bg);
    const need = required ?? (large(style) ? 3 : 4.5);
    if (r < need) failures.push({ what, text: text.trim().slice(0, 60), ratio: Math.round(r * 100) / 100, required: need, fg: fgColor, bg: 'rgb(' + [bg.r, bg.g, bg.b].map(Math.round).join(', ') + ')' });
  }
  for (const el of document.querySelectorAll('body *')) {
    if (el.matches('script, style, title, desc')) continue;
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (own === '' || !visible(el)) continue;
    const style = getComputedStyle(el);
    check(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''), el, own, el instanceof SVGElement ? style.fill : style.color, style);
  }
  for (const el of document.querySelectorAll('[data-label]')) {
    const before = getComputedStyle(el, '::before');
    if (before.content === 'none' || before.display === 'none' || !visible(el)) continue;
    check('::before label', el, el.getAttribute('data-label'), before.color, before);
  }
  const search = document.getElementById('search');
  if (search && visible(search)) {
    const placeholder = getComputedStyle(search, '::placeholder');
    check('::placeholder', search, search.placeholder, placeholder.color, placeholder);
  }
  for (const el of document.querySelectorAll('.tl-bar, .tl-mark')) {
    if (!visible(el)) continue;
    check('chart mark', el, el.getAttribute('class'), getComputedStyle(el).fill, getComputedStyle(el), 3);
  }
  return failures;
})()`;
