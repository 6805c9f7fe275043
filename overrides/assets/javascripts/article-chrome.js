/*
 * newsarchive: article tools (overrides/article.html, partials/na-cite.html).
 *
 * - Copy buttons of "Cite this article": copy the text of the element the
 *   button's data-na-copy names (the APA paragraph as plain text, the BibTeX
 *   block) with the Clipboard API, else a selected textarea and execCommand; then say
 *   "Copied" in the button and the status line. The last copied text is
 *   kept in window.__naLastCopied (a hook for tests and curious readers).
 * - "Suggest a note": on click, GitHub's new-file URL gets the passage the
 *   reader has selected in the article as the note's quote (and an id made
 *   from it), and today's
 *   date as its "added" (the build has no clock; the link works without
 *   this script, with both left to fill in).
 * - Print: links in the article print their absolute address (resolved
 *   against the page's canonical URL when the site has one).
 */
(function () {
  "use strict";

  function announce(button, text) {
    var section = button.closest(".na-cite");
    var status = section && section.querySelector(".na-cite__status");
    var label = button.getAttribute("data-na-label") || button.textContent;
    button.setAttribute("data-na-label", label);
    button.textContent = text;
    if (status) status.textContent = text === "Copied" ? label.replace(/^Copy /, "") + " citation copied" : text;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

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
    area.remove();
    return ok;
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-na-copy"));
    var text = source ? source.textContent : "";
    window.__naLastCopied = text;
    var done = function () { announce(button, "Copied"); };
    var failed = function () { announce(button, fallbackCopy(text) ? "Copied" : "Select the text and copy it"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // the note's id from its quote, as `newsarchive annotate` makes it: ASCII words, at most 40 characters
  function slug(text) {
    var words = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/(\d),(?=\d)/g, "$1").replace(/['\u2019]/g, "")  // "75,498" -> 75498, "int'l" -> intl (python-slugify)
      .replace(/[^a-z0-9]+/g, " ").trim().split(" ");
    var out = "";
    for (var i = 0; i < words.length && words[i]; i++) {
      var next = out ? out + "-" + words[i] : words[i];
      if (next.length > 40) break;
      out = next;
    }
    return out || words[0].slice(0, 40);
  }

  function selectedPassage() {
    var selection = window.getSelection && window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return "";
    var node = selection.getRangeAt(0).commonAncestorContainer;
    var element = node.nodeType === 1 ? node : node.parentElement;
    if (!element || !element.closest(".na-article") || element.closest(".na-meta, .na-cite, .na-note")) return "";
    return selection.toString().replace(/\s+/g, " ").trim();
  }

  function suggest(link) {
    var url;
    try { url = new URL(link.href); } catch (e) { return; }
    var value = url.searchParams.get("value");
    if (value === null) return;
    var passage = selectedPassage();
    if (passage) {
      value = value.replace(/^quote: "".*$/m, "quote: " + JSON.stringify(passage));
      var id = slug(passage);
      if (id) value = value.replace(/^id: "".*$/m, "id: " + id + "  # the note's permalink (#note-" + id + ")");
    }
    value = value.replace(/^added: YYYY-MM-DD.*$/m, "added: " + today());
    url.searchParams.set("value", value);
    link.href = url.toString();
  }

  function printAddresses() {
    var canonical = document.querySelector("link[rel=canonical]");
    var base = canonical ? canonical.href : window.location.href;
    var links = document.querySelectorAll(".md-content a[href]:not(.headerlink):not(.na-note-marker)");
    Array.prototype.forEach.call(links, function (a) {
      var href = a.getAttribute("href");
      // in-page links print only where the address is the point (a note's permalink)
      if (!href || /^#p\d+$/.test(href) || a.closest(".na-marker")) return;
      if (href.charAt(0) === "#" && a.closest(".na-meta")) return;
      var absolute;
      try { absolute = new URL(href, base).href; } catch (e) { return; }
      if (a.textContent.trim() === absolute) return; // the text is already the address
      a.setAttribute("data-na-print-url", absolute);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-na-copy]");
    if (button) { copy(button); return; }
    var link = event.target.closest && event.target.closest("a[data-na-suggest]");
    if (link) suggest(link);
  });
  // the passage is read before the click moves the focus (and a keyboard user presses Enter)
  document.addEventListener("pointerdown", function (event) {
    var link = event.target.closest && event.target.closest("a[data-na-suggest]");
    if (link) suggest(link);
  });
  window.addEventListener("beforeprint", printAddresses);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", printAddresses);
  } else {
    printAddresses();
  }
})();
