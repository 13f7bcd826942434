// Small fetch helpers: CSRF header on every POST, JSON in and out.

export function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (m) return decodeURIComponent(m[1]);
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

export async function getJSON(url, params) {
  const u = new URL(url, window.location.href);
  for (const [k, v] of Object.entries(params || {})) u.searchParams.set(k, v);
  const res = await fetch(u.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

export async function postJSON(url, data, opts = {}) {
  const res = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    keepalive: !!opts.keepalive,
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(data),
  });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return { ok: res.ok, status: res.status, data: body };
}

/** Upload a photo: resolves {ok:true, photo} or {ok:false, errors:{field:[messages]}}. */
export async function uploadPhoto(url, { file, caption, credit, alt }) {
  const form = new FormData();
  form.append("image", file, file.name || "foto.jpg");
  form.append("caption", caption || "");
  form.append("credit", credit || "");
  form.append("alt_text", alt || "");
  try {
    const res = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      body: form,
    });
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (res.ok && data && data.id) return { ok: true, photo: data };
    return { ok: false, errors: (data && data.errors) || { __all__: [`HTTP ${res.status}`] } };
  } catch (e) {
    return { ok: false, errors: { __all__: [String(e.message || e)] } };
  }
}

export function altFromFileName(name) {
  const base = (name || "").replace(/\.[a-z0-9]{1,5}$/i, "").replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim();
  return base || "Foto";
}

export function debounce(fn, ms) {
  let t = null;
  const d = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(t);
  return d;
}

export function readJSONScript(id) {
  const el = document.getElementById(id);
  if (!el) return null;
  try {
    return JSON.parse(el.textContent);
  } catch {
    return null;
  }
}
