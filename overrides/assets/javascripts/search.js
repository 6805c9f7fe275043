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
  /* The header's filters: one <select> per filter, "Any agency" or one value. */
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
    var box = root.querySelector("[data-na-search-filters]");
    this.filterView = filterView || (box ? new SelectFilters(box) : null);
    this.shown = 0;
    this.seq = 0;
    this.listeners = [];
    var self = this;
    this.input.addEventListener("input", function () { self.run(); });
    this.input.addEventListener("keyup", function () { if (self.input.value !== self.last) self.run(); });
    if (this.sort) this.sort.addEventListener("change", function () { self.run(true); });
    if (this.more) this.more.addEventListener("click", function () { self.page(); });
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
  SearchBox.prototype.prepare = function () {
    var self = this;
    if (this.prepared) return this.prepared;
    this.prepared = engine().then(function (e) {
      self.root.setAttribute("data-na-search-engine", e.name);
      if (!self.filterView) return e;
      return e.filters().then(function (filters) {
        self.filterView.build(filters || {}, function () { self.run(true); });
        self.root.setAttribute("data-na-search-filters-ready", "");
        return e;
      });
    }).catch(function (err) {
      self.status("Search is not available: " + err.message);
      throw err;
    });
    return this.prepared;
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
    var seq = ++this.seq, self = this;
    if (!state.query.trim() && !Object.keys(state.filters).length) {
      this.list.textContent = "";
      if (this.more) this.more.hidden = true;
      this.status("Type to start searching");
      this.root.removeAttribute("data-na-search-query");
      return;
    }
    this.prepare().then(function (e) {
      return e.search(state.query, { filters: state.filters, sort: state.sort });
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
      self.root.setAttribute("data-na-search-state", self.lastParams);  // q, sort, filters rendered
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

  /* For search-page.js. */
  window.newsarchiveSearchUI = {
    SearchBox: SearchBox, el: el, label: label, valueLabel: valueLabel, ordered: ordered,
    stateParams: stateParams, FILTER_LABELS: FILTER_LABELS
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupHeader);
  else setupHeader();
})();
