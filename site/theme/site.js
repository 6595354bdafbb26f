// The reader's features: theme toggle, copy buttons, search over the prebuilt index, the phone-sized outline.
// Everything found in the index is shown with textContent, never innerHTML.
(function () {
  "use strict";
  var root = document.documentElement;

  // Theme: the system's choice until the reader picks one; the pick is kept in localStorage.
  function currentTheme() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  var toggle = document.getElementById("theme-toggle");
  function label() {
    var next = currentTheme() === "dark" ? "light" : "dark";
    toggle.setAttribute("aria-label", "Switch to the " + next + " theme");
    toggle.title = "Switch to the " + next + " theme";
  }
  if (toggle) {
    label();
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("workshop-theme", next); } catch (e) { /* the choice lasts this page only */ }
      label();
    });
  }

  // Copy buttons: the clipboard API where allowed, a hidden textarea otherwise (older browsers, some file:// cases).
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  document.querySelectorAll(".code button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var code = button.closest(".code").querySelector("pre code");
      var text = code ? code.textContent : "";
      var copy = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
        : fallbackCopy(text);
      copy.then(function () { button.textContent = "Copied"; }, function () { button.textContent = "Press Ctrl+C"; })
        .then(function () { setTimeout(function () { button.textContent = "Copy"; }, 1500); });
    });
  });

  // The outline on small screens.
  var navToggle = document.getElementById("nav-toggle");
  function setNav(open) {
    document.body.classList.toggle("nav-open", open);
    navToggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (navToggle) {
    navToggle.addEventListener("click", function (e) {
      e.stopPropagation();
      setNav(!document.body.classList.contains("nav-open"));
    });
    // The open drawer covers the header: a tap outside it or Escape closes it.
    document.addEventListener("click", function (e) {
      if (document.body.classList.contains("nav-open") && !e.target.closest("#sidebar")) setNav(false);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") setNav(false); });
  }

  // Search: every term must appear (case-insensitive); title and heading hits rank first.
  var index = window.WORKSHOP_SEARCH_INDEX || [];
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, start + 160) + (start + 160 < text.length ? "…" : "");
  }
  function search(query) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) return [];
    var hits = [];
    index.forEach(function (entry) {
      var head = (entry.page + " " + entry.heading).toLowerCase();
      var body = entry.text.toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inHead = head.indexOf(terms[i]) >= 0, inBody = body.indexOf(terms[i]) >= 0;
        if (!inHead && !inBody) return;
        score += (inHead ? 10 : 0) + (inBody ? 1 : 0);
      }
      hits.push({ entry: entry, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    // The best section of each page: every matching page shows up before any page shows twice.
    var seen = {};
    var best = hits.filter(function (h) { var key = h.entry.url.split("#")[0]; return seen[key] ? false : (seen[key] = true); });
    return best.slice(0, 25).map(function (h) { return h.entry; });
  }
  function show(query) {
    list.textContent = "";
    if (!query.trim()) { list.hidden = true; return; }
    var found = search(query);
    if (found.length === 0) {
      var none = document.createElement("li");
      none.className = "search-empty";
      none.textContent = "Nothing found for “" + query.trim() + "”.";
      list.appendChild(none);
    }
    var first = query.toLowerCase().split(/\s+/).filter(Boolean)[0];
    found.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.heading === entry.page ? entry.page : entry.page + " › " + entry.heading;
      var text = document.createElement("p");
      text.textContent = snippet(entry.text, first);
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    });
    list.hidden = false;
  }
  if (input && list) {
    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; show(""); }
      if (e.key === "Enter") {
        var first = list.querySelector("a");
        if (first) location.href = first.href;
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); }
    });
  }
})();
