/* newsarchive search text, for search-engines.js: the query terms (the same
 * rules as generator/search_index.py: normalise, terms, shard keys), the offline
 * index's highlighted passages and teasers, and Pagefind results' excerpts.
 * Everything is built as text nodes and <mark> elements; no index text is parsed as markup
 * in the page (an HTML excerpt only in an inert document, its text copied out).
 */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---------------------------------------------------------------- terms */
  /* The same rules as generator/search_index.py (normalise, terms, shard_key). */
  var WORD = /[\p{L}\p{N}]+/gu;
  function normalise(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function tokens(text, min, max) {
    return (normalise(text).match(WORD) || []).filter(function (t) {
      return t.length >= min && t.length <= max;
    });
  }
  function stem(w) {
    if (w.length > 3 && /ies$/.test(w) && !/[ea]ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 3 && /es$/.test(w) && !/[aeo]es$/.test(w)) return w.slice(0, -1);
    if (w.length > 2 && /s$/.test(w) && !/(us|ss)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  function shardKey(term, prefix) {
    var out = "";
    Array.from(term).slice(0, prefix).forEach(function (c) {
      out += /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    });
    return out;
  }

  /* Whether one run of letters and digits, normalised and stemmed, starts with one of the (stemmed) terms. */
  function isMatch(token, terms) {
    var norm = stem(normalise(token));
    return terms.some(function (t) { return norm.indexOf(t) === 0; });
  }
  /* A text as nodes, with the words that start with a query term in <mark>. */
  function highlight(text, words) {
    var frag = document.createDocumentFragment();
    var re = /[\p{L}\p{N}]+/gu, at = 0, m;
    while (words.length && (m = re.exec(text))) {
      if (isMatch(m[0], words)) {
        frag.appendChild(document.createTextNode(text.slice(at, m.index)));
        frag.appendChild(el("mark", null, m[0]));
        at = m.index + m[0].length;
      }
    }
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  /* Whether a word of the text (any of its letter-and-digit runs) starts with a query term. */
  function matches(word, terms) {
    return (word.match(/[\p{L}\p{N}]+/gu) || []).some(function (part) { return isMatch(part, terms); });
  }
  /* The offline index's excerpt from a page's indexed text: the ``length`` words with the
   * most matching words (the window Pagefind would pick), highlighted; null if none matches. */
  function passage(text, terms, length) {
    var words = String(text || "").split(/\s+/), weights = [], any = false;
    if (!terms.length) return null;
    words.forEach(function (w, i) { if (matches(w, terms)) { weights[i] = 1; any = true; } });
    if (!any) return null;
    var start = Math.max(0, Math.min(densest(weights, length), words.length - length));
    return highlight(words.slice(start, start + length).join(" "), terms);
  }

  /* A Pagefind result's excerpt, built from its plain text (``content``) and
   * the positions of the matching words (``weighted_locations``): the words
   * of the densest window, as text nodes, the matches in <mark>. Pagefind's
   * own ``excerpt`` is HTML made from text with only < and > escaped, so it
   * is never parsed. Text that Pagefind split with zero-width spaces (some
   * scripts have no spaces between words) has lost them in ``content``:
   * there the excerpt's HTML is read in an inert document and only its text
   * and marks are copied out. */
  function excerptOf(d, length) {
    if (/\u200b/.test(d.raw_content || "")) return onlyMarks(d.excerpt || "");
    var words = String(d.content || "").split(/[\r\n\s]+/g);
    var weights = [];
    (d.weighted_locations || []).forEach(function (w) { weights[w.location] = (weights[w.location] || 0) + (w.balanced_score || 1); });
    var start = densest(weights, length);
    start = Math.max(0, Math.min(start, words.length - length));
    var marked = {};
    (d.locations || []).forEach(function (l) { marked[l] = true; });
    var frag = document.createDocumentFragment(), text = "";
    for (var i = start; i < Math.min(words.length, start + length); i++) {
      if (i > start) text += " ";
      if (!marked[i]) { text += words[i]; continue; }
      if (text) frag.appendChild(document.createTextNode(text));
      text = "";
      frag.appendChild(el("mark", null, words[i]));
    }
    if (text) frag.appendChild(document.createTextNode(text));
    return frag;
  }
  /* Where the window of ``length`` words with the most weight starts (the middle of equal ones), as Pagefind picks it. */
  function densest(weights, length) {
    if (weights.length <= length) return 0;
    var sum = 0, i;
    for (i = 0; i < length; i++) sum += weights[i] || 0;
    var best = sum, at = [0];
    for (i = 0; i < weights.length; i++) {
      sum += (weights[i + length] || 0) - (weights[i] || 0);
      if (sum > best) { best = sum; at = [i]; }  // (Pagefind's calculate_excerpt_region, word for word)
      else if (sum === best && at[at.length - 1] === i - 1) at.push(i);
    }
    return at[Math.floor(at.length / 2)];
  }

  /* The text and <mark>s of an HTML excerpt, read in an inert document (no
   * script runs, nothing loads) and copied out as new nodes. */
  function onlyMarks(html) {
    var doc = new DOMParser().parseFromString("<!doctype html><body>" + html, "text/html");
    var frag = document.createDocumentFragment();
    (function walk(node, into) {
      node.childNodes.forEach(function (c) {
        if (c.nodeType === 3) into.appendChild(document.createTextNode(c.data));
        else if (c.nodeType === 1 && c.localName === "mark") walk(c, into.appendChild(el("mark")));
        else if (c.nodeType === 1) walk(c, into);
      });
    })(doc.body, frag);
    return frag;
  }

  window.newsarchiveSearchText = {
    normalise: normalise, tokens: tokens, stem: stem, shardKey: shardKey,
    highlight: highlight, passage: passage, excerptOf: excerptOf
  };
})();
