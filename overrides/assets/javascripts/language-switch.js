// Keep the reader's place when switching language: the language links lead to the same page in the
// other language, and both versions of a page share their section ids, so carry the #section along.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link || !window.location.hash) return;
  var target = new URL(link.href, window.location.href);
  if (target.hash) return;
  target.hash = window.location.hash;
  link.href = target.toString();
});
