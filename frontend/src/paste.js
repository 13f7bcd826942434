// Cleans HTML pasted from Word, Google Docs, WhatsApp Web and web pages down to the
// markup the schema keeps: p, h1-h6 (-> subheading), ul/ol/li, blockquote, hr,
// strong/em, a[href], br. Runs before ProseMirror parses the clipboard HTML.
import { safeHref, escapeText } from "./convert.js";

const DROP = "style,script,meta,link,title,img,picture,video,audio,iframe,object,embed,svg,canvas,noscript,template,button,input,select,textarea,form,figcaption,map,head";
const BLOCK = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "BLOCKQUOTE", "HR", "TABLE", "DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "MAIN", "ASIDE", "NAV", "FIGURE", "PRE", "DL", "DT", "DD", "ADDRESS", "CENTER"]);
const KEEP = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "BLOCKQUOTE", "HR", "STRONG", "EM", "A", "BR"]);
const TRACKING = /^(utm_[a-z_]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|yclid)$/i;

/** Remove tracking parameters (utm_*, fbclid, gclid, ...) and Google redirect wrappers. */
export function cleanUrl(href) {
  let url = (href || "").trim();
  try {
    let u = new URL(url);
    if (/(^|\.)google\.[a-z.]+$/i.test(u.hostname) && u.pathname === "/url") {
      const target = u.searchParams.get("q") || u.searchParams.get("url");
      if (target) u = new URL(target);
    }
    if (u.protocol === "mailto:") return safeHref(url);
    const drop = [...u.searchParams.keys()].filter((k) => TRACKING.test(k));
    drop.forEach((k) => u.searchParams.delete(k));
    url = u.toString();
  } catch {
    return null;
  }
  return safeHref(url);
}

function unwrap(node) {
  const parent = node.parentNode;
  if (!parent) return;
  while (node.firstChild) parent.insertBefore(node.firstChild, node);
  parent.removeChild(node);
}

function rename(node, tag) {
  const doc = node.ownerDocument;
  const fresh = doc.createElement(tag);
  while (node.firstChild) fresh.appendChild(node.firstChild);
  node.parentNode.replaceChild(fresh, node);
  return fresh;
}

function wrapChildren(node, tag) {
  const w = node.ownerDocument.createElement(tag);
  while (node.firstChild) w.appendChild(node.firstChild);
  node.appendChild(w);
  return w;
}

function styleOf(node) {
  return (node.getAttribute && node.getAttribute("data-we-style")) || "";
}

// A property by its whole name: Word's "mso-bidi-font-weight:normal" is not "font-weight".
const PROP = (name) => new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([a-z0-9]+)`, "i");
const FONT_WEIGHT = PROP("font-weight");
const FONT_STYLE = PROP("font-style");

function isBoldStyle(style) {
  const m = FONT_WEIGHT.exec(style);
  return !!m && (/^bold(er)?$/i.test(m[1]) || (/^\d+$/.test(m[1]) && Number(m[1]) >= 600));
}
function isNormalWeight(style) {
  const m = FONT_WEIGHT.exec(style);
  return !!m && (/^(normal|lighter)$/i.test(m[1]) || (/^\d+$/.test(m[1]) && Number(m[1]) < 600));
}
function isItalicStyle(style) {
  const m = FONT_STYLE.exec(style);
  return !!m && /^(italic|oblique)$/i.test(m[1]);
}
function isNormalStyle(style) {
  const m = FONT_STYLE.exec(style);
  return !!m && /^normal$/i.test(m[1]);
}

function hasBlockChild(node) {
  for (const c of node.children) if (BLOCK.has(c.tagName)) return true;
  return false;
}

// Word: paragraphs with mso-list become real list items.
function convertWordLists(body) {
  const paras = [...body.querySelectorAll("p")].filter(
    (p) => /MsoListParagraph/i.test(p.className || "") || /mso-list\s*:\s*l\d/i.test(styleOf(p)),
  );
  for (const p of paras) {
    let ordered = false;
    p.querySelectorAll("span").forEach((s) => {
      if (/mso-list\s*:\s*ignore/i.test(styleOf(s)) && s.isConnected) {
        if (/^\s*(\d+|[a-z]{1,3})[.)]/i.test(s.textContent)) ordered = true;
        s.remove();
      }
    });
    const li = p.ownerDocument.createElement("li");
    while (p.firstChild) li.appendChild(p.firstChild);
    let prev = p.previousSibling;
    while (prev && prev.nodeType === 3 && !prev.textContent.trim()) prev = prev.previousSibling;
    const tag = ordered ? "OL" : "UL";
    if (prev && prev.nodeType === 1 && prev.tagName === tag && prev.hasAttribute("data-we-word")) {
      prev.appendChild(li);
      p.remove();
    } else {
      const list = p.ownerDocument.createElement(tag);
      list.setAttribute("data-we-word", "");
      list.appendChild(li);
      p.parentNode.replaceChild(list, p);
    }
  }
}

function convertTables(body) {
  for (const table of [...body.querySelectorAll("table")].reverse()) {
    if (!table.isConnected) continue;
    const doc = table.ownerDocument;
    const frag = doc.createDocumentFragment();
    for (const row of table.querySelectorAll("tr")) {
      const p = doc.createElement("p");
      let first = true;
      for (const cell of row.children) {
        if (!/^(TD|TH)$/.test(cell.tagName) || !cell.textContent.trim()) continue;
        if (!first) p.appendChild(doc.createTextNode(" · "));
        first = false;
        cell.querySelectorAll("p, div, li, h1, h2, h3, h4, h5, h6").forEach((b) => {
          b.appendChild(doc.createTextNode(" "));
          unwrap(b);
        });
        cell.querySelectorAll("ul, ol, table").forEach(unwrap);
        while (cell.firstChild) p.appendChild(cell.firstChild);
      }
      if (p.textContent.trim()) frag.appendChild(p);
    }
    table.parentNode.replaceChild(frag, table);
  }
}

// WhatsApp-style *bold* and _italic_ markers in plain text.
const MARKER = /(^|[\s([{"'“‘])([*_])(?=\S)([^*_\n]*?\S)\2(?=$|[\s.,;:!?)\]}"'”’])/g;
function convertMarkers(body) {
  const walker = body.ownerDocument.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  for (const t of texts) {
    if (!/[*_]/.test(t.data) || t.parentNode.closest("a")) continue;
    MARKER.lastIndex = 0;
    if (!MARKER.test(t.data)) continue;
    MARKER.lastIndex = 0;
    const doc = t.ownerDocument;
    const frag = doc.createDocumentFragment();
    let last = 0;
    let m;
    while ((m = MARKER.exec(t.data))) {
      const start = m.index + m[1].length;
      frag.appendChild(doc.createTextNode(t.data.slice(last, start)));
      const mark = doc.createElement(m[2] === "*" ? "strong" : "em");
      mark.textContent = m[3];
      frag.appendChild(mark);
      last = m.index + m[0].length;
    }
    frag.appendChild(doc.createTextNode(t.data.slice(last)));
    t.parentNode.replaceChild(frag, t);
  }
}

export function cleanPasteHTML(html) {
  if (!html || typeof DOMParser === "undefined") return html;
  if (/data-pm-slice/.test(html)) return html; // copied from this (or another ProseMirror) editor
  html = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    // Word's list markers ("1.", "·") sit in <![if !supportLists]>: keep them for
    // convertWordLists, which reads whether the list is numbered and then drops them.
    .replace(/<!\[if[^\]]*\]>([\s\S]*?)<!\[endif\]>/gi, (m, inner) => (/supportLists/i.test(m) ? inner : m))
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/?o:p[^>]*>/gi, "")
    // Keep styles readable without applying them (a strict CSP would report every one).
    .replace(/<style[\s\S]*?<\/style>/gi, "")
    .replace(/(<[a-z][^<>]*?\s)style\s*=/gi, "$1data-we-style=");
  const doc = new DOMParser().parseFromString(html, "text/html");
  const body = doc.body;
  body.querySelectorAll(DROP).forEach((n) => n.remove());
  body.querySelectorAll("figure").forEach((f) => {
    if (!f.textContent.trim()) f.remove();
  });
  // Namespaced Office elements: VML shapes go, others are unwrapped.
  [...body.querySelectorAll("*")].filter((n) => n.tagName.includes(":")).forEach((n) => (/^V:/i.test(n.tagName) ? n.remove() : unwrap(n)));

  // Google Docs wrapper <b style="font-weight:normal" id="docs-internal-guid-...">.
  body.querySelectorAll('b[id^="docs-internal-guid"]').forEach(unwrap);
  convertWordLists(body);
  body.querySelectorAll("p").forEach((p) => {
    const cls = p.className || "";
    if (/MsoTitle|MsoSubtitle/i.test(cls)) rename(p, "h2");
    else if (/MsoQuote|MsoIntenseQuote/i.test(cls)) {
      const q = rename(p, "blockquote");
      wrapChildren(q, "p");
    }
  });

  // Styles -> marks, before the styles go.
  for (const n of [...body.querySelectorAll("[data-we-style]")]) {
    const style = styleOf(n);
    const tag = n.tagName;
    if ((tag === "B" || tag === "STRONG") && isNormalWeight(style)) {
      n.setAttribute("data-we-unwrap", "");
      continue;
    }
    if ((tag === "I" || tag === "EM") && isNormalStyle(style)) {
      n.setAttribute("data-we-unwrap", "");
      continue;
    }
    if (tag === "B" || tag === "STRONG" || /^H[1-6]$/.test(tag)) continue;
    if (isBoldStyle(style)) wrapChildren(n, "strong");
    if (isItalicStyle(style) && tag !== "I" && tag !== "EM") wrapChildren(n, "em");
  }
  body.querySelectorAll("[data-we-unwrap]").forEach(unwrap);
  convertTables(body);

  // Element by element: rename to what we keep, unwrap the rest, strip attributes.
  for (const n of [...body.querySelectorAll("*")]) {
    if (!n.isConnected) continue;
    let tag = n.tagName;
    if (tag === "B") tag = rename(n, "strong").tagName;
    else if (tag === "I") tag = rename(n, "em").tagName;
    else if (tag === "A") {
      const href = cleanUrl(n.getAttribute("href"));
      if (!href || !n.textContent.trim()) {
        unwrap(n);
        continue;
      }
      for (const a of [...n.attributes]) n.removeAttribute(a.name);
      n.setAttribute("href", href);
      continue;
    } else if (["DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "MAIN", "ASIDE", "NAV", "FIGURE", "CENTER", "ADDRESS", "PRE", "DD", "DT"].includes(tag)) {
      if (hasBlockChild(n)) {
        unwrap(n);
        continue;
      }
      tag = rename(n, "p").tagName;
    } else if (tag === "DL") {
      unwrap(n);
      continue;
    }
    const node = n.isConnected ? n : null;
    if (!node) continue;
    if (!KEEP.has(tag)) {
      unwrap(n);
      continue;
    }
    for (const a of [...n.attributes]) n.removeAttribute(a.name);
  }
  // Fresh references after renames.
  body.querySelectorAll("strong, em, a, p, li, h1, h2, h3, h4, h5, h6, blockquote, ul, ol, br, hr").forEach((n) => {
    for (const a of [...n.attributes]) if (!(n.tagName === "A" && a.name === "href")) n.removeAttribute(a.name);
  });

  convertMarkers(body);

  // Nested formatting of the same kind and empty marks.
  body.querySelectorAll("strong strong, em em").forEach(unwrap);
  body.querySelectorAll("strong, em").forEach((n) => {
    if (!n.textContent && !n.querySelector("br")) n.remove();
  });
  // Headings keep plain text only.
  body.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach((h) => {
    h.querySelectorAll("strong, em, a").forEach(unwrap);
    h.querySelectorAll("br").forEach((br) => br.replaceWith(doc.createTextNode(" ")));
  });
  // Stray <br> between blocks and trailing <br> in blocks make empty paragraphs.
  body.querySelectorAll("br").forEach((br) => {
    const parent = br.parentNode;
    if (parent === body || parent.tagName === "UL" || parent.tagName === "OL" || parent.tagName === "BLOCKQUOTE") {
      br.remove();
      return;
    }
    if (!br.nextSibling || (br.nextSibling.nodeType === 3 && !br.nextSibling.textContent.trim() && !br.nextSibling.nextSibling)) {
      if (/^(P|LI|H[1-6])$/.test(parent.tagName)) br.remove();
    }
  });
  // Empty blocks go.
  let changed = true;
  while (changed) {
    changed = false;
    body.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, blockquote, ul, ol").forEach((b) => {
      if (!b.textContent.replace(/\u00a0/g, " ").trim()) {
        b.remove();
        changed = true;
      }
    });
  }
  return body.innerHTML.trim();
}

/** Plain text (as WhatsApp copies it) -> HTML paragraphs, one per line. */
export function textToHTML(text) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeText(line)}</p>`)
    .join("");
}
