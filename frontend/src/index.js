// Warta writing desk: a Tiptap (ProseMirror) block editor mounted over the Django admin form.
import { Editor } from "@tiptap/core";
import { NodeSelection } from "@tiptap/pm/state";
import { S } from "./strings.js";
import { extensions, el, photoItem } from "./nodes.js";
import { ctx } from "./context.js";
import { blocksToDoc, docToBlocks, countWords, embedPlatform, safeHref } from "./convert.js";
import { cleanPasteHTML, textToHTML, cleanUrl } from "./paste.js";
import { createPhotoPicker, createRelatedPicker, createUrlForm } from "./dialogs.js";
import { enhanceTags } from "./tags.js";
import { postJSON, uploadPhoto, altFromFileName, readJSONScript } from "./api.js";
import { Spelling, reviewBeforeSending } from "./spelling.js";

const $ = (id) => document.getElementById(id);

export function slugify(text) {
  return (text || "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

function imageFiles(list) {
  return [...(list || [])].filter((f) => f && /^image\//.test(f.type || "") );
}

let mounted = null;

export function mount(root) {
  if (!root) return null;
  if (mounted && mounted.root === root) return mounted;
  const data = root.dataset;
  const form = root.closest("form") || $("article_form");
  const bodyJson = $("id_body_json");
  const fallbackRow = document.querySelector(".form-row.field-body_text") || $("id_body_text")?.closest(".form-row");
  if (fallbackRow) {
    fallbackRow.hidden = true;
    fallbackRow.style.display = "none"; // CSSOM: allowed under a strict CSP, beats admin CSS
  }
  root.classList.add("we-root");

  const photos = readJSONScript("body-photos") || {};
  const articles = readJSONScript("body-articles") || {};
  const blocks = readJSONScript("body-blocks") || [];
  const saved = readJSONScript("autosave-data");
  const wpm = parseInt(data.wpm, 10) || 200;

  // ---- Layout -------------------------------------------------------------------------------
  const toolbar = el("div", { class: "we-toolbar", role: "toolbar", "aria-label": S.toolbar });
  const status = el("div", { class: "we-status", id: "we-autosave-status", role: "status", "aria-live": "polite" });
  const uploadStatus = el("div", { class: "we-upload-status", id: "we-upload-status", role: "status", "aria-live": "polite" });
  const surface = el("div", { class: "we-surface" });
  const words = el("div", { class: "we-wordcount", id: "we-wordcount", "aria-live": "polite" });
  const shell = el("div", { class: "we-shell" }, toolbar, el("div", { class: "we-statusbar" }, status, uploadStatus), surface, words);
  root.replaceChildren(shell);

  // ---- Editor -------------------------------------------------------------------------------
  let autosave = null;
  const writeBody = () => {
    const out = docToBlocks(editor.getJSON());
    if (bodyJson) bodyJson.value = JSON.stringify(out);
    const n = countWords(out);
    words.textContent = S.words(n, Math.max(1, Math.ceil(n / wpm)));
    return out;
  };

  const photoUrl = data.photoUploadUrl;
  async function uploadAndInsert(files, pos) {
    for (const file of files) {
      uploadStatus.textContent = S.uploading;
      uploadStatus.classList.add("is-busy");
      const res = await uploadPhoto(photoUrl, { file, caption: "", credit: "", alt: altFromFileName(file.name) });
      uploadStatus.classList.remove("is-busy");
      if (!res.ok) {
        const msgs = Object.values(res.errors || {}).flat();
        uploadStatus.textContent = `${S.uploadFailed} ${msgs.join(" ")}`.trim();
        uploadStatus.classList.add("is-error");
        continue;
      }
      uploadStatus.classList.remove("is-error");
      uploadStatus.textContent = S.uploadDone;
      pos = insertBlock({ type: "image", attrs: photoItem(res.photo) }, pos);
    }
  }

  const editor = new Editor({
    element: surface,
    injectCSS: false,
    extensions: [...extensions(), Spelling.configure({ url: data.spellingUrl || "" })],
    content: blocksToDoc(blocks, photos, articles),
    editorProps: {
      attributes: { class: "we-prose", "aria-label": S.placeholder, "aria-multiline": "true", role: "textbox", spellcheck: "true", lang: document.documentElement.lang || "id" },
      transformPastedHTML: (html) => cleanPasteHTML(html),
      handlePaste: (view, event) => {
        const cd = event.clipboardData;
        if (!cd) return false;
        const files = imageFiles(cd.files);
        if (files.length && photoUrl) {
          event.preventDefault();
          uploadAndInsert(files, null);
          return true;
        }
        const html = cd.getData("text/html");
        const text = cd.getData("text/plain");
        if (!html && text) {
          const url = text.trim();
          const $from = view.state.selection.$from;
          if (/^\S+$/.test(url) && embedPlatform(url) && view.state.selection.empty && $from.depth === 1 && $from.parent.type.name === "paragraph" && $from.parent.content.size === 0) {
            event.preventDefault();
            insertBlock({ type: "embed", attrs: { url, caption: "" } });
            return true;
          }
          // WhatsApp-style *bold* / _italic_ markers in plain text.
          if (/(^|\s)([*_])\S[^\n]*?\2(\s|$|[.,!?])/.test(text) && $from.parent.type.name !== "heading") {
            event.preventDefault();
            view.pasteHTML(cleanPasteHTML(textToHTML(text)));
            return true;
          }
        }
        return false;
      },
      handleDrop: (view, event, slice, moved) => {
        if (moved) return false;
        const files = imageFiles(event.dataTransfer && event.dataTransfer.files);
        if (!files.length || !photoUrl) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        uploadAndInsert(files, at ? at.pos : null);
        return true;
      },
    },
    onUpdate: () => {
      writeBody();
      if (autosave) autosave.changed();
    },
  });

  if (data.spellingUrl) reviewBeforeSending(editor, root);

  function insertBlock(json, at) {
    const { state } = editor;
    let range;
    if (at == null && state.selection instanceof NodeSelection) range = state.selection.to;
    else {
      const pos = at == null ? state.selection.from : Math.max(0, Math.min(at, state.doc.content.size));
      const $pos = state.doc.resolve(pos);
      if ($pos.depth === 0) range = pos;
      else {
        const top = $pos.node(1);
        if (top.type.name === "paragraph" && top.content.size === 0) range = { from: $pos.before(1), to: $pos.after(1) };
        else range = $pos.after(1);
      }
    }
    editor.chain().insertContentAt(range, json).focus().run();
    const start = typeof range === "number" ? range : range.from;
    const node = editor.state.doc.nodeAt(start);
    return node ? start + node.nodeSize : null;
  }

  // ---- Dialogs ------------------------------------------------------------------------------
  const picker = data.photoSearchUrl ? createPhotoPicker({ searchUrl: data.photoSearchUrl, uploadUrl: data.photoUploadUrl }) : null;
  const relatedPicker = data.articleSearchUrl ? createRelatedPicker({ searchUrl: data.articleSearchUrl }) : null;
  const urlForm = createUrlForm();
  ctx.openPhotoPicker = (opts) => picker && picker.open(opts);

  ctx.editLink = async () => {
    const { from, to } = editor.state.selection;
    const prev = editor.getAttributes("link").href || "";
    const res = await urlForm.ask({
      title: S.linkTitle,
      label: S.linkUrl,
      value: prev,
      canRemove: !!prev,
      submitLabel: S.save,
      validate: (v) => (safeHref(normalizeLink(v)) ? null : S.linkInvalid),
    });
    const chain = editor.chain().focus().setTextSelection({ from, to });
    if (!res) return chain.run();
    if (res.remove) return chain.extendMarkRange("link").unsetLink().run();
    const href = cleanUrl(normalizeLink(res.url)) || normalizeLink(res.url);
    if (from === to && !prev) return chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    return chain.extendMarkRange("link").setLink({ href }).run();
  };

  function normalizeLink(v) {
    const s = (v || "").trim();
    if (/^[\w-]+(\.[\w-]+)+([/?#:]|$)/.test(s) && !/^mailto:/i.test(s)) return `https://${s}`;
    return s;
  }

  async function addEmbed() {
    const res = await urlForm.ask({
      title: S.embedTitle,
      label: S.embedUrl,
      withCaption: true,
      submitLabel: S.insert,
      validate: (v) => (embedPlatform(v) ? null : S.embedInvalid),
    });
    if (res && res.url) insertBlock({ type: "embed", attrs: { url: res.url, caption: res.caption || "" } });
    else editor.commands.focus();
  }

  // ---- Toolbar ------------------------------------------------------------------------------
  const previewUrl = data.previewUrl;
  const tools = [
    { id: "bold", label: S.bold, icon: "B", keys: "Ctrl+B", run: () => editor.chain().focus().toggleBold().run(), active: () => editor.isActive("bold") },
    { id: "italic", label: S.italic, icon: "I", keys: "Ctrl+I", run: () => editor.chain().focus().toggleItalic().run(), active: () => editor.isActive("italic") },
    { id: "link", label: S.link, icon: S.link, keys: "Ctrl+K", run: () => ctx.editLink(), active: () => editor.isActive("link") },
    { sep: true },
    { id: "heading", label: S.heading, icon: "H", run: () => editor.chain().focus().toggleSubheading().run(), active: () => editor.isActive("heading") },
    { id: "quote", label: S.quote, icon: "❝", run: () => editor.chain().focus().toggleQuote().run(), active: () => editor.isActive("quote") },
    { id: "bulletList", label: S.bulletList, icon: "•≡", run: () => editor.chain().focus().toggleBulletList().run(), active: () => editor.isActive("bulletList") },
    { id: "orderedList", label: S.orderedList, icon: "1.", run: () => editor.chain().focus().toggleOrderedList().run(), active: () => editor.isActive("orderedList") },
    { sep: true },
    picker && { id: "photo", label: S.photo, icon: S.photo, run: () => picker.open({ multiple: false, onPick: ([p]) => insertBlock({ type: "image", attrs: photoItem(p) }) }) },
    picker && { id: "gallery", label: S.gallery, icon: S.gallery, run: () => picker.open({ multiple: true, minimum: 2, onPick: (ps) => insertBlock({ type: "gallery", attrs: { photos: ps.map(photoItem) } }) }) },
    { id: "embed", label: S.embed, icon: S.embed, run: addEmbed },
    relatedPicker && { id: "related", label: S.related, icon: S.related, run: () => relatedPicker.open((a) => insertBlock({ type: "related", attrs: { article: a.id, headline: a.headline, url: a.url || "" } })) },
    { id: "divider", label: S.divider, icon: "—", run: () => editor.chain().focus().setHorizontalRule().run() },
    { sep: true },
    { id: "undo", label: S.undo, icon: "↶", keys: "Ctrl+Z", run: () => editor.chain().focus().undo().run(), enabled: () => editor.can().undo() },
    { id: "redo", label: S.redo, icon: "↷", keys: "Ctrl+Shift+Z", run: () => editor.chain().focus().redo().run(), enabled: () => editor.can().redo() },
    previewUrl && { sep: true },
    previewUrl && { id: "preview", label: S.preview, icon: S.preview, run: () => togglePreview(), active: () => previewOpen },
  ].filter(Boolean);
  const buttons = [];
  for (const t of tools) {
    if (t.sep) {
      toolbar.append(el("span", { class: "we-sep", "aria-hidden": "true" }));
      continue;
    }
    const b = el("button", {
      type: "button",
      class: `we-tool we-tool-${t.id}`,
      "data-action": t.id,
      "aria-label": t.label,
      title: t.keys ? `${t.label} (${t.keys})` : t.label,
      text: t.icon,
    });
    if (t.active) b.setAttribute("aria-pressed", "false");
    b.addEventListener("mousedown", (e) => e.preventDefault()); // keep the editor selection
    b.addEventListener("click", () => t.run());
    buttons.push([b, t]);
    toolbar.append(b);
  }
  const refreshToolbar = () => {
    for (const [b, t] of buttons) {
      if (t.active) b.setAttribute("aria-pressed", t.active() ? "true" : "false");
      if (t.enabled) b.disabled = !t.enabled();
    }
  };
  editor.on("transaction", refreshToolbar);
  editor.on("selectionUpdate", refreshToolbar);

  // ---- Phone preview ------------------------------------------------------------------------
  let previewOpen = false;
  let panel = null;
  let frame = null;
  function togglePreview(force) {
    previewOpen = force === undefined ? !previewOpen : force;
    if (previewOpen && !panel) {
      frame = el("iframe", { class: "we-preview-frame", title: S.preview, width: "375" });
      const close = el("button", { type: "button", class: "we-btn we-preview-close", text: S.closePreview });
      close.addEventListener("click", () => togglePreview(false));
      panel = el("aside", { class: "we-preview", id: "we-preview", "aria-label": S.preview }, el("div", { class: "we-preview-head" }, el("strong", { text: S.preview }), close), frame);
      document.body.appendChild(panel);
    }
    if (panel) {
      panel.hidden = !previewOpen;
      if (previewOpen) frame.src = previewUrl;
    }
    document.body.classList.toggle("we-preview-open", previewOpen);
    refreshToolbar();
  }

  // ---- Headline counter and slug --------------------------------------------------------------
  const headline = $("id_headline");
  const slug = $("id_slug");
  if (headline) {
    const count = el("span", { class: "we-count" });
    const hint = el("span", { class: "we-hint", text: S.headlineLong });
    const box = el("div", { class: "we-headline-count", id: "we-headline-count", "aria-live": "polite" }, count, " ", hint);
    headline.insertAdjacentElement("afterend", box);
    let slugTouched = !(data.slugFollows === "1" && slug);
    if (slug) slug.addEventListener("input", () => (slugTouched = true));
    const updateHeadline = (typing) => {
      const n = [...headline.value].length;
      count.textContent = S.chars(n);
      box.classList.toggle("is-long", n > 70);
      hint.hidden = n <= 70;
      if (typing === true && !slugTouched) slug.value = slugify(headline.value);
    };
    headline.addEventListener("input", () => updateHeadline(true));
    // The headline wraps in its box (a phone shows all of it) but is one line: Enter saves nothing in it.
    headline.addEventListener("keydown", (e) => {
      if (e.key === "Enter") e.preventDefault();
    });
    updateHeadline();
  }

  // ---- Tags ---------------------------------------------------------------------------------
  const tags = enhanceTags($("id_tags_text"), data.tagSearchUrl, () => autosave && autosave.changed());

  // ---- Autosave -----------------------------------------------------------------------------
  const fieldValue = (id) => ($(id) ? $(id).value : "");
  autosave = createAutosave({
    url: data.autosaveUrl,
    status,
    payload: () => {
      const base = fieldValue("id_base_version");
      return {
        base_version: /^\d+$/.test(base) ? Number(base) : base || null,
        fields: {
          headline: fieldValue("id_headline"),
          dek: fieldValue("id_dek"),
          body: writeBody(),
          tags_text: fieldValue("id_tags_text"),
          dateline_city: fieldValue("id_dateline_city"),
        },
      };
    },
    onSaved: () => {
      if (previewOpen && frame) frame.src = previewUrl;
    },
  });
  for (const id of ["id_headline", "id_dek", "id_tags_text", "id_dateline_city"]) {
    const f = $(id);
    if (f) {
      f.addEventListener("input", () => autosave.changed());
      f.addEventListener("change", () => autosave.changed());
    }
  }
  if (form) {
    form.addEventListener("submit", () => {
      if (tags) tags.commit();
      writeBody();
      autosave.stop();
    });
  }

  // ---- Restore offer ------------------------------------------------------------------------
  if (saved && saved.fields) {
    const apply = el("button", { type: "button", class: "we-btn we-primary we-restore-apply", text: S.restore });
    const dismiss = el("button", { type: "button", class: "we-btn we-restore-dismiss", text: S.dismiss });
    const banner = el("div", { class: "we-restore", id: "we-restore", role: "region", "aria-label": S.restore }, el("p", { text: S.restoreText(saved.saved_at || "") }), el("div", { class: "we-restore-actions" }, apply, dismiss));
    root.prepend(banner);
    apply.addEventListener("click", () => {
      const f = saved.fields;
      const set = (id, v) => {
        const input = $(id);
        if (input && typeof v === "string") {
          input.value = v;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
      };
      set("id_headline", f.headline);
      set("id_dek", f.dek);
      set("id_dateline_city", f.dateline_city);
      if (typeof f.tags_text === "string") {
        if (tags) tags.setValue(f.tags_text);
        else set("id_tags_text", f.tags_text);
      }
      if (Array.isArray(f.body)) editor.commands.setContent(blocksToDoc(f.body, { ...photos, ...(saved.photos || {}) }, { ...articles, ...(saved.articles || {}) }));
      if ($("id_base_version") && saved.base_version != null) $("id_base_version").value = String(saved.base_version);
      writeBody();
      banner.remove();
      editor.commands.focus("start");
    });
    dismiss.addEventListener("click", () => {
      banner.remove();
      if (data.autosaveUrl) postJSON(data.autosaveUrl, { discard: true });
    });
  }

  // ---- Focal point --------------------------------------------------------------------------
  setupFocal($("lead-photo-focal"), data.focalUrlTemplate);

  writeBody();
  refreshToolbar();
  mounted = { root, editor, autosave, writeBody, insertBlock };
  window.WartaEditor.editor = editor;
  window.WartaEditor.saveNow = () => autosave.save();
  return mounted;
}

function createAutosave({ url, status, payload, onSaved }) {
  let dirty = false;
  let firstChange = 0;
  let timer = null;
  let inflight = false;
  let stopped = false;
  const save = async (keepalive) => {
    clearTimeout(timer);
    timer = null;
    if (!url || stopped || !dirty) return;
    if (inflight && !keepalive) {
      timer = setTimeout(() => save(false), 2000);
      return;
    }
    dirty = false;
    firstChange = 0;
    inflight = true;
    const res = await postJSON(url, payload(), { keepalive }).catch(() => ({ ok: false }));
    inflight = false;
    if (stopped || keepalive) return;
    status.classList.remove("is-error", "is-stale");
    if (res.ok && res.data) {
      if (res.data.stale) {
        status.textContent = S.stale;
        status.classList.add("is-stale");
      } else status.textContent = S.autosaved(res.data.saved_at || "");
      onSaved();
    } else {
      dirty = true; // retried on the next change or when the page is hidden
      status.textContent = S.autosaveFailed;
      status.classList.add("is-error");
    }
  };
  const changed = () => {
    if (stopped) return;
    dirty = true;
    const now = Date.now();
    if (!firstChange) firstChange = now;
    clearTimeout(timer);
    timer = setTimeout(() => save(false), Math.max(0, Math.min(10000, firstChange + 30000 - now)));
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") save(true);
  });
  window.addEventListener("pagehide", () => save(true));
  return {
    changed,
    save: () => save(false),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    get dirty() {
      return dirty;
    },
  };
}

function setupFocal(box, template) {
  if (!box || !template) return;
  const img = box.querySelector("img");
  if (!img) return;
  box.classList.add("we-focal");
  const marker = el("span", { class: "we-focal-marker", "aria-hidden": "true" });
  const note = el("div", { class: "we-focal-status", role: "status", "aria-live": "polite", text: S.focalHint });
  box.append(marker);
  box.insertAdjacentElement("afterend", note);
  const place = (x, y) => {
    marker.style.left = `${x * 100}%`;
    marker.style.top = `${y * 100}%`;
    marker.hidden = false;
  };
  const x0 = parseFloat(box.dataset.x);
  const y0 = parseFloat(box.dataset.y);
  if (!isNaN(x0) && !isNaN(y0)) place(x0, y0);
  else marker.hidden = true;
  img.addEventListener("click", async (e) => {
    const r = img.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const round = (v) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
    const x = round((e.clientX - r.left) / r.width);
    const y = round((e.clientY - r.top) / r.height);
    place(x, y);
    const url = template.replace(/\/0\/(?!.*\/0\/)/, `/${box.dataset.photo}/`);
    const res = await postJSON(url, { x, y }).catch(() => ({ ok: false }));
    note.textContent = res.ok ? S.focalSaved : S.focalFailed;
    note.classList.toggle("is-error", !res.ok);
    if (res.ok) {
      box.dataset.x = x;
      box.dataset.y = y;
    }
  });
}

window.WartaEditor = { blocksToDoc, docToBlocks, mount, cleanPasteHTML, slugify, editor: null };

function autoMount() {
  const root = document.getElementById("warta-editor");
  if (root) mount(root);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", autoMount);
else autoMount();
