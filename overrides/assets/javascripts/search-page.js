/* newsarchive: the search page (search-page.html). The header's search box
 * (search.js) with every filter as a group of checkboxes, over the same
 * engine: Pagefind over http(s), the offline index from disk. Within a
 * filter any checked value matches, across filters every one must.
 * The query, sort and filters are kept in the address (?q=...&sort=...&agency=...),
 * so a search can be linked, and the header box links here with its own.
 * Filter names and values come from the archive: they are put in the page
 * as text only (textContent), never as markup.
 */
(function () {
  "use strict";

  var ui = window.newsarchiveSearchUI;
  var root = document.querySelector("[data-na-search=page]");
  if (!ui || !root) return;
  var el = ui.el;
  var MAX_VALUES = 1000; // per filter; the rest are counted, not listed
  // filter groups start open beside the results; on a narrow screen, above them, closed
  var NARROW = window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches;

  function CheckboxFilters(panel, initial) {
    this.panel = panel;
    this.initial = initial;  // URLSearchParams: values to check once the filters are known
    this.boxes = {};
  }
  CheckboxFilters.prototype.build = function (filters, changed) {
    var self = this, names = Object.keys(filters).filter(function (n) { return Object.keys(filters[n]).length; });
    this.panel.textContent = "";
    if (!names.length) {
      this.panel.appendChild(el("p", "na-search-facets__none", "No filters in this archive."));
      return;
    }
    names.sort().forEach(function (name) {
      var values = ui.ordered(filters[name]);
      var chosen = self.initial ? self.initial.getAll(name) : [];
      var group = el("details", "na-search-facet");
      group.open = !NARROW || chosen.length > 0;
      group.setAttribute("data-na-search-facet", name);
      group.appendChild(el("summary", "na-search-facet__name", ui.label(name, ui.FILTER_LABELS)));
      var list = el("ul", "na-search-facet__values");
      self.boxes[name] = [];
      values.slice(0, MAX_VALUES).forEach(function (pair) {
        var item = el("li"), lab = el("label"), input = el("input");
        input.type = "checkbox";
        input.name = name;
        input.value = pair[0];
        input.checked = chosen.indexOf(pair[0]) >= 0;
        input.addEventListener("change", changed);
        lab.appendChild(input);
        lab.appendChild(el("span", "na-search-facet__value", ui.valueLabel(name, pair[0])));
        lab.appendChild(document.createTextNode(" "));
        lab.appendChild(el("span", "na-search-facet__count", "(" + pair[1] + ")"));
        item.appendChild(lab);
        list.appendChild(item);
        self.boxes[name].push(input);
      });
      group.appendChild(list);
      if (values.length > MAX_VALUES) {
        group.appendChild(el("p", "na-search-facet__more",
          "and " + (values.length - MAX_VALUES) + " more: search for a name to find it"));
      }
      self.panel.appendChild(group);
    });
    this.initial = null;
    var clear = el("button", "md-button na-search-facets__clear", "Clear filters");
    clear.type = "button";
    clear.addEventListener("click", function () {
      Object.keys(self.boxes).forEach(function (n) { self.boxes[n].forEach(function (b) { b.checked = false; }); });
      changed();
    });
    this.panel.appendChild(clear);
  };
  /* The counts of the current query and filters: a value that gives no result is hidden (unless checked). */
  CheckboxFilters.prototype.update = function (counts) {
    var self = this;
    Object.keys(this.boxes).forEach(function (name) {
      var table = counts[name] || {}, any = false;
      self.boxes[name].forEach(function (input) {
        var n = Object.prototype.hasOwnProperty.call(table, input.value) ? table[input.value] : 0;
        var item = input.closest("li");
        item.querySelector(".na-search-facet__count").textContent = "(" + n + ")";
        item.hidden = n === 0 && !input.checked;
        any = any || !item.hidden;
      });
      var group = self.panel.querySelector("[data-na-search-facet='" + name.replace(/[^\w-]/g, "") + "']");
      if (group) group.hidden = !any;  // a filter none of the results has
    });
  };
  CheckboxFilters.prototype.selected = function () {
    var out = {}, self = this;
    if (this.initial) {  // not built yet: the address's filters
      this.initial.forEach(function (value, name) {
        if (name !== "q" && name !== "sort") (out[name] = out[name] || []).push(value);
      });
      return out;
    }
    Object.keys(this.boxes).forEach(function (name) {
      var on = self.boxes[name].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (on.length) out[name] = on;
    });
    return out;
  };

  var params = new URLSearchParams(location.search);
  var box = new ui.SearchBox(root, new CheckboxFilters(root.querySelector("[data-na-search-facets]"), params));
  var sort = params.get("sort");
  if (box.sort && sort && box.sort.querySelector("option[value='" + (/^[a-z]+$/.test(sort) ? sort : "x") + "']")) {
    box.sort.value = sort;
  }
  box.input.value = params.get("q") || "";
  box.listeners.push(function (state) {
    var query = ui.stateParams(state).toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    } catch (e) {
      // some browsers refuse to change a file: page's address; the search still runs
    }
  });
  root.querySelector("form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    box.run(true);
  });
  // the results first, then the filters (with the counts of those results)
  box.prepare().then(function () {
    box.run(true);
    return box.loadFilters();
  });
})();
