/* Key-figures filter (content/figures/): narrows the list on the current page
 * by entity and unit. Rows are <li data-unit="cases" data-entities="id id">
 * in a list under their article's <li>, which hides when none of its rows shows;
 * the page's legend links each entity once as <a data-entity="id">Name</a>
 * (generator/crosslink/pages.py). Without JavaScript the whole list
 * shows; the inputs are only added here. No third-party code. */
(function () {
  "use strict";

  function setup(root) {
    if (root.dataset.naFiltered) return;
    root.dataset.naFiltered = "1";
    var rows = Array.prototype.slice.call(root.querySelectorAll("li[data-unit]"));
    if (!rows.length) return;

    var units = {};
    var entities = {};
    rows.forEach(function (row) {
      units[row.dataset.unit] = true;
    });
    root.querySelectorAll("a[data-entity]").forEach(function (a) {
      entities[a.dataset.entity] = a.textContent;
    });

    function select(label, options) {
      var wrap = document.createElement("label");
      wrap.className = "na-figures-filter__field";
      wrap.appendChild(document.createTextNode(label + " "));
      var el = document.createElement("select");
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "all";
      el.appendChild(all);
      options.forEach(function (pair) {
        var opt = document.createElement("option");
        opt.value = pair[0];
        opt.textContent = pair[1];
        el.appendChild(opt);
      });
      wrap.appendChild(el);
      return { wrap: wrap, el: el };
    }

    var entityOptions = Object.keys(entities).map(function (id) { return [id, entities[id]]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1]); });
    var unitOptions = Object.keys(units).sort().map(function (u) { return [u, u]; });
    var entitySelect = select("Entity", entityOptions);
    var unitSelect = select("Unit", unitOptions);
    var status = document.createElement("span");
    status.className = "na-figures-filter__status";
    status.setAttribute("aria-live", "polite");

    var form = document.createElement("form");
    form.className = "na-figures-filter";
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.appendChild(entitySelect.wrap);
    form.appendChild(unitSelect.wrap);
    form.appendChild(status);
    root.parentNode.insertBefore(form, root);

    var groups = [];
    rows.forEach(function (row) {
      var group = row.parentNode.closest("li");
      if (group && groups.indexOf(group) === -1) groups.push(group);
    });

    function apply() {
      var entity = entitySelect.el.value;
      var unit = unitSelect.el.value;
      var shown = 0;
      rows.forEach(function (row) {
        var ids = (row.dataset.entities || "").split(" ");
        var ok = (!unit || row.dataset.unit === unit) && (!entity || ids.indexOf(entity) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li[data-unit]:not([hidden])");
      });
      status.textContent = shown + " of " + rows.length + " figures on this page";
    }

    entitySelect.el.addEventListener("change", apply);
    unitSelect.el.addEventListener("change", apply);
    apply();
  }

  function init() {
    document.querySelectorAll("[data-na-figures]").forEach(setup);
  }

  // Material's instant navigation swaps pages without a reload: follow it when present.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
