/* newsarchive search engines, for the search box (search.js) and the search
 * page (search-page.js): one interface, filters() and search(query, options).
 *
 * - Pagefind (site/pagefind/pagefind.js, its JS API, dynamic import) over http(s);
 * - the offline index (site/search-offline/, generator/search_index.py),
 *   loaded with <script> tags, so it works from file:// too. Used when the
 *   page is a file:// page or when Pagefind cannot be loaded.
 *
 * search(query, {filters: {name: [values]}, sort}) finds the pages holding
 * every word of the query (none: every page the filters allow) that have any
 * of the chosen values of each filter, best match first, or newest or oldest
 * first. Results give {url, title, type, date, excerpt}: the excerpt is a
 * DocumentFragment of text nodes and <mark> elements, built here; nothing of
 * an index is ever handed on as markup. No request leaves the site.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var ROOT = new URL("../../", script.src); // site root: this file is assets/javascripts/search-engines.js
  var FROM_DISK = location.protocol === "file:";
  // Pagefind's ranking, as the offline index ranks (generator/search_index.py, B and the weights):
  // page length counts less than by default (entity pages are short), and the title meta adds
  // nothing beyond its heading's weight (an entity page's name weighs 0.01; an article's headline
  // is its h1, 7), so an article matching a query ranks above the page named after it.
  var RANKING = { pageLength: 0.3, metaWeights: { title: 0 } };
  var T = window.newsarchiveSearchText;  // search-text.js: terms, highlights, excerpts
  var normalise = T.normalise, tokens = T.tokens, stem = T.stem, shardKey = T.shardKey;
  var highlight = T.highlight, passage = T.passage, excerptOf = T.excerptOf;

  /* ------------------------------------------------------- offline engine */
  var registry = { meta: null, terms: {}, docs: {}, texts: {}, filters: null, filterDocs: {} };
  window.newsarchiveSearch = function (payload) {
    if (payload.kind === "meta") registry.meta = payload;
    else if (payload.kind === "terms") registry.terms[payload.key] = payload.terms;
    else if (payload.kind === "docs") registry.docs[payload.chunk] = payload.docs;
    else if (payload.kind === "text") registry.texts[payload.chunk] = payload.texts;
    else if (payload.kind === "filters") registry.filters = payload.filters;
    else if (payload.kind === "filter") registry.filterDocs[payload.name] = payload.docs;
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
  OfflineEngine.prototype.warm = OfflineEngine.prototype.ready;  // (the warm-up, below)
  /* {name: {value: count}}, as Pagefind's filters() gives it. */
  OfflineEngine.prototype.filters = function () {
    return this.ready().then(function (meta) {
      if (!meta.filters || !meta.filters.length) return {};
      return load("filters.js").then(function () {
        var out = {};
        Object.keys(registry.filters).forEach(function (name) {
          out[name] = {};
          registry.filters[name].forEach(function (pair) { out[name][pair[0]] = pair[1]; });
        });
        return out;
      });
    });
  };
  /* The documents holding any of ``values`` of filter ``name`` (filters/<n>.js loaded): a Set. */
  function valueDocs(name, values) {
    var docs = new Set(), table = registry.filterDocs[name] || {};
    values.forEach(function (value) {
      var list = Object.prototype.hasOwnProperty.call(table, value) ? table[value] : [];
      for (var i = 0, doc = 0; i < list.length; i++) { doc += list[i]; docs.add(doc); }
    });
    return docs;
  }
  /* The documents the chosen filters allow: any chosen value of a filter, every filter. Null: no filter. */
  OfflineEngine.prototype.allowed = function (meta, chosen) {
    var names = Object.keys(chosen || {}).filter(function (n) { return chosen[n].length; });
    if (!names.length) return Promise.resolve(null);
    return Promise.all(names.map(function (name) {
      var n = (meta.filters || []).indexOf(name);
      return n < 0 ? Promise.resolve() : load("filters/" + n + ".js");
    })).then(function () {
      var allowed = null;
      names.forEach(function (name) {
        var docs = valueDocs(name, chosen[name]);
        allowed = allowed === null ? docs : new Set(Array.from(allowed).filter(function (d) { return docs.has(d); }));
      });
      return allowed;
    });
  };
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
        if (Object.prototype.hasOwnProperty.call(shard, stemmed)) add(stemmed, shard[stemmed]);
        if (!prefix) return;
        var more = Object.keys(shard).filter(function (t) { return t.indexOf(word) === 0 || t.indexOf(stemmed) === 0; });
        more.sort(function (a, b) { return shard[b].length - shard[a].length || (a < b ? -1 : 1); });
        more.slice(0, 50).forEach(function (t) { add(t, shard[t]); });
      });
      return lists;
    });
  };
  /* Scores of the documents holding every query word: Map doc -> score, or null when there are no words. */
  OfflineEngine.prototype.scores = function (meta, query) {
    var self = this;
    var words = tokens(query, 1, meta.max_term);
    var complete = /[\s\p{P}]$/u.test(query);
    // a one-letter word only counts while it is being typed (it may grow)
    words = words.filter(function (w, i) { return w.length >= meta.min_term || (i === words.length - 1 && !complete); });
    if (words.length && words[words.length - 1].length < meta.min_term) words.pop();
    if (!words.length) return Promise.resolve({ words: [], scores: null });
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
      return { words: words, scores: scores };
    });
  };
  /* The documents a query matches (every document when it has no words), as a Set, or null for a letter being typed. */
  OfflineEngine.prototype.matching = function (meta, query) {
    if (!/\S/.test(query)) {
      var all = new Set();
      for (var d = 0; d < meta.docs; d++) all.add(d);
      return Promise.resolve(all);
    }
    return this.scores(meta, query).then(function (found) {
      return found.scores === null ? null : new Set(found.scores.keys());
    });
  };
  OfflineEngine.prototype.search = function (query, options) {
    var self = this;
    if (tooShort(query)) return Promise.resolve(SHORT);
    return this.ready().then(function (meta) {
      var hasQuery = /\S/.test(query);
      return Promise.all([hasQuery ? self.scores(meta, query) : { words: [], scores: null },
                          self.allowed(meta, options.filters)]).then(function (both) {
        var words = both[0].words, scores = both[0].scores, allowed = both[1];
        var docs;
        if (hasQuery && scores === null) docs = [];  // only a letter being typed
        else if (scores === null) docs = allowed ? Array.from(allowed) : [];
        else docs = Array.from(scores.keys()).filter(function (d) { return !allowed || allowed.has(d); });
        var sort = options.sort || "relevance";
        // documents are numbered newest first, then the undated ones (meta.dated counts the dated)
        var dated = meta.dated == null ? meta.docs : meta.dated;
        if (sort === "oldest") docs.sort(function (a, b) { return (a >= dated) - (b >= dated) || (a < dated ? b - a : a - b); });
        else if (sort === "newest" || scores === null) docs.sort(function (a, b) { return a - b; });
        else docs.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
        var stems = words.map(stem);
        return {
          total: docs.length,
          results: docs.map(function (doc) { return self.result(meta, doc, stems); })
        };
      });
    });
  };
  /* Every filter's documents (filters/<n>.js), for the counts: loaded when the reader opens the filters. */
  OfflineEngine.prototype.allFilterDocs = function (meta) {
    return Promise.all((meta.filters || []).map(function (name, n) { return load("filters/" + n + ".js"); }));
  };
  /* {name: {value: count}} for the query and the chosen filters: a value's count is how many
   * results it would give, with the other filters' choices kept (within a filter any value matches). */
  OfflineEngine.prototype.facets = function (query, chosen) {
    var self = this;
    chosen = chosen || {};
    return this.ready().then(function (meta) {
      return Promise.all([self.matching(meta, query), self.allFilterDocs(meta)]).then(function (both) {
        var matched = both[0], names = meta.filters || [], out = {};
        var picked = {};
        names.forEach(function (name) { if ((chosen[name] || []).length) picked[name] = valueDocs(name, chosen[name]); });
        names.forEach(function (name) {
          out[name] = {};
          var table = registry.filterDocs[name] || {};
          Object.keys(table).forEach(function (value) {
            var list = table[value], count = 0;
            for (var i = 0, doc = 0; i < list.length; i++) {
              doc += list[i];
              if (matched && !matched.has(doc)) continue;
              var ok = true;
              for (var other in picked) if (other !== name && !picked[other].has(doc)) { ok = false; break; }
              if (ok) count++;
            }
            out[name][value] = count;
          });
        });
        return out;
      });
    });
  };
  /* A result: its metadata (docs/<n>.js) and, for a query, its excerpt from the passage that
   * matches (text/<n>.js, format 3), else the teaser (the page's first paragraph). */
  OfflineEngine.prototype.result = function (meta, doc, words) {
    var chunk = Math.floor(doc / meta.chunk), withText = words.length > 0 && meta.format >= 3;
    var textChunk = Math.floor(doc / meta.text_chunk);
    return {
      data: function () {
        var files = [load("docs/" + chunk + ".js")];
        if (withText) files.push(load("text/" + textChunk + ".js"));
        return Promise.all(files).then(function () {
          var row = registry.docs[chunk][doc % meta.chunk];
          var text = withText ? registry.texts[textChunk][doc % meta.text_chunk] : null;
          return {
            url: new URL(row[0], ROOT).href,
            title: row[1], type: row[2], date: row[3],
            excerpt: (text && passage(text, words, EXCERPT_WORDS)) || highlight(row[4], words)
          };
        });
      }
    };
  };

  /* ------------------------------------------------------ Pagefind engine */
  function PagefindEngine(module) {
    this.name = "pagefind";
    this.pf = module;
  }
  PagefindEngine.load = function () {
    return import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pf) {
      return Promise.resolve(pf.options({ baseUrl: ROOT.pathname, excerptLength: EXCERPT_WORDS, ranking: RANKING }))
        .then(function () { return pf.init(); })
        .then(function () { return new PagefindEngine(pf); });
    });
  };
  /* Once, at the warm-up: one search for every page (no query, no filter), which loads nothing
   * more (no index chunk, filter or fragment) but runs Pagefind's WebAssembly result code, so
   * Chromium's V8 compiles that code to its optimised tier while the page is idle. Without it,
   * at 10,000 articles, that compilation (230-380 ms of CPU) ran during the reader's first
   * search and slowed it on a two-core machine. Pagefind answers in turn: a first query asked
   * meanwhile runs after it. */
  PagefindEngine.prototype.warm = function () {
    if (!this.warmed) this.warmed = this.pf.search(null);
    return this.warmed;
  };
  PagefindEngine.prototype.filters = function () {
    var self = this;
    if (!this.loadedFilters) this.loadedFilters = this.pf.filters().then(function (f) { self.hasFilters = true; return f; });
    return this.loadedFilters;
  };
  /* Pagefind's options for a query, chosen filters and sort: a date sort by the
   * newest/oldest keys, which every page has (undated ones sort last). */
  function pagefindOptions(query, chosen, sort) {
    var filters = {};
    Object.keys(chosen || {}).forEach(function (name) {
      if (chosen[name].length) filters[name] = { any: chosen[name] };  // any value of one filter; every filter
    });
    var opts = { filters: filters };
    if (sort === "newest" || (!/\S/.test(query) && sort !== "oldest")) opts.sort = { newest: "desc" };
    else if (sort === "oldest") opts.sort = { oldest: "asc" };
    return opts;
  }
  PagefindEngine.prototype.search = function (query, options) {
    if (tooShort(query)) return Promise.resolve(SHORT);  // (no preload: a letter's chunks are most of the index)
    var opts = pagefindOptions(query, options.filters, options.sort);
    return this.pf.search(/\S/.test(query) ? query : null, opts).then(function (search) {
      return {
        total: search.results.length,
        results: search.results.map(function (r) {
          return {
            data: function () {
              return r.data().then(function (d) {
                var meta = d.meta || {};
                return {
                  url: d.url, title: meta.title || d.url, type: meta.type || "", date: meta.date || "",
                  excerpt: excerptOf(d, EXCERPT_WORDS)
                };
              });
            }
          };
        })
      };
    });
  };
  /* {name: {value: count}}, as OfflineEngine.facets: the counts Pagefind gives with a
   * search (for a value: the results with it too), and for a filter with chosen values,
   * from a search without them (so its other values count as alternatives). */
  PagefindEngine.prototype.facets = function (query, chosen) {
    var self = this, q = /\S/.test(query) ? query : null;
    chosen = chosen || {};
    return this.filters().then(function () {
      var names = Object.keys(chosen).filter(function (n) { return chosen[n].length; });
      var runs = [self.pf.search(q, pagefindOptions(query, chosen, "relevance"))];
      names.forEach(function (name) {
        var others = {};
        names.forEach(function (n) { if (n !== name) others[n] = chosen[n]; });
        runs.push(self.pf.search(q, pagefindOptions(query, others, "relevance")));
      });
      return Promise.all(runs).then(function (found) {
        var out = {};
        Object.keys(found[0].filters || {}).forEach(function (name) { out[name] = found[0].filters[name]; });
        names.forEach(function (name, i) { out[name] = (found[i + 1].filters || {})[name] || {}; });
        return out;
      });
    });
  };

  var EXCERPT_WORDS = 24;

  /* One letter or digit is not searched yet: it matches most of the archive, and the next key is coming. */
  var SHORT = { total: 0, results: [], short: true };
  function tooShort(query) {
    return /^[\p{Script=Latin}\p{N}]$/u.test(query.trim());
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

  /* Warm-up: once the page is idle after loading, the engine loads (Pagefind's module, worker,
   * WebAssembly and metadata: about 250 KB at 10,000 articles, once a visit with the HTTP cache;
   * the offline index's meta.js) and warms it (PagefindEngine.warm), so the first key searches at
   * once. Material's own search loads its whole index on every page. With Save-Data on, the
   * engine loads when the box gets focus (and is not warmed). */
  function warm() {
    if (navigator.connection && navigator.connection.saveData) return;
    // a failure here shows when the box is used (SearchBox.prepare and pump report it)
    engine().then(function (e) { return e.warm(); }).catch(function () { return null; });
  }
  function whenIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(warm, { timeout: 2000 });
    else setTimeout(warm, 200);
  }
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle);

  window.newsarchiveSearchEngine = engine; // for search.js, the tests and the benchmark
  window.newsarchiveSearchRoot = ROOT;
})();
