/* newsarchive search: the search box and the header box (partials/search.html),
 * over the engines of search-engines.js; the search page adds its filter
 * panel with search-page.js, on the same box and engine, so the same query,
 * filters and sort give the same results in the same order in both.
 *
 * Everything taken from an index (titles, dates, types, filter names and
 * values, excerpts) is put in the page as text (textContent, text nodes);
 * the only markup is what this code builds (and the <mark>s the engines
 * build in excerpts). A result links only to an http(s) or file: address.
 */
(function () {
  "use strict";

  var engine = window.newsarchiveSearchEngine, ROOT = window.newsarchiveSearchRoot;
  if (!engine || !ROOT) return;  // search-engines.js comes first (mkdocs.yml, extra_javascript)
  var PAGE_SIZE = 10;
  var FILTER_LABELS = {
    agency: "Agency", year: "Year", person: "Person", organisation: "Organisation",
    place: "Place", note_kind: "Note kind", type: "Type"
  };
  var TYPE_LABELS = {
    article: "Article", entity: "Entity", note: "Note", timeline: "Timeline",
    person: "Person", organisation: "Organisation", place: "Place"
  };

  /* A filter or type name as words: "note_kind" -> "Note kind". */
  function label(name, table) {
    if (Object.prototype.hasOwnProperty.call(table, name)) return table[name];
    var s = String(name).replace(/[_-]+/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  /* A filter value as shown: the type filter's values as words, any other as it is. */
  function valueLabel(name, value) {
    return name === "type" ? label(value, TYPE_LABELS) : String(value);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* Filter values, most pages first, then in text order: [[value, count], ...]. */
  function ordered(counts) {
    return Object.keys(counts).map(function (v) { return [v, counts[v]]; }).sort(function (a, b) {
      return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    });
  }

  /* ------------------------------------------------------------ filters */
  /* The header's filters: one <select> per filter, "Any agency" or one value,
   * each value with how many results it gives (values that give none are hidden). */
  function SelectFilters(box) {
    this.box = box;
    this.selects = {};
  }
  SelectFilters.prototype.build = function (filters, changed) {
    var self = this;
    Object.keys(filters).sort().forEach(function (name) {
      var values = ordered(filters[name]);
      if (!values.length) return;
      var select = el("select", "na-search-filter");
      select.name = name;
      select.setAttribute("aria-label", label(name, FILTER_LABELS));
      select.appendChild(el("option", null, "Any " + label(name, FILTER_LABELS).toLowerCase())).value = "";
      values.slice(0, 200).forEach(function (pair) {
        var o = el("option", null, valueLabel(name, pair[0]) + " (" + pair[1] + ")");
        o.value = pair[0];
        select.appendChild(o);
      });
      select.addEventListener("change", changed);
      self.selects[name] = select;
      self.box.appendChild(select);
    });
  };
  /* The counts of the current query and filters ({name: {value: count}}). */
  SelectFilters.prototype.update = function (counts) {
    var self = this;
    Object.keys(this.selects).forEach(function (name) {
      var table = counts[name] || {}, any = false;
      Array.prototype.forEach.call(self.selects[name].options, function (o) {
        if (!o.value) return;
        var n = Object.prototype.hasOwnProperty.call(table, o.value) ? table[o.value] : 0;
        o.textContent = valueLabel(name, o.value) + " (" + n + ")";
        o.hidden = o.disabled = n === 0 && !o.selected;
        any = any || !o.hidden;
      });
      self.selects[name].hidden = !any;  // a filter none of the results has
    });
  };
  SelectFilters.prototype.selected = function () {
    var out = {}, self = this;
    Object.keys(this.selects).forEach(function (name) {
      if (self.selects[name].value) out[name] = [self.selects[name].value];
    });
    return out;
  };

  /* ------------------------------------------------------------------- UI */
  /* One search box: input, sort, filters, result list. The header's and the
   * search page's, with the same engine: the same query, filters and sort
   * give the same results in the same order in both. */
  function SearchBox(root, filterView) {
    this.root = root;
    this.input = root.querySelector("[data-na-search-input]");
    this.meta = root.querySelector("[data-na-search-meta]");
    this.list = root.querySelector("[data-na-search-list]");
    this.sort = root.querySelector("[data-na-search-sort]");
    this.more = root.querySelector("[data-na-search-more]");
    this.full = root.querySelector("[data-na-search-full]");
    this.filterBox = root.querySelector("[data-na-search-filters]");
    this.filterView = filterView || (this.filterBox ? new SelectFilters(this.filterBox) : null);
    this.shown = 0;
    this.seq = 0;         // the newest state asked for
    this.renderedSeq = 0; // the newest state on screen
    this.clearedSeq = 0;  // the box was emptied at this state: older results are not shown
    this.pending = null;  // the newest state waiting for the engine
    this.busy = false;    // a search is running (one at a time; the newest waiting one runs next)
    this.listeners = [];
    var self = this;
    this.input.addEventListener("input", function () { self.run(); });
    this.input.addEventListener("keyup", function () { if (self.input.value !== self.last) self.run(); });
    if (this.sort) this.sort.addEventListener("change", function () { self.run(true); });
    if (this.more) this.more.addEventListener("click", function () { self.page(); });
    // the engine (Pagefind's module, WebAssembly and metadata) loads when the box gets focus, before the first key
    this.input.addEventListener("focus", function () { self.prepare(); });
    this.updateFull();
  }
  SearchBox.prototype.selected = function () {
    return this.filterView ? this.filterView.selected() : {};
  };
  SearchBox.prototype.state = function () {
    return { query: this.input.value, sort: this.sort ? this.sort.value : "relevance", filters: this.selected() };
  };
  /* URL parameters for a state: q, sort, one per chosen filter value. */
  function stateParams(state) {
    var params = new URLSearchParams();
    if (state.query.trim()) params.set("q", state.query.trim());
    if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
    Object.keys(state.filters).sort().forEach(function (name) {
      state.filters[name].forEach(function (v) { params.append(name, v); });
    });
    return params;
  }
  SearchBox.prototype.updateFull = function () {
    if (!this.full) return;
    var target = new URL(this.full.getAttribute("data-href"), ROOT);  // search.html: the same over http and from disk
    var params = stateParams(this.state()).toString();
    target.search = params ? "?" + params : "";
    this.full.href = target.href;
  };
  /* The engine, once: Pagefind over http(s), the offline index from disk. Filters are not loaded here. */
  SearchBox.prototype.prepare = function () {
    var self = this;
    if (this.prepared) return this.prepared;
    this.prepared = engine().then(function (e) {
      self.root.setAttribute("data-na-search-engine", e.name);
      return e;
    });
    this.prepared.catch(function (err) { self.status("Search is not available: " + err.message); });
    return this.prepared;
  };
  /* The filters, loaded and built the first time the reader opens them; then kept up to date. */
  SearchBox.prototype.loadFilters = function () {
    var self = this;
    if (!this.filterView) return Promise.resolve();
    if (this.filtersLoaded) return this.filtersLoaded;
    this.filtersLoaded = this.prepare().then(function (e) {
      return e.filters().then(function (filters) {
        self.filterView.build(filters || {}, function () { self.run(true); });
        self.filtersReady = true;
        self.root.setAttribute("data-na-search-filters-ready", "");
        return self.updateCounts(self.state());
      });
    });
    this.filtersLoaded.catch(function (err) { self.status("Filters are not available: " + err.message); });
    return this.filtersLoaded;
  };
  /* Each filter value's count for the state shown, once the filters are loaded. */
  SearchBox.prototype.updateCounts = function (state) {
    var self = this;
    if (!this.filtersReady || !this.filterView.update) return Promise.resolve();
    var seq = this.renderedSeq;
    return this.prepare().then(function (e) {
      return e.facets(state.query, state.filters);
    }).then(function (counts) {
      if (seq === self.renderedSeq && counts) {
        self.filterView.update(counts);
        self.root.setAttribute("data-na-search-counts", stateParams(state).toString());
      }
    });
  };
  SearchBox.prototype.status = function (text) { if (this.meta) this.meta.textContent = text; };
  SearchBox.prototype.run = function (force) {
    var state = this.state(), key = JSON.stringify(state);
    if (key === this.lastKey && !force) return;
    this.lastKey = key;
    this.last = state.query;
    this.lastParams = stateParams(state).toString();
    this.updateFull();
    this.listeners.forEach(function (f) { f(state); });
    var seq = ++this.seq;
    if (!state.query.trim() && !Object.keys(state.filters).length) {
      this.pending = null;
      this.clearedSeq = this.renderedSeq = seq;
      this.list.textContent = "";
      if (this.more) this.more.hidden = true;
      this.status("Type to start searching");
      this.root.removeAttribute("data-na-search-query");
      this.root.setAttribute("data-na-search-state", "");
      this.updateCounts(state);
      return;
    }
    this.pending = { seq: seq, state: state, params: this.lastParams };
    this.pump();
  };
  /* One search at a time: the newest state asked for runs when the engine is ready and the
   * search before it has ended (the ones in between are skipped). Results are shown as they
   * come, for a query being typed too, while nothing of the typing is on screen yet; once
   * some are, a search overtaken by newer keys is not shown: the newest runs at once. (Pagefind
   * answers in turn in one worker: a search started before a result's data() is asked for
   * would hold that data back until it ends.) */
  SearchBox.prototype.pump = function () {
    var self = this, job = null;
    if (this.busy || !this.pending) return;
    this.busy = true;
    this.prepare().then(function (e) {
      job = self.pending;  // the newest, once the engine is ready
      self.pending = null;
      if (!job) return null;
      return e.search(job.state.query, { filters: job.state.filters, sort: job.state.sort }).then(function (found) {
        return self.wanted(job, found) ? self.show(job, found) : null;
      });
    }).then(function () {
      self.busy = false;
      self.pump();
    }, function (err) {
      self.busy = false;
      if (job && job.seq === self.seq) self.status("Search failed: " + err.message);
      self.pump();
    });
  };
  /* Whether a search's results go on screen: not when newer ones are there or the box was
   * emptied since; an overtaken one only while the box shows no results of the typing. */
  SearchBox.prototype.wanted = function (job, found) {
    if (job.seq <= this.renderedSeq || job.seq <= this.clearedSeq) return false;
    if (job.seq === this.seq) return true;
    var showing = this.renderedSeq > this.clearedSeq && this.found && !this.found.short;  // results of the typing
    return !found.short && !showing;
  };
  SearchBox.prototype.show = function (job, found) {
    this.renderedSeq = job.seq;
    this.found = found;
    this.shownJob = job;
    this.shown = 0;
    if (found.short) {
      this.list.textContent = "";
      if (this.more) this.more.hidden = true;
      this.status("Keep typing…");
      return Promise.resolve();
    }
    var self = this;
    return this.page(true).then(function () {
      if (self.renderedSeq === job.seq) self.updateCounts(job.state);
    });
  };
  SearchBox.prototype.page = function (first) {
    var self = this, found = this.found, job = this.shownJob, seq = this.renderedSeq;
    var batch = found.results.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += batch.length;
    var shown = this.shown, rows = [], next = 0, started = !first;
    // each result shows as soon as it and those above it have their data (the first one first)
    function start() {
      if (started) return;
      started = true;
      self.list.textContent = "";
      self.status(found.total === 0 ? "No matching documents"
        : found.total === 1 ? "1 matching document" : found.total + " matching documents");
    }
    function flush() {
      if (seq !== self.renderedSeq) return;
      start();
      for (; next < batch.length && rows[next]; next++) self.list.appendChild(self.item(rows[next]));
    }
    function fill(i) { return batch[i].data().then(function (d) { rows[i] = d; flush(); }); }
    // the top result's data is asked for alone first: Pagefind's worker then reads its fragment
    // before the nine others instead of in whatever order they arrive
    var head = batch.length && first ? fill(0) : Promise.resolve();
    return head.then(function () {
      return Promise.all(batch.map(function (r, i) { return i === 0 && first ? null : fill(i); }));
    }).then(function () {
      if (seq !== self.renderedSeq) return;
      flush();
      if (self.more) self.more.hidden = shown >= found.total;
      self.root.setAttribute("data-na-search-query", job.state.query);  // rendered (tests, benchmark)
      self.root.setAttribute("data-na-search-state", job.params);  // q, sort, filters rendered
    });
  };
  /* Only http(s) and file: links from an index: anything else becomes no link. */
  function safeHref(url) {
    try {
      var u = new URL(url, ROOT);
      return /^(https?|file):$/.test(u.protocol) ? u.href : null;
    } catch (e) {
      return null;
    }
  }
  SearchBox.prototype.item = function (d) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    var href = safeHref(d.url);
    if (href) a.href = href;
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

  /* For search-page.js. */
  window.newsarchiveSearchUI = {
    SearchBox: SearchBox, el: el, label: label, valueLabel: valueLabel, ordered: ordered,
    stateParams: stateParams, FILTER_LABELS: FILTER_LABELS, engine: engine
  };
  // the header's box, in Material's overlay: search-overlay.js
})();
