"""Accessibility checks beyond axe, as functions over a loaded Playwright page (issue 21).

Each returns a list of problems as readable sentences, so a test asserts the list is empty on
the real and fixture sites, and a test on a page with a planted mistake asserts the same function
finds it. The measurements are Chromium's own: layout boxes, computed styles, the accessibility
tree (CDP), and HTML_CodeSniffer as a second rules engine.
"""

from __future__ import annotations

from helpers import ROOT

HTMLCS = ROOT / "node_modules" / "@pa11y" / "html_codesniffer" / "build" / "HTMLCS.js"

TEXT_SPACING_CSS = """
*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                         word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
"""WCAG 1.4.12's four values, as the W3C's text-spacing bookmarklet applies them."""

SIDEWAYS = """() => {
  const doc = document.documentElement;
  const wide = doc.scrollWidth - doc.clientWidth;
  // Which element sticks out: the widest box to the right of the viewport, not inside a scroller.
  let culprit = null;
  if (wide > 0) {
    for (const e of document.body.querySelectorAll('*')) {
      const b = e.getBoundingClientRect();
      if (b.right > doc.clientWidth + 1 && b.width > 0 && !e.closest('.snp-scroll-ok')) {
        let p = e.parentElement, inside = false;
        while (p && p !== document.body) {
          const s = getComputedStyle(p);
          if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { inside = true; break; }
          p = p.parentElement;
        }
        if (!inside) { culprit = e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
                                  ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
                                  ` (${Math.round(b.right)} px)`; break; }
      }
    }
  }
  return {wide, culprit, width: doc.clientWidth};
}"""

SCROLLERS = """() => [...document.querySelectorAll('body *')].filter(e => {
  const s = getComputedStyle(e);
  return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1
         && e.getBoundingClientRect().width > 0;
}).map(e => {
  const labelled = (e.getAttribute('aria-label') || '').trim() ||
    (e.getAttribute('aria-labelledby') || '').split(/\\s+/).map(i => document.getElementById(i))
      .filter(Boolean).map(x => x.textContent.trim()).join(' ');
  return {what: e.tagName.toLowerCase() + '.' + (typeof e.className === 'string' ? e.className : ''),
          data: !!(e.matches('pre, code, .md-typeset__table, .snp-tabel-scroll, .md-typeset__scrollwrap')
                   || e.querySelector(':scope > table, :scope > code')),
          focusable: e.tabIndex >= 0, labelled: !!labelled,
          region: e.getAttribute('role') === 'region' || !!e.querySelector(':scope > table, :scope > code')};
})"""

LOST_TEXT = """() => {
  const problems = [];
  const shown = e => { const b = e.getBoundingClientRect(), s = getComputedStyle(e);
    return b.width > 2 && b.height > 2 && s.visibility !== 'hidden' && s.display !== 'none'
           && !e.closest('[hidden], .md-visually-hidden, [aria-hidden=true]'); };
  const ownText = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const name = e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  // Cut off: a box that hides what does not fit, with text that does not fit.
  for (const e of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    const clipsX = ['hidden', 'clip'].includes(s.overflowX), clipsY = ['hidden', 'clip'].includes(s.overflowY);
    if (!(clipsX || clipsY) || !shown(e) || !e.innerText || !e.innerText.trim()) continue;
    // Material's drawers and the search overlay are closed panels: their content is not on screen.
    // The header bar repeats the site name and the page's h1 in one line and cuts them off with
    // "..."; both are shown in full on the page (a known problem in the statement).
    if (e.closest('.md-sidebar, .md-search, .md-nav__toggle, .md-dialog, .md-tooltip, .md-tooltip2,'
                  + ' .md-header__topic')) continue;
    if ((clipsX && e.scrollWidth > e.clientWidth + 1) || (clipsY && e.scrollHeight > e.clientHeight + 1))
      problems.push(`${name(e)} "${e.innerText.trim().slice(0, 40)}" knipt tekst af ` +
                    `(${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight})`);
  }
  // Overlap: text blocks next to each other in the flow whose boxes cross.
  const blocks = [...document.querySelectorAll('.md-content p, .md-content li, .md-content :is(h1,h2,h3,h4,h5,h6),'
                   + ' .md-content :is(td,th,dt,dd,figcaption,label,button,input,summary), .md-footer a, .md-header__topic')]
                 .filter(e => shown(e) && getComputedStyle(e).position !== 'absolute');
  const byParent = new Map();
  for (const e of blocks) { const k = e.parentElement; byParent.set(k, [...(byParent.get(k) || []), e]); }
  for (const sibs of byParent.values()) {
    for (let i = 0; i < sibs.length; i++) for (let j = i + 1; j < sibs.length; j++) {
      const a = sibs[i].getBoundingClientRect(), b = sibs[j].getBoundingClientRect();
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 2 && y > 2) problems.push(`${name(sibs[i])} "${sibs[i].innerText.trim().slice(0, 30)}" en ` +
                                        `${name(sibs[j])} "${sibs[j].innerText.trim().slice(0, 30)}" overlappen`);
    }
  }
  return problems;
}"""

MOTION = """() => {
  const moving = [];
  for (const e of document.querySelectorAll('*')) for (const pseudo of [null, '::before', '::after']) {
    const s = getComputedStyle(e, pseudo);
    const longest = v => Math.max(...v.split(',').map(t => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1)));
    const t = longest(s.transitionDuration) + longest(s.transitionDelay);
    const a = s.animationName !== 'none' ? longest(s.animationDuration) : 0;
    if (t > 0.01 || a > 0.01) moving.push(`${e.tagName.toLowerCase()}${pseudo || ''}.${typeof e.className === 'string'
      ? e.className.trim().split(/\\s+/).join('.') : ''}: ${t > 0.01 ? 'transition ' + s.transitionProperty + ' ' + t + 's' : ''}`
      + `${a > 0.01 ? ' animatie ' + s.animationName : ''}`);
  }
  return [...new Set(moving)];
}"""

FOCUS = """() => { const e = document.activeElement, s = getComputedStyle(e), b = e.getBoundingClientRect();
  return {tag: e.tagName, id: e.id, cls: typeof e.className === 'string' ? e.className : '',
          href: e.getAttribute('href'), text: (e.innerText || e.value || '').trim().slice(0, 40),
          ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          onscreen: b.width > 0 && b.height > 0 && b.bottom > 0 && b.top < innerHeight && b.right > 0
                    && b.left < innerWidth}; }"""


def add_css(page, css: str) -> None:
    """Add a style sheet through the CSSOM: the pages' meta policy rightly refuses an added <style>."""
    page.evaluate("""css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
                              document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""", css)


def reflow_problems(page, url: str) -> list[str]:
    """WCAG 1.4.10: no sideways scroll of the page; wide content scrolls in its own named region."""
    problems = []
    sideways = page.evaluate(SIDEWAYS)
    if sideways["wide"] > 0:
        problems.append(f"{url}: de pagina schuift {sideways['wide']} px opzij bij {sideways['width']} px breed"
                        f" (uitsteker: {sideways['culprit']})")
    for s in page.evaluate(SCROLLERS):
        if not s["data"]:
            problems.append(f"{url}: {s['what']} schuift opzij maar is geen tabel of code")
        elif not (s["focusable"] and s["labelled"]):
            problems.append(f"{url}: {s['what']} schuift opzij maar is niet met het toetsenbord te bereiken"
                            f" of heeft geen naam (focus: {s['focusable']}, naam: {s['labelled']})")
    return problems


def lost_text_problems(page, url: str) -> list[str]:
    """Text cut off by a box that hides its overflow, text blocks on top of each other, sideways scroll."""
    problems = [f"{url}: {p}" for p in page.evaluate(LOST_TEXT)]
    sideways = page.evaluate(SIDEWAYS)
    if sideways["wide"] > 0:
        problems.append(f"{url}: de pagina schuift {sideways['wide']} px opzij (uitsteker: {sideways['culprit']})")
    return problems


def motion_problems(page, url: str) -> list[str]:
    """Transitions and animations still running although the visitor asked for reduced motion."""
    return [f"{url}: beweegt nog: {m}" for m in page.evaluate(MOTION)]


def tree_problems(page, url: str) -> list[str]:
    """Chromium's accessibility tree (CDP): one main landmark, one h1, no skipped heading level,
    every link and button with a name. The tree is what a screen reader reads, not the HTML."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    problems, mains, headings = [], 0, []
    for node in nodes:
        if node.get("ignored"):
            continue
        role = node.get("role", {}).get("value")
        name = (node.get("name", {}).get("value") or "").strip()
        props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        if role == "main":
            mains += 1
        elif role == "heading":
            headings.append((int(props.get("level", 0)), name))
        elif role in ("link", "button") and not name:
            problems.append(f"{url}: een {role} zonder naam in de toegankelijkheidsboom")
    if mains != 1:
        problems.append(f"{url}: {mains} main-landmarks in de boom, verwacht 1")
    if [level for level, _ in headings].count(1) != 1:
        problems.append(f"{url}: {[level for level, _ in headings].count(1)} koppen van niveau 1, verwacht 1")
    for (before, _), (level, name) in zip(headings, headings[1:]):
        if level > before + 1:
            problems.append(f"{url}: kop '{name[:40]}' springt van niveau {before} naar {level}")
    return problems


HTMLCS_DISAGREES = {
    "H32.2": "form.md-search__form",
}
"""Where HTML_CodeSniffer and axe disagree, and why we follow axe (docs/toegankelijkheid-tests.md):
H32.2 wants a submit button in every form; Material's search form shows results while typing
and needs none (no change of context, WCAG 3.2.2 is met)."""


def htmlcs_problems(page, url: str) -> list[str]:
    """HTML_CodeSniffer's WCAG2AA errors (its 'error' type; warnings and notices ask a person).

    Elements that are not rendered (Material's hidden toggle checkboxes, display: none) are not
    in the accessibility tree, so no one meets them: HTML_CodeSniffer checks them anyway, axe not.
    """
    page.evaluate(HTMLCS.read_text(encoding="utf-8"))  # as axe: the meta policy refuses an added <script>
    messages = page.evaluate("""(skip) => new Promise(done => HTMLCS.process('WCAG2AA', document, () =>
        done(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
          .filter(m => !(m.element && m.element.nodeType === 1 && m.element !== document.documentElement
                         && !m.element.checkVisibility()))
          .filter(m => !Object.entries(skip).some(([code, sel]) => m.code.endsWith(code)
                                                   && m.element && m.element.matches && m.element.matches(sel)))
          .map(m => ({code: m.code, msg: m.msg,
             where: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 120) : ''})))))""",
                             HTMLCS_DISAGREES)
    return [f"{url}: htmlcs {m['code']}: {m['msg']} op {m['where']}" for m in messages]


FORCED_VISIBLE = """() => {
  // In forced colours Chromium drops box-shadow and paints backgrounds in the system colour:
  // a focus ring must be an outline, and a control must keep a border or its own forced colour.
  const out = [];
  const bg = getComputedStyle(document.body).backgroundColor;
  for (const e of document.querySelectorAll('.snp-schatting-form input, .snp-schatting-form button')) {
    const s = getComputedStyle(e);
    if (!(parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none' && s.borderTopColor !== bg))
      out.push(`${e.tagName.toLowerCase()} van het schattingsformulier heeft geen zichtbare rand`);
  }
  for (const svg of document.querySelectorAll('svg.snp-grafiek-svg')) {
    const marks = [...svg.querySelectorAll('rect, path, line, circle, polyline')].filter(m => {
      const s = getComputedStyle(m);
      return (s.fill !== 'none' && s.fill !== bg) || (s.stroke !== 'none' && s.stroke !== bg);
    });
    if (marks.length < 2) out.push(`grafiek "${svg.querySelector('title').textContent}" tekent niets zichtbaars`);
  }
  return out;
}"""


def forced_colour_problems(page, url: str) -> list[str]:
    """Controls, charts and the focus ring as drawn with forced colours (Windows high contrast)."""
    problems = [f"{url}: {p}" for p in page.evaluate(FORCED_VISIBLE)]
    for _ in range(4):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if not focus["outline"]:
            problems.append(f"{url}: focus op {focus['tag']} '{focus['text']}' heeft in hoog contrast geen outline")
    return problems


def focus_step(page, where: str) -> tuple[dict, list[str]]:
    """The element Tab moved to and, if its focus is not visible, why."""
    focus = page.evaluate(FOCUS)
    problems = []
    if focus["tag"] == "BODY":
        pass  # past the last element focus leaves the page for the browser's own bar: not the page's
    elif not focus["ring"]:
        problems.append(f"{where}: focus op {focus['tag']} '{focus['text']}' ({focus['href']}) is niet zichtbaar")
    elif not focus["onscreen"]:
        problems.append(f"{where}: focus op {focus['tag']} '{focus['text']}' valt buiten beeld")
    return focus, problems


def tab_until(page, where: str, wanted: str, limit: int = 80) -> tuple[bool, list[str]]:
    """Press Tab until the focused element matches the CSS selector `wanted`, checking each step."""
    problems = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus, seen = focus_step(page, where)
        problems += seen
        if page.evaluate("s => document.activeElement.matches(s)", wanted):
            return True, problems
    return False, problems + [f"{where}: na {limit} keer Tab nog geen {wanted}"]
