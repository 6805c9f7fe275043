/* newsarchive search: the header box (partials/search.html) and, opened from
 * disk, the search page.
 *
 * Two engines behind one interface:
 * - Pagefind (site/pagefind/pagefind.js, dynamic import) over http(s);
 * - the offline index (site/search-offline/, generator/search_index.py),
 *   loaded with <script> tags, so it works from file:// too. Used when the
 *   page is a file:// page or when Pagefind cannot be loaded.
 * Results are rendered as DOM nodes with textContent; the only markup taken
 * from an index is <mark> in Pagefind excerpts (everything else is dropped).
 * No request leaves the site: everything is loaded relative to this script.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var ROOT = new URL("../../", script.src); // site root: this file is assets/javascripts/search.js
  var FROM_DISK = location.protocol === "file:";
  var PAGE_SIZE = 10;
  // Pagefind's ranking, as the offline index ranks (generator/search_index.py, K1/B): page length
  // counts less than by default (entity pages are short), and the title meta adds nothing beyond
  // its heading's weight (an entity page's name weighs 0.01; an article's headline is its h1, 7).
  var RANKING = { pageLength: 0.3, metaWeights: { title: 0 } };
  window.newsarchiveRanking = RANKING; // the search page's Pagefind UI uses the same (search-page.html)
  var FILTER_LABELS = {
    agency: "Agency", year: "Year", person: "Person", organisation: "Organisation",
    place: "Place", note_kind: "Note kind"
  };
  var TYPE_LABELS = { article: "Article", entity: "Entity", note: "Note", timeline: "Timeline" };

  function label(name, table) {
    if (table[name]) return table[name];
    var s = String(name).replace(/[_-]+/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

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

  /* ------------------------------------------------------- offline engine */
  var registry = { meta: null, terms: {}, docs: {} };
  window.newsarchiveSearch = function (payload) {
    if (payload.kind === "meta") registry.meta = payload;
    else if (payload.kind === "terms") registry.terms[payload.key] = payload.terms;
    else if (payload.kind === "docs") registry.docs[payload.chunk] = payload.docs;
  };
  var loading = {};
  function load(rel) {
    if (!loading[rel]) {
      loading[rel] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("search-offline/" + rel, ROOT).href;
        s.charset = "utf-8";
        s.onload = function () { resolve(); };
        s.onerror = function () { delete loading[rel]; reject(new Error("cannot load " + rel)); };
        document.head.appendChild(s);
      });
    }
    return loading[rel];
  }

  function OfflineEngine() {
    this.name = "offline";
  }
  OfflineEngine.prototype.ready = function () {
    return load("meta.js").then(function () { return registry.meta; });
  };
  OfflineEngine.prototype.filters = function () { return Promise.resolve(null); };
  /* The postings lists for one query word: its stem, and while the word is
   * being typed (prefix) the terms that start with it or with its stem. */
  OfflineEngine.prototype.postings = function (meta, word, prefix) {
    var stemmed = stem(word);
    var keys = [shardKey(stemmed, meta.prefix)];
    if (prefix && keys.indexOf(shardKey(word, meta.prefix)) < 0) keys.push(shardKey(word, meta.prefix));
    keys = keys.filter(function (k) { return meta.shards.indexOf(k) >= 0; });
    return Promise.all(keys.map(function (k) { return load("terms/" + k + ".js"); })).then(function () {
      var seen = {}, lists = [];
      var add = function (t, list) { if (!seen[t]) { seen[t] = true; lists.push(list); } };
      keys.forEach(function (k) {
        var shard = registry.terms[k];
        if (shard[stemmed]) add(stemmed, shard[stemmed]);
        if (!prefix) return;
        var more = Object.keys(shard).filter(function (t) { return t.indexOf(word) === 0 || t.indexOf(stemmed) === 0; });
        more.sort(function (a, b) { return shard[b].length - shard[a].length || (a < b ? -1 : 1); });
        more.slice(0, 50).forEach(function (t) { add(t, shard[t]); });
      });
      return lists;
    });
  };
  OfflineEngine.prototype.search = function (query, options) {
    var self = this;
    return this.ready().then(function (meta) {
      var words = tokens(query, 1, meta.max_term);
      var complete = /[\s\p{P}]$/u.test(query);
      // a one-letter word only counts while it is being typed (it may grow)
      words = words.filter(function (w, i) { return w.length >= meta.min_term || (i === words.length - 1 && !complete); });
      if (!words.length || (words.length === 1 && words[0].length < meta.min_term)) {
        return { total: 0, results: [], terms: [] };
      }
      if (words[words.length - 1].length < meta.min_term) words.pop();
      return Promise.all(words.map(function (w, i) {
        return self.postings(meta, w, i === words.length - 1 && !complete);
      })).then(function (perWord) {
        var n = meta.docs, scores = null;
        perWord.forEach(function (lists) {
          var s = new Map();
          lists.forEach(function (list) {
            var df = list.length / 2;
            var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            for (var i = 0, doc = 0; i < list.length; i += 2) {
              doc += list[i];
              var w = idf * list[i + 1] / 100;
              if (!(s.get(doc) >= w)) s.set(doc, w);
            }
          });
          if (scores === null) scores = s;
          else {
            var both = new Map();
            scores.forEach(function (v, doc) { if (s.has(doc)) both.set(doc, v + s.get(doc)); });
            scores = both;
          }
        });
        var docs = Array.from(scores.keys());
        var sort = options.sort || "relevance";
        if (sort === "newest") docs.sort(function (a, b) { return a - b; });
        else if (sort === "oldest") docs.sort(function (a, b) { return b - a; });
        else docs.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
        return {
          total: docs.length,
          terms: words,
          results: docs.map(function (doc) { return self.result(meta, doc, words.map(stem)); })
        };
      });
    });
  };
  OfflineEngine.prototype.result = function (meta, doc, words) {
    var chunk = Math.floor(doc / meta.chunk);
    return {
      data: function () {
        return load("docs/" + chunk + ".js").then(function () {
          var row = registry.docs[chunk][doc % meta.chunk];
          return {
            url: new URL(row[0], ROOT).href,
            title: row[1], type: row[2], date: row[3],
            excerpt: highlight(row[4], words)
          };
        });
      }
    };
  };

  /* A text as nodes, with the words that start with a query term in <mark>. */
  function highlight(text, words) {
    var frag = document.createDocumentFragment();
    var re = /[\p{L}\p{N}]+/gu, at = 0, m;
    while ((m = re.exec(text))) {
      var norm = stem(normalise(m[0]));
      if (words.some(function (w) { return norm.indexOf(w) === 0; })) {
        frag.appendChild(document.createTextNode(text.slice(at, m.index)));
        frag.appendChild(el("mark", null, m[0]));
        at = m.index + m[0].length;
      }
    }
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  /* ------------------------------------------------------ Pagefind engine */
  function PagefindEngine(module) {
    this.name = "pagefind";
    this.pf = module;
  }
  PagefindEngine.load = function () {
    return import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pf) {
      return Promise.resolve(pf.options({ baseUrl: ROOT.pathname, excerptLength: 24, ranking: RANKING }))
        .then(function () { return pf.init(); })
        .then(function () { return new PagefindEngine(pf); });
    });
  };
  PagefindEngine.prototype.filters = function () { return this.pf.filters(); };
  PagefindEngine.prototype.search = function (query, options) {
    var opts = { filters: options.filters || {} };
    if (options.sort === "newest") opts.sort = { date: "desc" };
    else if (options.sort === "oldest") opts.sort = { date: "asc" };
    return this.pf.debouncedSearch(query, opts, 150).then(function (search) {
      if (search === null) return null; // superseded by a newer query
      return {
        total: search.results.length,
        results: search.results.map(function (r) {
          return {
            data: function () {
              return r.data().then(function (d) {
                var meta = d.meta || {};
                return {
                  url: d.url, title: meta.title || d.url, type: meta.type || "", date: meta.date || "",
                  excerpt: onlyMarks(d.excerpt || "")
                };
              });
            }
          };
        })
      };
    });
  };

  /* Pagefind excerpts are HTML text with <mark>: keep the text and the marks, nothing else. */
  function onlyMarks(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    var frag = document.createDocumentFragment();
    (function walk(node, into) {
      node.childNodes.forEach(function (c) {
        if (c.nodeType === 3) into.appendChild(document.createTextNode(c.data));
        else if (c.nodeType === 1 && c.localName === "mark") walk(c, into.appendChild(el("mark")));
        else if (c.nodeType === 1) walk(c, into);
      });
    })(t.content, frag);
    return frag;
  }

  var enginePromise = null;
  function engine() {
    if (!enginePromise) {
      enginePromise = FROM_DISK
        ? Promise.resolve(new OfflineEngine())
        : PagefindEngine.load().catch(function () { return new OfflineEngine(); });
    }
    return enginePromise;
  }

  /* ------------------------------------------------------------------- UI */
  /* One search box: input, controls (sort, filters), result list. Used by the
   * header (Material's search look) and, from disk, by the search page. */
  function SearchBox(root) {
    this.root = root;
    this.input = root.querySelector("[data-na-search-input]");
    this.meta = root.querySelector("[data-na-search-meta]");
    this.list = root.querySelector("[data-na-search-list]");
    this.controls = root.querySelector("[data-na-search-controls]");
    this.sort = root.querySelector("[data-na-search-sort]");
    this.more = root.querySelector("[data-na-search-more]");
    this.full = root.querySelector("[data-na-search-full]");
    this.filters = {};
    this.shown = 0;
    this.seq = 0;
    var self = this;
    this.input.addEventListener("input", function () { self.run(); });
    this.input.addEventListener("keyup", function () { if (self.input.value !== self.last) self.run(); });
    if (this.sort) this.sort.addEventListener("change", function () { self.run(true); });
    if (this.more) this.more.addEventListener("click", function () { self.page(); });
    this.input.addEventListener("focus", function () { self.prepare(); });
    this.updateFull("");
  }
  SearchBox.prototype.updateFull = function (query) {
    if (!this.full) return;
    var target = new URL(this.full.getAttribute("data-href"), ROOT);
    if (query.trim()) target.search = "?q=" + encodeURIComponent(query.trim());
    this.full.href = target.href;
  };
  SearchBox.prototype.prepare = function () {
    var self = this;
    if (this.prepared) return this.prepared;
    this.prepared = engine().then(function (e) {
      self.root.setAttribute("data-na-search-engine", e.name);
      return e.filters().then(function (filters) { self.buildFilters(filters); return e; });
    }).catch(function (err) {
      self.status("Search is not available: " + err.message);
      throw err;
    });
    return this.prepared;
  };
  SearchBox.prototype.buildFilters = function (filters) {
    var box = this.controls && this.controls.querySelector("[data-na-search-filters]");
    if (!box || !filters) return;
    var self = this;
    Object.keys(filters).sort().forEach(function (name) {
      var values = Object.keys(filters[name]);
      if (!values.length) return;
      var select = el("select", "na-search-filter");
      select.name = name;
      select.setAttribute("aria-label", label(name, FILTER_LABELS));
      select.appendChild(el("option", null, "Any " + label(name, FILTER_LABELS).toLowerCase())).value = "";
      values.sort(function (a, b) { return filters[name][b] - filters[name][a] || (a < b ? -1 : 1); });
      values.slice(0, 200).forEach(function (v) {
        var o = el("option", null, v + " (" + filters[name][v] + ")");
        o.value = v;
        select.appendChild(o);
      });
      select.addEventListener("change", function () { self.run(true); });
      self.filters[name] = select;
      box.appendChild(select);
    });
  };
  SearchBox.prototype.status = function (text) { if (this.meta) this.meta.textContent = text; };
  SearchBox.prototype.run = function (force) {
    var query = this.input.value;
    if (query === this.last && !force) return;
    this.last = query;
    this.updateFull(query);
    var seq = ++this.seq, self = this;
    if (!query.trim()) {
      this.list.textContent = "";
      if (this.more) this.more.hidden = true;
      this.status("Type to start searching");
      this.root.removeAttribute("data-na-search-query");
      return;
    }
    var filters = {};
    Object.keys(this.filters).forEach(function (name) {
      if (self.filters[name].value) filters[name] = self.filters[name].value;
    });
    this.prepare().then(function (e) {
      return e.search(query, { filters: filters, sort: self.sort ? self.sort.value : "relevance" });
    }).then(function (found) {
      if (!found || seq !== self.seq) return;
      self.found = found;
      self.shown = 0;
      self.list.textContent = "";
      self.status(found.total === 0 ? "No matching documents"
        : found.total === 1 ? "1 matching document" : found.total + " matching documents");
      return self.page();
    }).catch(function (err) {
      if (seq === self.seq) self.status("Search failed: " + err.message);
    });
  };
  SearchBox.prototype.page = function () {
    var self = this, seq = this.seq, found = this.found;
    var batch = found.results.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += batch.length;
    if (this.more) this.more.hidden = this.shown >= found.total;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (rows) {
      if (seq !== self.seq) return;
      rows.forEach(function (d) { self.list.appendChild(self.item(d)); });
      self.root.setAttribute("data-na-search-query", self.last);  // rendered (tests, benchmark)
    });
  };
  SearchBox.prototype.item = function (d) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = d.url;
    var art = el("article", "md-search-result__article md-typeset");
    art.appendChild(el("h1", null, d.title));
    if (d.type || d.date) {
      var meta = el("p", "na-search-result__meta");
      if (d.type) meta.appendChild(el("span", "na-search-result__type", label(d.type, TYPE_LABELS)));
      if (d.date) meta.appendChild(el("time", null, d.date));
      art.appendChild(meta);
    }
    var teaser = el("p", "md-search-result__teaser");
    teaser.appendChild(d.excerpt);
    art.appendChild(teaser);
    a.appendChild(art);
    li.appendChild(a);
    return li;
  };

  /* ---------------------------------------------------- the header search */
  function setupHeader() {
    var root = document.querySelector("[data-na-search=header]");
    if (!root) return;
    var box = new SearchBox(root);
    var toggle = document.getElementById("__search");
    var open = function (on) {
      if (toggle && toggle.checked !== on) {
        toggle.checked = on;
        toggle.dispatchEvent(new Event("change"));
      }
    };
    box.input.addEventListener("focus", function () { open(true); });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && document.activeElement !== box.input) box.input.focus();
      });
    }
    root.querySelector("form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = box.list.querySelector("a");
      if (first) location.href = first.href;
    });
    root.querySelector("form").addEventListener("reset", function () {
      setTimeout(function () { box.run(); box.input.focus(); });
    });
    document.addEventListener("keydown", function (ev) {
      var searching = toggle && toggle.checked;
      if (searching && ev.key === "Escape") {
        open(false);
        box.input.blur();
      } else if (searching && (ev.key === "ArrowDown" || ev.key === "ArrowUp")) {
        var links = Array.prototype.slice.call(box.list.querySelectorAll("a"));
        if (!links.length) return;
        var i = links.indexOf(document.activeElement);
        i = ev.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : i - 1;
        (i < 0 ? box.input : links[i]).focus();
        ev.preventDefault();
      } else if (!searching && (ev.key === "/" || ev.key === "s" || ev.key === "f") &&
                 !ev.ctrlKey && !ev.metaKey && !ev.altKey &&
                 !/^(input|textarea|select)$/i.test((ev.target && ev.target.localName) || "") &&
                 !(ev.target && ev.target.isContentEditable)) {
        open(true);
        box.input.focus();
        ev.preventDefault();
      }
    });
  }

  /* ------------------------------------- the search page, opened from disk */
  function setupPage() {
    var root = document.querySelector("[data-na-search=page]");
    if (!root) return;
    var pagefindUi = document.getElementById("na-search");
    if (!FROM_DISK && typeof window.PagefindUI !== "undefined") return; // the full Pagefind UI runs there
    if (pagefindUi) pagefindUi.hidden = true;
    root.hidden = false;
    var box = new SearchBox(root);
    var q = new URLSearchParams(location.search).get("q");
    if (q) { box.input.value = q; box.run(); }
  }

  window.newsarchiveSearchEngine = engine; // for tests and the benchmark
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupHeader(); setupPage(); });
  } else {
    setupHeader();
    setupPage();
  }
})();
