// The chosen photo's preview (warta/photos/widgets.py): when another photo is chosen in the list
// or added with "+", ask PhotoAdmin for its thumbnail and show it. Django and select2 announce the
// change through jQuery, so the admin's jQuery listens.
"use strict";
{
  const BOX = 120;

  function fitted(width, height) {
    if (width >= height) return [BOX, Math.max(1, Math.round((BOX * height) / width))];
    return [Math.max(1, Math.round((BOX * width) / height)), BOX];
  }

  function picture(data) {
    const img = document.createElement("img");
    const [width, height] = fitted(data.width, data.height);
    img.src = data.src;
    img.width = width;
    img.height = height;
    img.alt = data.alt || "";
    img.loading = "lazy";
    img.decoding = "async";
    const element = document.createElement("picture");
    element.className = "photo-thumb";
    if (data.webp) {
      const source = document.createElement("source");
      source.type = "image/webp";
      source.srcset = data.webp;
      element.append(source);
    }
    element.append(img);
    return element;
  }

  function none(box) {
    const words = document.createElement("span");
    words.className = "photo-thumb photo-thumb--none";
    words.textContent = box.dataset.none;
    return words;
  }

  function update(select) {
    const box = document.getElementById(select.id + "_preview");
    const chosen = select.value;
    if (!box || box.dataset.photo === chosen) return;
    box.dataset.photo = chosen;
    if (!chosen) {
      box.replaceChildren();
      return;
    }
    const url = new URL(box.dataset.url, window.location.href);
    url.searchParams.set("id", chosen);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (box.dataset.photo !== chosen) return; // another photo was chosen meanwhile
        box.replaceChildren(data && data.src ? picture(data) : none(box));
      })
      .catch(() => {
        if (box.dataset.photo === chosen) box.replaceChildren();
      });
  }

  // Loaded after the autocomplete's own scripts (the widget's media), which define django.jQuery.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("change", "select.photo-choice", (event) => update(event.target));
  }
}
