// The light/dark toggle in the header (overrides/partials/palette.html), replacing Material's
// palette component with the same behaviour: on a first visit the scheme follows the system
// preference; the reader's choice is stored under Material's "__palette" key, which Material's
// inline script in <head> applies before the page is drawn. Unlike Material's component, this one
// touches <body> only when the scheme changes: any change to its attributes restyles the whole page.
(function () {
  var form = document.querySelector("form[data-palette-toggle]");
  if (!form || typeof __md_get !== "function") return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
  var KEYS = ["media", "scheme", "primary", "accent"];
  // What <body> carries for the stylesheet. The media query is stored with the choice (as Material
  // stores it) but styles nothing: comparing it too made every first visit "change" the scheme.
  var STYLED = ["scheme", "primary", "accent"];

  function colorOf(input) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return color;
  }

  function showToggleFor(index) {
    // Each label switches to the next scheme; only the one for the current scheme is shown.
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
  }

  function updateBrowserColors() {
    // The browser's own UI (address bar, scrollbars) follows the header's colour and the scheme.
    var style = window.getComputedStyle(document.querySelector("[data-md-component=header]"));
    var rgb = (style.backgroundColor.match(/\d+/g) || []).slice(0, 3);
    setMeta("theme-color", "#" + rgb.map(function (v) { return (+v).toString(16).padStart(2, "0"); }).join(""));
    setMeta("color-scheme", style.colorScheme, ["normal", "light"]);
  }

  // Adding a color-scheme meta restyles the whole page, so it is written only when it changes
  // something: with none, the page is light ("normal" or "light" then mean the same).
  function setMeta(name, content, sameAsNone) {
    var meta = document.head.querySelector("meta[name='" + name + "']");
    if (meta ? meta.content === content : (sameAsNone || []).indexOf(content) >= 0) return;
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = name;
      document.head.appendChild(meta);
    }
    meta.content = content;
  }

  var current = -1;

  function apply(index) {
    var body = document.body, color = colorOf(inputs[index]);
    var changed = STYLED.filter(function (key) { return body.getAttribute("data-md-color-" + key) !== color[key]; });
    if (changed.length) {
      // Material's stylesheet turns transitions off while this attribute is present, so that the
      // colours do not fade; it is removed once the new colours are in place.
      body.setAttribute("data-md-color-switching", "");
      changed.forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
      setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    }
    current = index;
    inputs[index].checked = true;   // so that focus and the arrow keys start from the current scheme
    showToggleFor(index);
    __md_set("__palette", { index: index, color: color });
  }

  var saved = __md_get("__palette");
  var index = saved && typeof saved.index === "number" && inputs[saved.index] ? saved.index
    : inputs.findIndex(function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; });
  apply(Math.max(0, index));
  // Reading the computed style would restyle the page while it starts: wait until the browser is idle.
  (window.requestIdleCallback || setTimeout)(updateBrowserColors);

  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () {
      apply(i);
      updateBrowserColors();
    });
  });
  // Enter on the focused toggle switches to the next scheme (as in Material); the arrow keys are the radios' own.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("input[name='__palette']")) return;
    event.preventDefault();
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
