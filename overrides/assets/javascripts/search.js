/* Site search: Pagefind in Material's header search box and results panel (scripts/site/site_search.py).
   Pagefind's script, its WebAssembly and the index chunks load from the site's own pagefind/ folder,
   the first time the reader types; Pagefind picks the index of the page's <html lang>, so results
   stay in the reader's language. A result link carries the whole query (?h=), and the page it opens
   marks the query where it occurs. Material's own search, when built with it, leaves no
   [data-site-search] box: then this script only highlights. */
(function () {
  "use strict";
  // Each result shown fetches its page's text (a Pagefind fragment: 4 KiB compressed for half the
  // pages, up to 27 KiB for the Sources page): a query shows its first FIRST results (the panel's
  // first screen holds one to three), and the next BATCH whenever the end of the list is in view,
  // so the results a reader sees and no more. A query runs once typing pauses for PAUSE ms: run at
  // every keystroke, each partial word fetched the text of its own results (`make bench-search`,
  // README.md "Site search").
  var FIRST = 3, BATCH = 3, MAX_SECTIONS = 3, PAUSE = 150;
  var PILCROW = /\s*¶/g; // the headings' permalink sign, indexed (scripts/site/site_search.py) but not shown

  highlight(new URLSearchParams(window.location.search).get("h"));

  var box = document.querySelector("[data-site-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var bundle = new URL(box.getAttribute("data-site-search"), window.location.href);
  var engine = null, latest = 0, timer = 0;
  var pending = { query: "", results: [], shown: 0, ticket: 0 }; // the results not shown yet
  var endOfList = new IntersectionObserver(function (entries) { // the last result shown, once in view
    if (entries.some(function (entry) { return entry.isIntersecting; })) more();
  });

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        // Result URLs from the site root, wherever the site is served (a mirror, a preview).
        // Ranking: a long page is penalised less than by default (pageLength 0.75), and repeated
        // mentions saturate later (termSaturation 1.4): chosen on data/search-queries.yml
        // (`make bench-search`), where they raised MRR from 0.896 to 0.917 (en), 0.900 to 0.904 (zh)
        // (57 queries a language at the time).
        return pagefind.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 24,
                                  ranking: { pageLength: 0.5, termSaturation: 2 } })
          .then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function text(key, count) {
    return box.getAttribute("data-" + key).replace("#", String(count));
  }

  function withQuery(url, query) {
    var hash = url.indexOf("#"), path = hash < 0 ? url : url.slice(0, hash);
    return path + (path.indexOf("?") < 0 ? "?" : "&") + "h=" + encodeURIComponent(query) +
      (hash < 0 ? "" : url.slice(hash));
  }

  function article(level, title, excerpt) {
    var node = document.createElement("article");
    node.className = "md-search-result__article md-typeset";
    var heading = document.createElement(level);
    heading.textContent = title.replace(PILCROW, "");
    var paragraph = document.createElement("p");
    // Pagefind's excerpt: escaped page text with <mark> around the matches
    paragraph.innerHTML = excerpt.replace(PILCROW, "");
    node.append(heading, paragraph);
    return node;
  }

  function link(url, query, child) {
    var anchor = document.createElement("a");
    anchor.className = "md-search-result__link";
    anchor.href = withQuery(url, query);
    anchor.tabIndex = -1;
    anchor.append(child);
    return anchor;
  }

  function item(data, query) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var head = article("h1", data.meta.title, data.excerpt);
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    head.prepend(icon);
    li.append(link(data.url, query, head));
    // The page's sections with the most matches, in the page's order.
    var sections = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
    var best = sections.slice().sort(function (a, b) { return b.locations.length - a.locations.length; })
      .slice(0, MAX_SECTIONS);
    sections.filter(function (sub) { return best.indexOf(sub) >= 0; }).forEach(function (sub) {
        li.append(link(sub.url, query, article("h2", sub.title, sub.excerpt)));
      });
    return li;
  }

  function show(query, results, count) {
    meta.textContent = !query ? text("placeholder", 0) : count === 0 ? text("none", 0)
      : count === 1 ? text("one", 1) : text("other", count);
    list.replaceChildren.apply(list, results.map(function (data) { return item(data, query); }));
    list.setAttribute("data-query", query); // which query the list answers (the tests wait for it)
    list.removeAttribute("data-more");
    endOfList.disconnect();
  }

  function clear() {
    ++latest; // drops the results of a query still running
    clearTimeout(timer);
    show("", [], 0);
  }

  // The next `count` results, with their pages' text; `first`: they replace the list.
  function reveal(count, first) {
    var batch = pending.results.slice(pending.shown, pending.shown + count), ticket = pending.ticket;
    pending.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (results) {
      if (ticket !== latest) return; // a later query's results win
      if (first) show(pending.query, results, pending.results.length);
      else list.append.apply(list, results.map(function (data) { return item(data, pending.query); }));
      endOfList.disconnect();
      if (pending.shown < pending.results.length) {
        list.setAttribute("data-more", ""); // results remain: scrolling to the last one shows them
        endOfList.observe(list.lastElementChild);
      } else {
        list.removeAttribute("data-more");
      }
    });
  }

  function more() {
    endOfList.disconnect(); // until this batch is in the list
    if (pending.shown < pending.results.length) reveal(BATCH, false);
  }

  function search() {
    var query = input.value.trim();
    if (!query) { clear(); return; }
    var ticket = ++latest;
    clearTimeout(timer);
    timer = setTimeout(function () {
      load().then(function (pagefind) { return pagefind.search(query); }).then(function (found) {
        if (ticket !== latest) return;
        pending = { query: query, results: found.results, shown: 0, ticket: ticket };
        return reveal(FIRST, true);
      });
    }, PAUSE);
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", function () { toggle.checked = true; load(); });
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault(); // Enter opens the first result, as in Material
    var first = list.querySelector(".md-search-result__link");
    if (first) window.location.href = first.href;
  });
  box.querySelector("form").addEventListener("reset", function () { clear(); input.focus(); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) setTimeout(function () { input.focus(); }, 100); // once the box has opened
  });

  function close() {
    toggle.checked = false;
    input.blur();
  }

  // Focus leaving the search (Tab, Shift+Tab, a click elsewhere) closes it, as in Material.
  box.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !box.contains(event.relatedTarget)) toggle.checked = false;
  });

  // Keys as in Material: / (or s, f) opens the search; in it, arrows walk the results, Escape closes.
  document.addEventListener("keydown", function (event) {
    var target = event.target, inBox = box.contains(target);
    if (!toggle.checked || !inBox) {
      var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].indexOf(event.key) >= 0) {
        event.preventDefault();
        toggle.checked = true;
        input.focus();
      }
      return;
    }
    var links = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
    var at = links.indexOf(target);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = Math.min(at + (event.key === "ArrowDown" ? 1 : -1), links.length - 1);
      if (next < 0) input.focus(); else links[next].focus();
    }
  });

  // The query a result link carried, marked where it occurs in the article: the whole query when it
  // occurs as typed (世界互联网大会, not 大), else each of its words.
  function highlight(query) {
    var content = query && document.querySelector("article.md-content__inner");
    if (!content) return;
    var phrase = query.trim().toLowerCase();
    if (!mark(content, [phrase])) mark(content, phrase.split(/\s+/).filter(function (w) { return w.length > 1; }));
  }

  function mark(root, terms) {
    if (!terms.length) return 0;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], node, marked = 0;
    while ((node = walker.nextNode())) nodes.push(node);
    nodes.forEach(function (textNode) {
      var lower = textNode.data.toLowerCase(), pos = 0, parts = [];
      for (;;) {
        var best = -1, term = "";
        terms.forEach(function (t) {
          var found = lower.indexOf(t, pos);
          if (found >= 0 && (best < 0 || found < best)) { best = found; term = t; }
        });
        if (best < 0) break;
        parts.push(document.createTextNode(textNode.data.slice(pos, best)));
        var m = document.createElement("mark");
        m.setAttribute("data-md-highlight", "");
        m.textContent = textNode.data.slice(best, best + term.length);
        parts.push(m);
        pos = best + term.length;
        marked++;
      }
      if (parts.length) {
        parts.push(document.createTextNode(textNode.data.slice(pos)));
        textNode.replaceWith.apply(textNode, parts);
      }
    });
    return marked;
  }
})();
