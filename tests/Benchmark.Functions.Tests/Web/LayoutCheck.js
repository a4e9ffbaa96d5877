// Finds what a reader sees as broken layout and axe does not: words broken across lines, content wider than the
// window, and visible elements drawn over each other. Returns a list of findings, each a short sentence.
(() => {
  const findings = [];
  const viewport = document.documentElement.clientWidth;
  const describe = (element) => {
    const id = element.id ? `#${element.id}` : "";
    const classes = typeof element.className === "string" && element.className.trim() ? "." + element.className.trim().split(/\s+/).slice(0, 2).join(".") : "";
    const text = (element.innerText || element.value || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `<${element.tagName.toLowerCase()}${id}${classes}> "${text}"`;
  };
  const visible = (element) => {
    // Content of a closed disclosure (<details>) keeps a box but is not drawn: checkVisibility knows.
    if (typeof element.checkVisibility === "function" && !element.checkVisibility()) return false;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  // Inside a region that scrolls sideways on purpose (a wide table in its scroll box), overflow is the design.
  const inScroller = (element) => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow === "auto" || overflow === "scroll") return true;
    }
    return false;
  };
  // Hidden for sight but read by screen readers (visually-hidden, 1px clip): not laid out for reading.
  const clipped = (element) => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.clip && style.clip !== "auto") return true;
      if (style.clipPath && style.clipPath !== "none") return true;
    }
    return false;
  };

  // 1. A word broken over two lines: one word, more than one line box.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const reported = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !visible(parent) || clipped(parent) || ["SCRIPT", "STYLE", "svg", "title"].includes(parent.tagName)) continue;
    if (parent.closest("svg")) continue;
    const text = node.textContent;
    const words = /[^\s\u00ad\u200b-]+/g;
    for (let match = words.exec(text); match; match = words.exec(text)) {
      if (match[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1 && !reported.has(parent)) {
        reported.add(parent);
        findings.push(`the word "${match[0]}" is broken over ${tops.size} lines in ${describe(parent)}`);
      }
    }
  }

  // 2. A label, heading or cell squeezed into a column too narrow for its words: three or more lines in a box
  // narrower than nine letters ("Ja, / ik / wil / ronde / 2027 / sluiten").
  for (const element of document.body.querySelectorAll("label, legend, th, td, dt, dd, h1, h2, h3, h4, button, a, caption, p, li")) {
    if (!visible(element) || clipped(element) || element.closest("svg")) continue;
    const text = (element.innerText || "").trim();
    if (text.split(/\s+/).length < 3) continue;
    const range = document.createRange();
    range.selectNodeContents(element);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    const em = parseFloat(getComputedStyle(element).fontSize);
    if (lines >= 3 && element.getBoundingClientRect().width < 9 * em) {
      findings.push(`${describe(element)} is ${Math.round(element.getBoundingClientRect().width)}px wide and takes ${lines} lines for ${text.split(/\s+/).length} words`);
    }
  }

  // 3. A table caption partly hidden: it scrolls away with its table instead of staying readable.
  for (const caption of document.body.querySelectorAll("caption")) {
    if (!visible(caption)) continue;
    const frame = caption.closest("table").parentElement;
    const visibleRight = Math.min(viewport, frame.getBoundingClientRect().right);
    const range = document.createRange();
    range.selectNodeContents(caption);
    const textRight = Math.max(...[...range.getClientRects()].map((r) => r.right));
    if (textRight > visibleRight + 1) {
      findings.push(`the caption ${describe(caption)} runs to ${Math.round(textRight)}px, past the ${Math.round(visibleRight)}px it can be read in`);
    }
  }

  // 4. Wider than the window: the page scrolls sideways, or an element sticks out of it.
  if (document.documentElement.scrollWidth > viewport + 1) {
    findings.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${viewport}px window`);
  }
  const all = [...document.body.querySelectorAll("*")].filter((e) => visible(e) && !clipped(e) && !e.closest("svg"));
  for (const element of all) {
    const rect = element.getBoundingClientRect();
    if (rect.right > viewport + 1 && !inScroller(element)) {
      findings.push(`${describe(element)} reaches ${Math.round(rect.right)}px in a ${viewport}px window`);
      break;
    }
  }

  // 5. Overlap: two things a reader reads or uses, drawn over each other.
  const readable = all.filter((e) =>
    ["INPUT", "SELECT", "TEXTAREA", "BUTTON", "A", "LABEL", "IMG"].includes(e.tagName) ||
    ([...e.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent.trim()) && getComputedStyle(e).display !== "inline"));
  // A sticky or fixed bar (the questionnaire's save buttons) floats over the content scrolling under it, on purpose.
  const floating = (element) => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const position = getComputedStyle(node).position;
      if (position === "sticky" || position === "fixed") return true;
    }
    return false;
  };
  const boxes = readable.filter((e) => !floating(e)).map((e) => ({ e, r: e.getBoundingClientRect() }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const width = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const height = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (width > 2 && height > 2) {
        findings.push(`${describe(a.e)} overlaps ${describe(b.e)}`);
        if (findings.length > 40) return findings;
      }
    }
  }
  return findings;
})()
