// Modal dialogs (<dialog>, focus kept inside, Esc closes): photo picker, "Baca juga"
// picker and a small URL form used for links and embeds.
import { S } from "./strings.js";
import { el } from "./nodes.js";
import { getJSON, uploadPhoto, debounce, altFromFileName } from "./api.js";

let counter = 0;

function focusables(root) {
  return [...root.querySelectorAll("button, input, select, textarea, a[href], [tabindex]:not([tabindex='-1'])")].filter(
    (n) => !n.disabled && !n.hidden && n.offsetParent !== null,
  );
}

export function createDialog({ id, title, className }) {
  const titleId = `${id}-title`;
  const close = el("button", { type: "button", class: "we-dialog-close", "aria-label": S.close, title: S.close, text: "×" });
  const body = el("div", { class: "we-dialog-body" });
  const dialog = el(
    "dialog",
    { id, class: `we-dialog ${className || ""}`, "aria-labelledby": titleId },
    el("div", { class: "we-dialog-head" }, el("h2", { id: titleId, class: "we-dialog-title", text: title }), close),
    body,
  );
  document.body.appendChild(dialog);
  let returnFocus = null;
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("keydown", (e) => {
    if (e.key !== "Tab") return;
    const items = focusables(dialog);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  });
  dialog.addEventListener("close", () => {
    if (returnFocus && returnFocus.isConnected) returnFocus.focus();
  });
  return {
    dialog,
    body,
    setTitle: (t) => (dialog.querySelector(".we-dialog-title").textContent = t),
    open(focusEl) {
      returnFocus = document.activeElement;
      if (!dialog.open) dialog.showModal();
      (focusEl || focusables(dialog)[0])?.focus();
    },
    close: () => dialog.open && dialog.close(),
  };
}

function labelled(text, input) {
  const id = input.id || `we-f-${++counter}`;
  input.id = id;
  return el("div", { class: "we-field" }, el("label", { for: id, text }), input);
}

// ---- Photo picker ----------------------------------------------------------------------------
export function createPhotoPicker({ searchUrl, uploadUrl }) {
  const d = createDialog({ id: "we-photo-dialog", title: S.photoDialog, className: "we-photo-dialog" });
  const search = el("input", { type: "search", class: "we-input we-photo-search", autocomplete: "off" });
  const status = el("div", { class: "we-photo-status", role: "status", "aria-live": "polite" });
  const grid = el("div", { class: "we-photo-grid" });
  const insert = el("button", { type: "button", class: "we-btn we-primary we-photo-insert" });
  const actions = el("div", { class: "we-dialog-actions" }, insert);

  const file = el("input", { type: "file", accept: "image/*", class: "we-upload-file" });
  const caption = el("input", { type: "text", class: "we-input we-upload-caption" });
  const credit = el("input", { type: "text", class: "we-input we-upload-credit" });
  const alt = el("input", { type: "text", class: "we-input we-upload-alt", required: true });
  const errors = el("div", { class: "we-errors", role: "alert" });
  const uploadBtn = el("button", { type: "button", class: "we-btn we-upload-submit", text: S.uploadButton });
  const upload = el(
    "fieldset",
    { class: "we-upload" },
    el("legend", { text: S.upload }),
    labelled(S.chooseFile, file),
    labelled(S.caption, caption),
    labelled(S.credit, credit),
    labelled(S.alt, alt),
    errors,
    uploadBtn,
  );
  d.body.append(labelled(S.photoSearch, search), status, grid, actions, upload);

  let mode = { multiple: false, minimum: 1, onPick: () => {} };
  let selected = new Map(); // id -> photo
  let seq = 0;

  const updateInsert = () => {
    insert.textContent = mode.minimum > 1 ? S.insertGallery(selected.size) : S.addToGallery(selected.size);
    insert.disabled = selected.size < mode.minimum;
    insert.title = selected.size < mode.minimum ? S.galleryNeedsTwo : "";
  };

  const option = (p) => {
    const b = el(
      "button",
      { type: "button", class: "we-photo-option", "data-photo-id": p.id, title: p.caption || p.alt || "" },
      el("img", { src: p.thumb, alt: p.alt || "", loading: "lazy" }),
      el("span", { class: "we-photo-caption", text: p.caption || p.alt || `#${p.id}` }),
    );
    if (mode.multiple) b.setAttribute("aria-pressed", selected.has(p.id) ? "true" : "false");
    b.addEventListener("click", () => choose(p, b));
    return b;
  };

  function choose(p, b) {
    if (!mode.multiple) {
      d.close();
      mode.onPick([p]);
      return;
    }
    if (selected.has(p.id)) selected.delete(p.id);
    else selected.set(p.id, p);
    if (b) b.setAttribute("aria-pressed", selected.has(p.id) ? "true" : "false");
    updateInsert();
  }

  insert.addEventListener("click", () => {
    if (selected.size < mode.minimum) return;
    const photos = [...selected.values()];
    d.close();
    mode.onPick(photos);
  });

  const runSearch = async () => {
    const mine = ++seq;
    status.textContent = S.searching;
    try {
      const data = await getJSON(searchUrl, { q: search.value.trim() });
      if (mine !== seq) return;
      const results = (data && data.results) || [];
      grid.replaceChildren(...results.map(option));
      status.textContent = results.length ? "" : S.noResults;
    } catch {
      if (mine === seq) status.textContent = S.searchFailed;
    }
  };
  const debounced = debounce(runSearch, 250);
  search.addEventListener("input", debounced);
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      debounced.cancel();
      runSearch();
    }
  });

  file.addEventListener("change", () => {
    const f = file.files && file.files[0];
    if (f && !alt.value.trim()) alt.value = altFromFileName(f.name);
  });

  uploadBtn.addEventListener("click", async () => {
    errors.replaceChildren();
    const f = file.files && file.files[0];
    if (!f) {
      errors.append(el("p", { text: `${S.chooseFile}: ${S.uploadFailed}` }));
      file.focus();
      return;
    }
    if (!alt.value.trim()) {
      errors.append(el("p", { text: S.alt }));
      alt.focus();
      return;
    }
    uploadBtn.disabled = true;
    status.textContent = S.uploading;
    const res = await uploadPhoto(uploadUrl, { file: f, caption: caption.value, credit: credit.value, alt: alt.value });
    uploadBtn.disabled = false;
    if (!res.ok) {
      status.textContent = S.uploadFailed;
      for (const [name, msgs] of Object.entries(res.errors || {})) {
        for (const msg of [].concat(msgs)) errors.append(el("p", { "data-field": name, text: msg }));
      }
      return;
    }
    status.textContent = S.uploadDone;
    file.value = "";
    caption.value = credit.value = alt.value = "";
    const p = res.photo;
    if (!mode.multiple) {
      choose(p);
      return;
    }
    selected.set(p.id, p);
    grid.prepend(option(p));
    updateInsert();
  });

  return {
    /** open({multiple, minimum, onPick(photos)}) */
    open(opts) {
      mode = { multiple: false, minimum: 1, onPick: () => {}, ...opts };
      selected = new Map();
      d.setTitle(mode.multiple ? S.galleryDialog : S.photoDialog);
      actions.hidden = !mode.multiple;
      updateInsert();
      errors.replaceChildren();
      d.open(search);
      runSearch();
    },
    close: d.close,
  };
}

// ---- "Baca juga" picker ------------------------------------------------------------------------
export function createRelatedPicker({ searchUrl }) {
  const d = createDialog({ id: "we-related-dialog", title: S.relatedDialog, className: "we-related-dialog" });
  const search = el("input", { type: "search", class: "we-input we-related-search", autocomplete: "off" });
  const status = el("div", { class: "we-photo-status", role: "status", "aria-live": "polite" });
  const list = el("ul", { class: "we-related-results" });
  d.body.append(labelled(S.articleSearch, search), status, list);
  let onPick = () => {};
  let seq = 0;
  const run = async () => {
    const mine = ++seq;
    status.textContent = S.searching;
    try {
      const data = await getJSON(searchUrl, { q: search.value.trim() });
      if (mine !== seq) return;
      const results = (data && data.results) || [];
      list.replaceChildren(
        ...results.map((a) => {
          const b = el("button", { type: "button", class: "we-related-option", "data-article-id": a.id }, el("span", { text: a.headline }), el("small", { text: a.url || "" }));
          b.addEventListener("click", () => {
            d.close();
            onPick(a);
          });
          return el("li", {}, b);
        }),
      );
      status.textContent = results.length ? "" : S.noResults;
    } catch {
      if (mine === seq) status.textContent = S.searchFailed;
    }
  };
  const debounced = debounce(run, 250);
  search.addEventListener("input", debounced);
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      debounced.cancel();
      run();
    }
  });
  return {
    open(cb) {
      onPick = cb;
      d.open(search);
      run();
    },
  };
}

// ---- URL form (links, embeds) ------------------------------------------------------------------
export function createUrlForm() {
  const d = createDialog({ id: "we-url-dialog", title: "", className: "we-url-dialog" });
  const url = el("input", { type: "url", class: "we-input we-url-input", autocomplete: "off", spellcheck: "false" });
  const caption = el("input", { type: "text", class: "we-input we-url-caption" });
  const error = el("div", { class: "we-errors", role: "alert" });
  const submit = el("button", { type: "submit", class: "we-btn we-primary we-url-submit" });
  const remove = el("button", { type: "button", class: "we-btn we-url-remove", text: S.linkRemove });
  const cancel = el("button", { type: "button", class: "we-btn we-url-cancel", text: S.cancel });
  const urlLabel = el("label", { for: "we-url-input" });
  url.id = "we-url-input";
  const captionField = labelled(S.embedCaption, caption);
  const form = el(
    "form",
    { class: "we-url-form", novalidate: true },
    el("div", { class: "we-field" }, urlLabel, url),
    captionField,
    error,
    el("div", { class: "we-dialog-actions" }, submit, remove, cancel),
  );
  d.body.append(form);
  let state = null;
  const finish = (value) => {
    const s = state;
    state = null;
    d.close();
    if (s) s.resolve(value);
  };
  d.dialog.addEventListener("close", () => {
    if (state) {
      const s = state;
      state = null;
      s.resolve(null);
    }
  });
  cancel.addEventListener("click", () => finish(null));
  remove.addEventListener("click", () => finish({ remove: true }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = url.value.trim();
    const problem = state.validate(value);
    if (problem) {
      error.textContent = problem;
      url.setAttribute("aria-invalid", "true");
      url.focus();
      return;
    }
    finish({ url: value, caption: caption.value.trim() });
  });
  return {
    /** ask({title, label, value, submitLabel, withCaption, canRemove, validate}) -> Promise */
    ask(opts) {
      return new Promise((resolve) => {
        state = { resolve, validate: opts.validate || (() => null) };
        d.setTitle(opts.title);
        urlLabel.textContent = opts.label;
        url.value = opts.value || "";
        url.removeAttribute("aria-invalid");
        caption.value = "";
        captionField.hidden = !opts.withCaption;
        remove.hidden = !opts.canRemove;
        submit.textContent = opts.submitLabel || S.save;
        error.textContent = "";
        d.open(url);
        url.select();
      });
    },
  };
}
