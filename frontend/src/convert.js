// Conversion between the stored body format (a list of blocks) and the editor's
// ProseMirror JSON document. Pure functions: no DOM, so they also run under node.

const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", "#39": "'" };

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      try {
        return String.fromCodePoint(code);
      } catch {
        return m;
      }
    }
    const v = NAMED[e.toLowerCase()];
    return v === undefined ? m : v;
  });
}

export function escapeText(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
}

function escapeAttr(s) {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function safeHref(href) {
  const h = (href || "").trim();
  return /^(https?:\/\/|mailto:)/i.test(h) ? h : null;
}

function attrValue(attrs, name) {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i");
  const m = re.exec(attrs);
  if (!m) return null;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? "");
}

const MARK_TAGS = { strong: "bold", b: "bold", em: "italic", i: "italic", a: "link" };

/** Parse stored inline html (strong, em, a, br) into ProseMirror inline JSON nodes. */
export function inlineFromHtml(html) {
  const out = [];
  if (!html) return out;
  const stack = []; // [{tag, mark}] (mark may be null for unknown/ignored tags)
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<!--[\s\S]*?-->|[^<]+|</g;
  let m;
  const activeMarks = () => {
    const marks = [];
    for (const entry of stack) {
      if (entry.mark && !marks.some((x) => x.type === entry.mark.type)) marks.push(entry.mark);
    }
    return marks;
  };
  const pushText = (text) => {
    if (!text) return;
    const marks = activeMarks();
    const last = out[out.length - 1];
    if (last && last.type === "text" && sameMarks(last.marks || [], marks)) {
      last.text += text;
      return;
    }
    const node = { type: "text", text };
    if (marks.length) node.marks = marks;
    out.push(node);
  };
  while ((m = re.exec(html))) {
    const token = m[0];
    if (m[2]) {
      const tag = m[2].toLowerCase();
      const closing = m[1] === "/";
      if (tag === "br") {
        if (!closing) out.push({ type: "hardBreak" });
        continue;
      }
      const markType = MARK_TAGS[tag];
      if (!markType) continue; // unknown tag: keep its text, drop the tag
      if (closing) {
        for (let i = stack.length - 1; i >= 0; i--) {
          if (stack[i].tag === tag) {
            stack.splice(i, 1);
            break;
          }
        }
      } else {
        let mark = { type: markType };
        if (markType === "link") {
          const href = safeHref(attrValue(m[3], "href"));
          mark = href ? { type: "link", attrs: { href } } : null;
        }
        stack.push({ tag, mark });
      }
    } else if (token.startsWith("<!--")) {
      continue;
    } else {
      pushText(decodeEntities(token));
    }
  }
  return out;
}

function sameMarks(a, b) {
  if (a.length !== b.length) return false;
  return a.every((x) => b.some((y) => y.type === x.type && (x.attrs?.href || null) === (y.attrs?.href || null)));
}

const MARK_RANK = { link: 0, bold: 1, italic: 2 };

function openTag(mark) {
  if (mark.type === "bold") return "<strong>";
  if (mark.type === "italic") return "<em>";
  return `<a href="${escapeAttr(mark.attrs.href)}">`;
}

function closeTag(mark) {
  return mark.type === "bold" ? "</strong>" : mark.type === "italic" ? "</em>" : "</a>";
}

function markKey(m) {
  return m.type === "link" ? `link:${m.attrs.href}` : m.type;
}

/** Serialise ProseMirror inline JSON nodes to the stored inline html. */
export function inlineToHtml(nodes) {
  let html = "";
  let stack = [];
  for (const node of nodes || []) {
    let marks = [];
    if (node.type === "text") {
      marks = (node.marks || [])
        .filter((mk) => mk.type in MARK_RANK)
        .map((mk) => (mk.type === "link" ? { type: "link", attrs: { href: safeHref(mk.attrs?.href) } } : { type: mk.type }))
        .filter((mk) => mk.type !== "link" || mk.attrs.href)
        .sort((a, b) => MARK_RANK[a.type] - MARK_RANK[b.type]);
    }
    const keys = marks.map(markKey);
    let keep = 0;
    while (keep < stack.length && keys.includes(markKey(stack[keep]))) keep++;
    while (stack.length > keep) html += closeTag(stack.pop());
    for (const mk of marks) {
      if (!stack.some((s) => markKey(s) === markKey(mk))) {
        html += openTag(mk);
        stack.push(mk);
      }
    }
    if (node.type === "text") html += escapeText(node.text || "");
    else if (node.type === "hardBreak") html += "<br>";
  }
  while (stack.length) html += closeTag(stack.pop());
  return html;
}

function plainText(nodes) {
  return (nodes || []).map((n) => (n.type === "text" ? n.text : n.type === "hardBreak" ? " " : "")).join("");
}

function textIsBlank(nodes) {
  return plainText(nodes).trim() === "";
}

export function stripCreditPrefix(credit) {
  return (credit || "").replace(/^\s*foto\s*:\s*/i, "").trim();
}

function photoAttrs(item, photos) {
  const id = Number(item.photo);
  const info = (photos && (photos[id] || photos[String(id)])) || {};
  return {
    photo: id,
    caption: item.caption || "",
    credit: item.credit || "",
    thumb: info.thumb || "",
    alt: info.alt || "",
    width: info.width || null,
    height: info.height || null,
  };
}

function para(html) {
  const content = inlineFromHtml(html);
  return content.length ? { type: "paragraph", content } : { type: "paragraph" };
}

/** Stored blocks (+ photo and article maps for display) -> ProseMirror JSON document. */
export function blocksToDoc(blocks, photos, articles) {
  const content = [];
  for (const b of Array.isArray(blocks) ? blocks : []) {
    if (!b || typeof b !== "object") continue;
    switch (b.type) {
      case "paragraph":
        content.push(para(b.text || ""));
        break;
      case "heading": {
        const text = b.text || "";
        content.push(text ? { type: "heading", content: [{ type: "text", text }] } : { type: "heading" });
        break;
      }
      case "quote":
        content.push({ type: "quote", attrs: { cite: b.cite || "" }, content: [para(b.text || "")] });
        break;
      case "list": {
        const items = (b.items || []).map((i) => ({ type: "listItem", content: [para(i)] }));
        if (!items.length) break;
        content.push(b.ordered ? { type: "orderedList", attrs: { start: 1 }, content: items } : { type: "bulletList", content: items });
        break;
      }
      case "image":
        content.push({ type: "image", attrs: photoAttrs(b, photos) });
        break;
      case "gallery":
        content.push({ type: "gallery", attrs: { photos: (b.photos || []).map((p) => photoAttrs(p, photos)) } });
        break;
      case "embed":
        content.push({ type: "embed", attrs: { url: b.url || "", caption: b.caption || "" } });
        break;
      case "related": {
        const id = Number(b.article);
        const info = (articles && (articles[id] || articles[String(id)])) || {};
        content.push({ type: "related", attrs: { article: id, headline: info.headline || "", url: info.url || "" } });
        break;
      }
      case "divider":
        content.push({ type: "horizontalRule" });
        break;
      default:
        break;
    }
  }
  if (!content.length) content.push({ type: "paragraph" });
  return { type: "doc", content };
}

function listItemsHtml(list, out) {
  for (const item of list.content || []) {
    const parts = [];
    for (const child of item.content || []) {
      if (child.type === "paragraph" || child.type === "heading") {
        if (!textIsBlank(child.content)) parts.push(inlineToHtml(child.content).trim());
      } else if (child.type === "bulletList" || child.type === "orderedList") {
        if (parts.length) out.push(parts.splice(0).join("<br>"));
        listItemsHtml(child, out);
      }
    }
    if (parts.length) out.push(parts.join("<br>"));
  }
  return out;
}

function photoOut(a) {
  return { photo: Number(a.photo), caption: (a.caption || "").trim(), credit: stripCreditPrefix(a.credit) };
}

/** ProseMirror JSON document -> stored blocks (empty paragraphs dropped). */
export function docToBlocks(doc) {
  const blocks = [];
  for (const node of (doc && doc.content) || []) {
    const a = node.attrs || {};
    switch (node.type) {
      case "paragraph":
        if (!textIsBlank(node.content)) blocks.push({ type: "paragraph", text: inlineToHtml(node.content).trim() });
        break;
      case "heading": {
        const text = plainText(node.content).trim();
        if (text) blocks.push({ type: "heading", text });
        break;
      }
      case "quote": {
        const parts = (node.content || [])
          .filter((p) => !textIsBlank(p.content))
          .map((p) => inlineToHtml(p.content).trim());
        if (parts.length) blocks.push({ type: "quote", text: parts.join("<br>"), cite: (a.cite || "").trim() });
        break;
      }
      case "bulletList":
      case "orderedList": {
        const items = listItemsHtml(node, []);
        if (items.length) blocks.push({ type: "list", ordered: node.type === "orderedList", items });
        break;
      }
      case "image":
        if (Number(a.photo) > 0) blocks.push({ type: "image", ...photoOut(a) });
        break;
      case "gallery": {
        const photos = (a.photos || []).filter((p) => Number(p.photo) > 0).map(photoOut);
        if (photos.length === 1) blocks.push({ type: "image", ...photos[0] });
        else if (photos.length > 1) blocks.push({ type: "gallery", photos });
        break;
      }
      case "embed":
        if (a.url) blocks.push({ type: "embed", url: a.url.trim(), caption: (a.caption || "").trim() });
        break;
      case "related":
        if (Number(a.article) > 0) blocks.push({ type: "related", article: Number(a.article) });
        break;
      case "horizontalRule":
        blocks.push({ type: "divider" });
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** Words a reader reads: paragraphs, headings, quotes and list items (not captions). */
export function countWords(blocks) {
  const count = (html) => decodeEntities(html.replace(/<[^>]*>/g, " ")).split(/\s+/).filter(Boolean).length;
  let total = 0;
  for (const b of blocks) {
    if (b.type === "list") total += b.items.reduce((n, i) => n + count(i), 0);
    else if (b.type === "paragraph" || b.type === "heading" || b.type === "quote") total += count(b.text);
  }
  return total;
}

const EMBED_HOSTS = {
  "youtube.com": "youtube",
  "www.youtube.com": "youtube",
  "m.youtube.com": "youtube",
  "youtu.be": "youtube",
  "x.com": "x",
  "twitter.com": "x",
  "www.instagram.com": "instagram",
  "instagram.com": "instagram",
};

/** Return "youtube" | "x" | "instagram" for an accepted embed URL, else null. */
export function embedPlatform(url) {
  const m = /^https:\/\/([^/?#:]+)(?:[/?#]|$)/i.exec((url || "").trim());
  if (!m) return null;
  return EMBED_HOSTS[m[1].toLowerCase()] || null;
}
