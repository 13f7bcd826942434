// Spelling and style underlines (warta.lib.spelling through the newsroom's endpoint).
//
// The text of every block is sent (debounced) to data-spelling-url; findings come back as
// character offsets per block and become ProseMirror inline decorations. A click or a tap on an
// underline offers the suggestions (a click applies one). Before submitting or publishing, the
// findings of the current text are listed once (a text not checked yet is checked first, for a
// few seconds at most); the writer may go on anyway: they never block.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { postJSON } from "./api.js";

const en = (document.documentElement.lang || "id").toLowerCase().startsWith("en");
const T = en
  ? {
      none: "No suggestion",
      review: "Spelling and style",
      reviewText: (n) => `${n} possible ${n === 1 ? "mistake" : "mistakes"} in the text:`,
      goOn: "Continue anyway",
      back: "Fix them first",
      ignore: "Ignore",
      checking: "Checking the spelling…",
    }
  : {
      none: "Tidak ada saran",
      review: "Ejaan dan gaya",
      reviewText: (n) => `${n} kemungkinan salah tulis dalam teks:`,
      goOn: "Lanjutkan saja",
      back: "Perbaiki dulu",
      ignore: "Abaikan",
      checking: "Memeriksa ejaan…",
    };

export const spellingKey = new PluginKey("warta-spelling");
const DELAY = 800; // ms without typing before the text is checked
const SEND_WAIT = 4000; // ms a send waits for the check of a text not checked yet, then goes on

// Each textblock's text, and for every character the document position it came from.
export function textblocks(doc) {
  const blocks = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let text = "";
    const at = [];
    node.forEach((child, offset) => {
      const start = pos + 1 + offset;
      if (child.isText) {
        for (let i = 0; i < child.text.length; i++) at.push(start + i);
        text += child.text;
      } else {
        at.push(start);
        text += "\n"; // a hard break separates words like a new line
      }
    });
    at.push(pos + 1 + node.content.size);
    blocks.push({ text, at });
    return false;
  });
  return blocks;
}

function decorate(doc, blocks, findings, ignored) {
  const decos = [];
  for (const f of findings) {
    const b = blocks[f.block];
    if (!b || f.from >= f.to || f.to > b.text.length || ignored.has(f.word)) continue;
    const from = b.at[f.from];
    const to = b.at[f.to - 1] + 1;
    decos.push(
      Decoration.inline(
        from,
        to,
        { class: `we-spell we-spell--${f.rule}`, title: f.message || "", "data-rule": f.rule },
        { finding: f },
      ),
    );
  }
  return DecorationSet.create(doc, decos);
}

export const Spelling = Extension.create({
  name: "wartaSpelling",
  addOptions() {
    return { url: "" };
  },
  addStorage() {
    // fresh(ms): resolves true once the underlines are those of the current text (checking it
    // now when they are not), false when that could not be done within ms.
    return { fresh: null, isFresh: () => true };
  },
  addProseMirrorPlugins() {
    const url = this.options.url;
    if (!url) return [];
    const storage = this.storage;
    let timer = null;
    let menu = null;
    let latest = 0;
    let checked = null; // the document the underlines were found in
    const ignored = new Set();

    const closeMenu = () => {
      if (menu) menu.remove();
      menu = null;
    };

    // Resolves true when the underlines are now those of the text as it is.
    const run = async (view) => {
      clearTimeout(timer);
      const doc = view.state.doc;
      const blocks = textblocks(doc);
      const ticket = ++latest;
      let res;
      try {
        res = await postJSON(url, { texts: blocks.map((b) => b.text) });
      } catch {
        return false; // offline or the server busy: no underlines, writing goes on
      }
      if (ticket !== latest || !res.ok || !res.data || view.isDestroyed) return false;
      if (!view.state.doc.eq(doc)) {
        schedule(view); // typed meanwhile: check again
        return false;
      }
      const set = decorate(doc, blocks, res.data.findings || [], ignored);
      view.dispatch(view.state.tr.setMeta(spellingKey, { set }));
      checked = doc;
      return true;
    };
    const schedule = (view) => {
      clearTimeout(timer);
      timer = setTimeout(() => run(view), DELAY);
    };
    const fresh = async (view, ms) => {
      if (storage.isFresh()) return true;
      let expired;
      const deadline = new Promise((resolve) => {
        expired = setTimeout(() => resolve(false), ms);
      });
      try {
        return await Promise.race([run(view), deadline]);
      } finally {
        clearTimeout(expired);
      }
    };

    const openMenu = (view, deco) => {
      closeMenu();
      const f = deco.spec.finding;
      menu = document.createElement("div");
      menu.className = "we-spell-menu";
      menu.setAttribute("role", "menu");
      const title = document.createElement("p");
      title.className = "we-spell-menu__why";
      title.textContent = f.message || "";
      menu.append(title);
      const options = f.suggestions.length ? f.suggestions : [];
      for (const suggestion of options) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "we-spell-menu__option";
        b.setAttribute("role", "menuitem");
        b.textContent = suggestion;
        b.addEventListener("mousedown", (e) => e.preventDefault());
        b.addEventListener("click", () => {
          const { from, to } = deco;
          view.dispatch(view.state.tr.insertText(suggestion, from, to));
          closeMenu();
          view.focus();
        });
        menu.append(b);
      }
      if (!options.length) {
        const none = document.createElement("p");
        none.textContent = T.none;
        menu.append(none);
      }
      const ignore = document.createElement("button");
      ignore.type = "button";
      ignore.className = "we-spell-menu__ignore";
      ignore.textContent = T.ignore;
      ignore.addEventListener("click", () => {
        ignored.add(f.word);
        const set = spellingKey.getState(view.state).remove(spellingKey.getState(view.state).find(undefined, undefined, (s) => s.finding && s.finding.word === f.word));
        view.dispatch(view.state.tr.setMeta(spellingKey, { set }));
        closeMenu();
      });
      menu.append(ignore);
      // Under the word, kept inside the screen (a phone's 360 px), above it when there is no room.
      const box = view.coordsAtPos(deco.from);
      const end = view.coordsAtPos(deco.to);
      menu.style.left = "0px";
      menu.style.top = "0px";
      document.body.append(menu);
      const margin = 8;
      const width = menu.offsetWidth;
      const height = menu.offsetHeight;
      const room = document.documentElement.clientWidth || window.innerWidth;
      const left = Math.max(margin, Math.min(box.left, room - width - margin));
      const below = Math.max(box.bottom, end.bottom) + 4;
      const top = below + height > window.innerHeight && box.top - height - 4 >= 0 ? box.top - height - 4 : below;
      menu.style.left = `${left + window.scrollX}px`;
      menu.style.top = `${top + window.scrollY}px`;
    };

    return [
      new Plugin({
        key: spellingKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const meta = tr.getMeta(spellingKey);
            if (meta && meta.set) return meta.set;
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations(state) {
            return spellingKey.getState(state);
          },
          // The DOM's click, not handleClick: ProseMirror ignores the mouse events a tap makes
          // (it lets the browser place the caret after a touch), so handleClick never runs on a
          // phone. A click event follows a tap and a mouse click alike.
          handleDOMEvents: {
            click(view, event) {
              const target = event.target instanceof Element ? event.target.closest(".we-spell") : null;
              if (!target || !view.dom.contains(target)) {
                closeMenu();
                return false;
              }
              let pos;
              try {
                pos = view.posAtDOM(target, 0);
              } catch {
                return false;
              }
              const found = spellingKey.getState(view.state).find(pos, pos + 1, (spec) => !!spec.finding);
              if (!found.length) {
                closeMenu();
                return false;
              }
              openMenu(view, found[0]);
              return false; // the caret still moves there
            },
          },
        },
        view(view) {
          storage.fresh = (ms) => fresh(view, ms);
          storage.isFresh = () => !!checked && view.state.doc.eq(checked);
          schedule(view);
          const onKey = (e) => e.key === "Escape" && closeMenu();
          document.addEventListener("keydown", onKey);
          return {
            update(v, prev) {
              if (!v.state.doc.eq(prev.doc)) {
                closeMenu();
                schedule(v);
              }
            },
            destroy() {
              storage.fresh = null;
              storage.isFresh = () => true;
              clearTimeout(timer);
              closeMenu();
              document.removeEventListener("keydown", onKey);
            },
          };
        },
      }),
    ];
  },
});

// The findings now underlined, in reading order.
export function currentFindings(editor) {
  const set = spellingKey.getState(editor.state);
  if (!set) return [];
  return set
    .find()
    .sort((a, b) => a.from - b.from)
    .map((d) => d.spec.finding)
    .filter(Boolean);
}

// Before "submit for review", "publish" or "schedule": list the findings once; never block.
export function reviewBeforeSending(editor, root) {
  const sends = (form, submitter) => {
    if (!submitter) return false;
    // The desk's workflow buttons send the article's form: name _workflow, the action as value.
    if (submitter.name === "_workflow") return /^(submit|publish|schedule)$/.test(submitter.value);
    return /^_(submit_review|publish|schedule)/.test(submitter.name || "");
  };
  let waiting = false;
  const send = (form, submitter) => {
    form.dataset.spellingReviewed = "1";
    if (submitter && submitter.form === form) form.requestSubmit(submitter);
    else form.requestSubmit();
  };
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form.dataset.spellingReviewed === "1") return;
      if (!sends(form, event.submitter)) return;
      if (waiting) {
        event.preventDefault(); // a second press while the text is being checked
        return;
      }
      const submitter = event.submitter;
      const storage = editor.storage.wartaSpelling;
      if (storage && storage.fresh && !storage.isFresh()) {
        // The underlines may be of an older text (just restored, pasted or typed): check the
        // text as it is first, for SEND_WAIT at most; then list what was found, or send.
        event.preventDefault();
        waiting = true;
        const status = document.createElement("p");
        status.className = "we-spell-checking";
        status.setAttribute("role", "status");
        status.textContent = T.checking;
        root.prepend(status);
        const finish = () => {
          waiting = false;
          status.remove();
          if (!review(form, submitter)) send(form, submitter);
        };
        storage.fresh(SEND_WAIT).then(finish, finish);
        return;
      }
      if (review(form, submitter)) event.preventDefault();
    },
    true,
  );
  // Lists the findings with "go on" and "fix first"; false when there are none.
  const review = (form, submitter) => {
    const findings = currentFindings(editor);
    if (!findings.length) return false;
    const dialog = document.createElement("div");
    dialog.className = "we-spell-review";
    dialog.id = "we-spell-review";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", T.review);
    const intro = document.createElement("p");
    intro.textContent = T.reviewText(findings.length);
    const list = document.createElement("ul");
    for (const f of findings) {
      const item = document.createElement("li");
      item.textContent = `${f.word} → ${f.suggestions[0] || "?"} (${f.message || f.rule})`;
      list.append(item);
    }
    const goOn = document.createElement("button");
    goOn.type = "button";
    goOn.className = "we-btn we-primary we-spell-review__go";
    goOn.textContent = T.goOn;
    const back = document.createElement("button");
    back.type = "button";
    back.className = "we-btn we-spell-review__back";
    back.textContent = T.back;
    goOn.addEventListener("click", () => {
      dialog.remove();
      send(form, submitter);
    });
    back.addEventListener("click", () => {
      dialog.remove();
      editor.commands.focus();
    });
    dialog.append(intro, list, back, goOn);
    root.prepend(dialog);
    goOn.focus();
    return true;
  };
}
