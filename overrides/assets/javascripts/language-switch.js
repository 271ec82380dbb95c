// Keep the reader's place when switching language. The language links lead to the same page in the
// other language, and both versions of a page share their section ids and their query (the
// timeline's ?region=&kind=), so carry both along: the section is the one the address names if it is
// on screen, else the one being read (the nearest section heading above the top of the window).
(function () {
  "use strict";

  function sectionInView() {
    var header = document.querySelector(".md-header");
    var top = (header ? header.getBoundingClientRect().bottom : 0) + 16;
    var current = "";
    var headings = document.querySelectorAll("article h2[id], article h3[id], article h4[id]");
    for (var i = 0; i < headings.length; i++) {
      if (!headings[i].getClientRects().length) continue;  // hidden (a filtered timeline event)
      if (headings[i].getBoundingClientRect().top > top) break;
      current = headings[i].id;
    }
    return current;
  }

  function namedSectionOnScreen() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.getClientRects().length) return "";
    var box = target.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight ? id : "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    if (!link.dataset.page) link.dataset.page = link.getAttribute("href");  // as built, before any visit
    var target = new URL(link.dataset.page, window.location.href);
    if (!target.search) target.search = window.location.search;
    var section = namedSectionOnScreen() || sectionInView();
    if (!target.hash && section) target.hash = section;
    link.href = target.toString();
  });
})();
