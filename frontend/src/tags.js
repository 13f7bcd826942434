// Tag chips over the comma-separated #id_tags_text input, with suggestions from the server.
import { S } from "./strings.js";
import { el } from "./nodes.js";
import { getJSON, debounce } from "./api.js";

export function splitTags(value) {
  const seen = new Set();
  const out = [];
  for (const raw of (value || "").split(",")) {
    const name = raw.trim().replace(/\s+/g, " ");
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      out.push(name);
    }
  }
  return out;
}

export function enhanceTags(input, searchUrl, onChange) {
  if (!input) return null;
  let tags = splitTags(input.value);
  let options = [];
  let active = -1;
  let seq = 0;
  const chips = el("ul", { class: "we-tag-chips", "aria-label": S.tags });
  const listbox = el("ul", { class: "we-tag-listbox", id: "we-tag-listbox", role: "listbox", "aria-label": S.tags });
  listbox.hidden = true;
  const text = el("input", {
    type: "text",
    class: "we-tag-input",
    id: "we-tag-input",
    role: "combobox",
    autocomplete: "off",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "we-tag-listbox",
    "aria-label": S.tagInput,
    placeholder: S.tagInput,
  });
  const widget = el("div", { class: "we-tags" }, chips, el("div", { class: "we-tag-combo" }, text, listbox));
  input.hidden = true;
  input.style.display = "none";
  input.insertAdjacentElement("afterend", widget);
  const label = input.id && document.querySelector(`label[for="${input.id}"]`);
  if (label) label.setAttribute("for", "we-tag-input");

  const write = () => {
    const value = tags.join(", ");
    if (input.value !== value) {
      input.value = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      if (onChange) onChange();
    }
  };
  const renderChips = () => {
    chips.replaceChildren(
      ...tags.map((name, i) => {
        const rm = el("button", { type: "button", class: "we-chip-remove", "aria-label": S.removeTag(name), title: S.removeTag(name), text: "×" });
        rm.addEventListener("click", () => {
          tags.splice(i, 1);
          renderChips();
          write();
          text.focus();
        });
        return el("li", { class: "we-chip", "data-tag": name }, el("span", { class: "we-chip-name", text: name }), rm);
      }),
    );
  };
  const add = (name) => {
    const clean = (name || "").trim().replace(/\s+/g, " ").replace(/,/g, "");
    if (!clean) return;
    if (!tags.some((t) => t.toLowerCase() === clean.toLowerCase())) tags.push(clean);
    renderChips();
    write();
  };
  const close = () => {
    options = [];
    active = -1;
    listbox.hidden = true;
    listbox.replaceChildren();
    text.setAttribute("aria-expanded", "false");
    text.removeAttribute("aria-activedescendant");
  };
  const highlight = (i) => {
    active = i;
    listbox.querySelectorAll("[role=option]").forEach((o, j) => o.setAttribute("aria-selected", j === i ? "true" : "false"));
    if (i >= 0) {
      text.setAttribute("aria-activedescendant", `we-tag-opt-${i}`);
      listbox.querySelector(`#we-tag-opt-${i}`)?.scrollIntoView({ block: "nearest" });
    } else text.removeAttribute("aria-activedescendant");
  };
  const pick = (name) => {
    add(name);
    text.value = "";
    close();
    text.focus();
  };
  const show = (names) => {
    options = names.filter((n) => !tags.some((t) => t.toLowerCase() === n.toLowerCase()));
    if (!options.length) return close();
    listbox.replaceChildren(
      ...options.map((name, i) => {
        const o = el("li", { id: `we-tag-opt-${i}`, role: "option", class: "we-tag-option", "aria-selected": "false", text: name });
        o.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the input
        o.addEventListener("click", () => pick(name));
        return o;
      }),
    );
    listbox.hidden = false;
    text.setAttribute("aria-expanded", "true");
    highlight(-1);
  };
  const query = debounce(async () => {
    const q = text.value.trim();
    const mine = ++seq;
    if (!q || !searchUrl) return close();
    try {
      const data = await getJSON(searchUrl, { q });
      if (mine !== seq || text.value.trim() !== q) return;
      show(((data && data.results) || []).map((r) => r.name).filter(Boolean));
    } catch {
      close();
    }
  }, 200);

  text.addEventListener("input", () => {
    if (text.value.includes(",")) {
      const parts = text.value.split(",");
      text.value = parts.pop();
      parts.forEach(add);
    }
    query();
  });
  text.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && options.length) {
      e.preventDefault();
      highlight((active + 1) % options.length);
    } else if (e.key === "ArrowUp" && options.length) {
      e.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (e.key === "Enter" || e.key === ",") {
      const value = text.value.trim();
      if (e.key === "Enter" || value) e.preventDefault(); // never submit the article form from here
      if (active >= 0 && options[active]) pick(options[active]);
      else if (value) {
        const match = options.find((o) => o.toLowerCase() === value.toLowerCase());
        pick(match || value);
      }
    } else if (e.key === "Escape" && !listbox.hidden) {
      e.preventDefault();
      close();
    } else if (e.key === "Backspace" && !text.value && tags.length) {
      tags.pop();
      renderChips();
      write();
    }
  });
  text.addEventListener("blur", () => setTimeout(close, 150));
  renderChips();

  return {
    /** Turn text still in the box into a chip (called before the form is submitted). */
    commit() {
      if (text.value.trim()) {
        add(text.value);
        text.value = "";
      }
    },
    setValue(value) {
      tags = splitTags(value);
      renderChips();
      write();
    },
  };
}
