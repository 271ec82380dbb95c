// Reader features that need a script (scripts/reader/, issue 5). Everything works without it: the
// timeline then shows every event, and "Cite this page" shows the build date as the access date.
(function () {
  "use strict";

  // Timeline filter (region and kind), also the Claims checked filter (verdict and region). The form
  // is hidden in the HTML and shown here, so readers without JavaScript never meet a control that
  // does nothing. The choice is kept in the address (?region=…&kind=…) so a filtered view can be
  // shared; the status line announces the count (and says so when nothing matches), a reset button
  // (where the form has one) shows everything again, and the table of contents lists only the
  // groups and items shown.
  function timeline(form) {
    var root = form.closest(".timeline, .filtered-list");
    var events = Array.prototype.slice.call(root.querySelectorAll(".timeline-event, .filtered-item"));
    var years = Array.prototype.slice.call(root.querySelectorAll(".timeline-year, .filtered-group"));
    var status = form.querySelector(".timeline-filter__status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var params = new URLSearchParams(window.location.search);
    var reset = form.querySelector(".timeline-filter__reset");
    var tocLinks = Array.prototype.slice.call(
      document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"));

    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    });

    function apply(updateAddress) {
      var chosen = {};
      selects.forEach(function (select) { chosen[select.name] = select.value; });
      var shown = 0;
      events.forEach(function (event) {
        var visible = Object.keys(chosen).every(function (key) {
          return !chosen[key] || event.dataset[key] === chosen[key];
        });
        event.hidden = !visible;
        if (visible) shown += 1;
      });
      years.forEach(function (year) {
        year.hidden = !year.querySelector(".timeline-event:not([hidden]), .filtered-item:not([hidden])");
      });
      status.textContent = form.dataset.count
        .replace("{shown}", String(shown)).replace("{total}", String(events.length)) +
        (shown || !form.dataset.none ? "" : " " + form.dataset.none);
      if (reset) reset.hidden = !Object.keys(chosen).some(function (key) { return chosen[key]; });
      tocLinks.forEach(function (link) {
        var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        link.parentElement.hidden = Boolean(target && target.closest("[hidden]"));
      });
      if (updateAddress) {
        var url = new URL(window.location.href);
        Object.keys(chosen).forEach(function (key) {
          if (chosen[key]) url.searchParams.set(key, chosen[key]); else url.searchParams.delete(key);
        });
        window.history.replaceState(null, "", url.toString());
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () {  // after the browser has reset the selects
      window.setTimeout(function () { apply(true); selects[0].focus(); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  // Sources page: a filter by reference (author, title, publisher); a group whose entries are all
  // filtered out hides its heading too. The entry an address leads to (a note's "Source entry"
  // link) opens its excerpts and citing pages.
  function sourcesFilter(form) {
    var input = form.querySelector("input");
    var status = form.querySelector(".sources-filter__status");
    var entries = Array.prototype.slice.call(document.querySelectorAll("article .source-entry"));
    var headings = Array.prototype.slice.call(document.querySelectorAll("article h2[id^='tier-']"));
    var references = entries.map(function (entry) {
      return entry.querySelector("p").textContent.toLowerCase();
    });

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (entry, i) {
        entry.hidden = !words.every(function (word) { return references[i].indexOf(word) >= 0; });
        if (!entry.hidden) shown += 1;
      });
      headings.forEach(function (heading) {
        var any = false;
        for (var el = heading.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
          if (el.classList.contains("source-entry") && !el.hidden) { any = true; break; }
        }
        heading.hidden = !any;
      });
      status.textContent = form.dataset.count.replace("{shown}", String(shown))
        .replace("{total}", String(entries.length)) + (shown ? "" : " " + form.dataset.none);
    }

    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function openTargetExcerpts() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var entry = id && document.getElementById(id);
    var excerpts = entry && entry.querySelector("details.source-entry__more");
    if (excerpts) excerpts.open = true;
  }

  // "Cite this page": the access date is the reader's today, not the day the site was built, in the
  // reference shown and in the downloads (data: links holding base64 of UTF-8, from
  // scripts/reader/cite.py). Each format writes the access date in its own field and form.
  var ACCESSED_FIELDS = [
    [/(urldate = \{)\d{4}-\d{2}-\d{2}/, function (y, m, d) { return y + "-" + m + "-" + d; }],      // BibTeX
    [/(\r?\nY2  - )\d{4}\/\d{2}\/\d{2}/, function (y, m, d) { return y + "/" + m + "/" + d; }],   // RIS
    [/("accessed": \{"date-parts": \[\[)\d+, \d+, \d+/, function (y, m, d) {                     // CSL-JSON
      return [y, m, d].map(Number).join(", ");
    }]
  ];

  function accessedToday() {
    var now = new Date();
    var parts = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (n) {
      return String(n).padStart(2, "0");
    });
    var iso = parts.join("-");
    document.querySelectorAll("time.cite-page__accessed").forEach(function (time) {
      time.setAttribute("datetime", iso);
      time.textContent = iso;
    });
    document.querySelectorAll("a.cite-page__download[href^='data:']").forEach(function (link) {
      var href = link.getAttribute("href"), comma = href.indexOf(",");
      var binary = atob(href.slice(comma + 1));
      var text = new TextDecoder().decode(Uint8Array.from(binary, function (c) { return c.charCodeAt(0); }));
      ACCESSED_FIELDS.forEach(function (field) {
        text = text.replace(field[0], function (match, head) { return head + field[1].apply(null, parts); });
      });
      var bytes = new TextEncoder().encode(text);
      link.setAttribute("href", href.slice(0, comma + 1) + btoa(String.fromCharCode.apply(null, bytes)));
    });
  }

  // Previews: hovering over or focusing a note number shows the note beside it, and a glossary
  // term (an abbr written by scripts/site/glossary_terms.py) its definition. One listener for the whole
  // article and one preview element, filled when asked: Material's tooltips (content.footnote.tooltips,
  // content.tooltips) mounted one per note or term at load, which on a page of 100 notes blocked the
  // main thread for hundreds of milliseconds on a phone. The preview stays while the pointer is over
  // it (so its links can be used) and Escape closes it (WCAG 1.4.13).
  function previews(article) {
    var preview = document.createElement("div");
    preview.className = "note-preview md-typeset";
    preview.id = "note-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    document.body.appendChild(preview);
    var shownFor = null;
    var hideTimer = 0;

    function contentFor(ref) {
      if (ref.tagName === "ABBR") {  // the definition, shortened at build, and a link to the entry
        var definition = document.createElement("p");
        definition.textContent = ref.getAttribute("title") || ref.dataset.title || "";
        if (!ref.dataset.entry) return [definition];
        var more = document.createElement("a");
        more.href = ref.dataset.entry;
        more.textContent = document.documentElement.lang.indexOf("zh") === 0 ? "术语表条目" : "Glossary entry";
        definition.appendChild(document.createTextNode(" "));
        definition.appendChild(more);
        return [definition];
      }
      var note = document.getElementById(decodeURIComponent(ref.getAttribute("href").slice(1)));
      if (!note) return null;
      var copy = note.cloneNode(true);
      copy.querySelectorAll(".footnote-backref").forEach(function (back) { back.remove(); });
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      var content = Array.prototype.slice.call(copy.childNodes);
      if (note.dataset.lead) {  // a source without a recorded title: publisher and date come first
        var lead = document.createElement("p");
        lead.className = "note-preview__lead";
        lead.textContent = note.dataset.lead;
        content.unshift(lead);
      }
      return content;
    }

    function show(ref) {
      window.clearTimeout(hideTimer);
      if (shownFor === ref) return;
      var content = contentFor(ref);
      if (!content) return;
      hide();
      preview.replaceChildren.apply(preview, content);
      preview.hidden = false;
      place(ref);
      ref.setAttribute("aria-describedby", preview.id);
      if (ref.hasAttribute("title")) {  // no native tooltip over the preview; given back on hide
        ref.dataset.title = ref.getAttribute("title");
        ref.removeAttribute("title");
      }
      shownFor = ref;
    }

    function place(ref) {
      var box = ref.getBoundingClientRect();
      var width = preview.offsetWidth;
      var room = document.documentElement.clientWidth;
      var left = Math.max(8, Math.min(box.left - 16, room - width - 8));
      preview.style.left = (left + window.scrollX) + "px";
      preview.style.top = (box.bottom + window.scrollY + 6) + "px";
    }

    function hide() {
      window.clearTimeout(hideTimer);
      if (shownFor) {
        shownFor.removeAttribute("aria-describedby");
        if (shownFor.dataset.title) {
          shownFor.setAttribute("title", shownFor.dataset.title);
          delete shownFor.dataset.title;
        }
      }
      shownFor = null;
      preview.hidden = true;
    }

    function hideSoon() {
      window.clearTimeout(hideTimer);
      hideTimer = window.setTimeout(hide, 250);
    }

    function refIn(event) {
      return event.target.closest ? event.target.closest("a.footnote-ref, abbr[title], abbr[data-title]") : null;
    }

    article.addEventListener("mouseover", function (event) { var ref = refIn(event); if (ref) show(ref); });
    article.addEventListener("mouseout", function (event) { if (refIn(event)) hideSoon(); });
    article.addEventListener("focusin", function (event) { var ref = refIn(event); if (ref) show(ref); });
    article.addEventListener("focusout", function (event) { if (refIn(event)) hide(); });
    article.addEventListener("click", function (event) {  // a number leads to its note; a term shows
      var ref = refIn(event);
      if (ref && ref.tagName === "ABBR") show(ref); else if (ref) hide();
    });
    preview.addEventListener("mouseover", function () { window.clearTimeout(hideTimer); });
    preview.addEventListener("mouseout", hideSoon);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && shownFor) hide();
    });
  }

  // Printing: open the collapsed blocks (the notes, "Cite this page", admonitions) so paper shows them.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("article details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      details.dataset.printOpened = "";
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (details) {
      details.removeAttribute("open");
      delete details.dataset.printOpened;
    });
  });

  document.querySelectorAll("form.timeline-filter").forEach(timeline);
  document.querySelectorAll("form.sources-filter").forEach(sourcesFilter);
  openTargetExcerpts();
  window.addEventListener("hashchange", openTargetExcerpts);
  var article = document.querySelector("article.md-content__inner");
  if (article && article.querySelector("a.footnote-ref, abbr[title]")) previews(article);
  accessedToday();
})();
