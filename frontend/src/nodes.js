// The editor schema: exactly what the stored block format can hold.
import { Node, Extension, textblockTypeInputRule, wrappingInputRule } from "@tiptap/core";
import Document from "@tiptap/extension-document";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import Bold from "@tiptap/extension-bold";
import Italic from "@tiptap/extension-italic";
import Link from "@tiptap/extension-link";
import HardBreak from "@tiptap/extension-hard-break";
import HorizontalRule from "@tiptap/extension-horizontal-rule";
import { BulletList, OrderedList, ListItem } from "@tiptap/extension-list";
import { UndoRedo, Dropcursor, Gapcursor, Placeholder, TrailingNode } from "@tiptap/extensions";
import { S } from "./strings.js";
import { stripCreditPrefix, embedPlatform, safeHref } from "./convert.js";
import { ctx } from "./context.js";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}
export { el };

// ---- Subheading: one level only (h2), plain text ------------------------------------------
const Heading = Node.create({
  name: "heading",
  group: "block",
  content: "text*",
  marks: "",
  defining: true,
  parseHTML() {
    return ["h1", "h2", "h3", "h4", "h5", "h6"].map((tag) => ({ tag }));
  },
  renderHTML() {
    return ["h2", 0];
  },
  addCommands() {
    return {
      toggleSubheading:
        () =>
        ({ editor, commands }) =>
          editor.isActive("heading") ? commands.setNode("paragraph") : commands.setNode("heading"),
    };
  },
  addInputRules() {
    return [textblockTypeInputRule({ find: /^#{1,3}\s$/, type: this.type })];
  },
});

// ---- Quote: paragraphs + a "cite" attribute edited in a plain input --------------------------
const Quote = Node.create({
  name: "quote",
  group: "block",
  content: "paragraph+",
  defining: true,
  addAttributes() {
    return {
      cite: {
        default: "",
        parseHTML: (e) => e.getAttribute("data-cite") || e.querySelector("cite, footer")?.textContent?.trim() || "",
        renderHTML: (a) => (a.cite ? { "data-cite": a.cite } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: "blockquote" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["blockquote", HTMLAttributes, 0];
  },
  addCommands() {
    return {
      toggleQuote:
        () =>
        ({ editor, commands }) =>
          editor.isActive("quote") ? commands.lift("quote") : commands.wrapIn("quote"),
    };
  },
  addInputRules() {
    return [wrappingInputRule({ find: /^\s*>\s$/, type: this.type })];
  },
  addNodeView() {
    return ({ node, getPos, editor }) => {
      let current = node;
      const content = el("div", { class: "we-quote-text" });
      const input = el("input", { type: "text", class: "we-quote-cite", placeholder: S.quoteCite, "aria-label": S.quoteCite });
      input.value = node.attrs.cite || "";
      const citeRow = el("div", { class: "we-quote-cite-row", contenteditable: "false" }, input);
      const dom = el("blockquote", { class: "we-quote" }, content, citeRow);
      input.addEventListener("input", () => setAttrs(editor, getPos, current, { cite: input.value }));
      guardEnter(input);
      return {
        dom,
        contentDOM: content,
        update(n) {
          if (n.type !== current.type) return false;
          current = n;
          if (document.activeElement !== input && input.value !== (n.attrs.cite || "")) input.value = n.attrs.cite || "";
          return true;
        },
        stopEvent: (e) => citeRow.contains(e.target),
        ignoreMutation: (m) => m.type !== "selection" && !content.contains(m.target),
      };
    };
  },
});

// ---- helpers for atom node views ------------------------------------------------------------
function setAttrs(editor, getPos, node, patch) {
  const pos = typeof getPos === "function" ? getPos() : null;
  if (typeof pos !== "number") return;
  const { state } = editor.view;
  const at = state.doc.nodeAt(pos);
  if (!at) return;
  editor.view.dispatch(state.tr.setNodeMarkup(pos, undefined, { ...at.attrs, ...patch }));
}

function removeNode(editor, getPos) {
  const pos = getPos();
  if (typeof pos !== "number") return;
  const { state } = editor.view;
  const at = state.doc.nodeAt(pos);
  if (at) editor.view.dispatch(state.tr.delete(pos, pos + at.nodeSize));
  editor.commands.focus();
}

function guardEnter(input) {
  // An Enter in an input inside the article <form> would submit it.
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") e.preventDefault();
  });
}

function field(label, cls, value, onInput, onChange) {
  const input = el("input", { type: "text", class: `we-input ${cls}`, placeholder: label, "aria-label": label });
  input.value = value || "";
  input.addEventListener("input", () => onInput(input.value));
  if (onChange) input.addEventListener("change", () => onChange(input));
  guardEnter(input);
  return input;
}

function removeButton(onClick) {
  const b = el("button", { type: "button", class: "we-remove", "aria-label": S.removeBlock, title: S.removeBlock, text: "×" });
  b.addEventListener("click", onClick);
  return b;
}

function atomView(build) {
  return ({ node, getPos, editor }) => {
    let current = node;
    const api = {
      get node() {
        return current;
      },
      set: (patch) => setAttrs(editor, getPos, current, patch),
      remove: () => removeNode(editor, getPos),
      editor,
    };
    const { dom, sync } = build(api, node);
    dom.setAttribute("contenteditable", "false");
    return {
      dom,
      update(n) {
        if (n.type !== current.type) return false;
        current = n;
        sync(n);
        return true;
      },
      stopEvent: (e) => {
        const t = e.target;
        return !!(t && t.closest && t.closest("input, textarea, button, select, label"));
      },
      ignoreMutation: () => true,
      selectNode: () => dom.classList.add("is-selected"),
      deselectNode: () => dom.classList.remove("is-selected"),
    };
  };
}

function syncInput(input, value) {
  if (document.activeElement !== input && input.value !== (value || "")) input.value = value || "";
}

function jsonAtom(name, attrNames) {
  const attrs = {};
  for (const [k, d] of Object.entries(attrNames)) {
    attrs[k] = {
      default: d,
      rendered: false,
      parseHTML: (e) => {
        try {
          const v = JSON.parse(e.getAttribute("data-we-attrs") || "{}")[k];
          return v === undefined ? d : v;
        } catch {
          return d;
        }
      },
    };
  }
  return {
    name,
    group: "block",
    atom: true,
    draggable: true,
    selectable: true,
    addAttributes: () => attrs,
    parseHTML: () => [{ tag: `div[data-we-node="${name}"]` }],
    renderHTML: ({ node }) => ["div", { "data-we-node": name, "data-we-attrs": JSON.stringify(node.attrs) }],
  };
}

function thumbFor(attrs) {
  if (attrs.thumb) {
    const img = el("img", { class: "we-thumb", src: attrs.thumb, alt: attrs.alt || "" });
    if (attrs.width && attrs.height) {
      img.setAttribute("width", attrs.width);
      img.setAttribute("height", attrs.height);
    }
    return img;
  }
  return el("div", { class: "we-thumb we-thumb-missing", text: S.photoMissing(attrs.photo) });
}

// ---- Image ----------------------------------------------------------------------------------
const Image = Node.create({
  ...jsonAtom("image", { photo: null, caption: "", credit: "", thumb: "", alt: "", width: null, height: null }),
  addNodeView() {
    return atomView((api, node) => {
      const caption = field(S.caption, "we-caption", node.attrs.caption, (v) => api.set({ caption: v }));
      const credit = field(S.credit, "we-credit", node.attrs.credit, (v) => api.set({ credit: v }), (input) => {
        const clean = stripCreditPrefix(input.value);
        if (clean !== input.value) {
          input.value = clean;
          api.set({ credit: clean });
        }
      });
      const thumbBox = el("div", { class: "we-thumb-box" }, thumbFor(node.attrs));
      const dom = el(
        "figure",
        { class: "we-block we-image", "data-photo": node.attrs.photo },
        thumbBox,
        el("figcaption", { class: "we-fields" }, caption, credit),
        removeButton(() => api.remove()),
      );
      return {
        dom,
        sync(n) {
          syncInput(caption, n.attrs.caption);
          syncInput(credit, n.attrs.credit);
        },
      };
    });
  },
});

// ---- Gallery --------------------------------------------------------------------------------
const Gallery = Node.create({
  ...jsonAtom("gallery", { photos: [] }),
  addNodeView() {
    return atomView((api, node) => {
      const row = el("div", { class: "we-gallery-row" });
      const add = el("button", { type: "button", class: "we-btn we-gallery-add", text: S.addPhoto });
      add.addEventListener("click", () =>
        ctx.openPhotoPicker({
          multiple: true,
          minimum: 1,
          onPick: (photos) => api.set({ photos: [...api.node.attrs.photos, ...photos.map(photoItem)] }),
        }),
      );
      const dom = el("figure", { class: "we-block we-gallery" }, row, el("div", { class: "we-gallery-actions" }, add), removeButton(() => api.remove()));
      let rendered = "";
      const render = (photos) => {
        const key = JSON.stringify(photos.map((p) => [p.photo, p.thumb]));
        if (key === rendered) {
          // Same photos: only refresh inputs that are not being typed into.
          row.querySelectorAll(".we-gallery-item").forEach((item, i) => {
            syncInput(item.querySelector(".we-caption"), photos[i].caption);
            syncInput(item.querySelector(".we-credit"), photos[i].credit);
          });
          return;
        }
        rendered = key;
        row.replaceChildren();
        photos.forEach((p, i) => {
          const update = (patch) => {
            const list = api.node.attrs.photos.map((x, j) => (j === i ? { ...x, ...patch } : x));
            api.set({ photos: list });
          };
          const caption = field(S.caption, "we-caption", p.caption, (v) => update({ caption: v }));
          const credit = field(S.credit, "we-credit", p.credit, (v) => update({ credit: v }), (input) => {
            const clean = stripCreditPrefix(input.value);
            if (clean !== input.value) {
              input.value = clean;
              update({ credit: clean });
            }
          });
          const rm = removeButton(() => {
            const list = api.node.attrs.photos.filter((_, j) => j !== i);
            if (list.length) api.set({ photos: list });
            else api.remove();
          });
          row.append(el("div", { class: "we-gallery-item", "data-photo": p.photo }, el("div", { class: "we-thumb-box" }, thumbFor(p)), caption, credit, rm));
        });
      };
      render(node.attrs.photos || []);
      return { dom, sync: (n) => render(n.attrs.photos || []) };
    });
  },
});

export function photoItem(p) {
  return {
    photo: Number(p.id ?? p.photo),
    caption: p.caption || "",
    credit: stripCreditPrefix(p.credit || ""),
    thumb: p.thumb || "",
    alt: p.alt || "",
    width: p.width || null,
    height: p.height || null,
  };
}

// ---- Embed ----------------------------------------------------------------------------------
const Embed = Node.create({
  ...jsonAtom("embed", { url: "", caption: "" }),
  addNodeView() {
    return atomView((api, node) => {
      const platform = embedPlatform(node.attrs.url);
      const caption = field(S.embedCaption, "we-caption", node.attrs.caption, (v) => api.set({ caption: v }));
      const dom = el(
        "figure",
        { class: `we-block we-embed we-embed-${platform || "unknown"}` },
        el("div", { class: "we-embed-head" }, el("span", { class: "we-embed-platform", text: S.platform[platform] || "?" }), el("span", { class: "we-embed-url", text: node.attrs.url })),
        el("figcaption", { class: "we-fields" }, caption),
        removeButton(() => api.remove()),
      );
      return { dom, sync: (n) => syncInput(caption, n.attrs.caption) };
    });
  },
});

// ---- Related ("Baca juga") ------------------------------------------------------------------
const Related = Node.create({
  ...jsonAtom("related", { article: null, headline: "", url: "" }),
  addNodeView() {
    return atomView((api, node) => {
      const dom = el(
        "aside",
        { class: "we-block we-related", "data-article": node.attrs.article },
        el("span", { class: "we-related-label", text: S.relatedLabel }),
        " ",
        el("span", { class: "we-related-headline", text: node.attrs.headline || S.relatedMissing(node.attrs.article) }),
        removeButton(() => api.remove()),
      );
      return { dom, sync: () => {} };
    });
  },
});

// ---- Extra keys ------------------------------------------------------------------------------
const Keys = Extension.create({
  name: "wartaKeys",
  addKeyboardShortcuts() {
    return {
      "Mod-k": () => {
        ctx.editLink();
        return true;
      },
      "Mod-Alt-2": () => this.editor.commands.toggleSubheading(),
    };
  },
});

export function extensions() {
  return [
    Document,
    Paragraph,
    Text,
    HardBreak,
    Bold,
    Italic,
    Link.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: "https",
      HTMLAttributes: { target: null, rel: null, class: null },
      isAllowedUri: (url) => !!safeHref(url),
    }),
    Heading,
    Quote,
    BulletList,
    OrderedList,
    ListItem.extend({ content: "paragraph" }),
    HorizontalRule,
    Image,
    Gallery,
    Embed,
    Related,
    UndoRedo,
    Dropcursor.configure({ class: "we-dropcursor", color: false }),
    Gapcursor,
    TrailingNode.configure({ node: "paragraph" }),
    Placeholder.configure({ placeholder: S.placeholder }),
    Keys,
  ];
}
