/* newsarchive: the header's search box in Material's search overlay, and
 * Material's navigation drawer, for the keyboard: an overlay opens when the
 * reader asks for it (typing, a click, a key), closes when focus leaves it,
 * and while closed nothing in it takes focus, so focus never moves unseen
 * under an overlay. The box itself is search.js's SearchBox.
 */
(function () {
  "use strict";

  var ui = window.newsarchiveSearchUI;
  if (!ui) return;  // search.js comes first (mkdocs.yml, extra_javascript)
  var SearchBox = ui.SearchBox;

  /* Check or uncheck one of Material's overlay toggles (__search, __drawer) as a click would: Material acts on its change event. */
  function setToggle(toggle, on) {
    if (toggle.checked === on) return;
    toggle.checked = on;
    toggle.dispatchEvent(new Event("change"));
  }

  /* ---------------------------------------------------- the header search */
  /* The header box in Material's overlay (the __search toggle). The overlay opens
   * when the reader types (or clicks the box, or presses / s f, or the header's
   * search button on a narrow screen), not when focus passes by, and closes when
   * focus leaves it. While closed, nothing in it can take focus: on a wide screen
   * the box alone is a tab stop; on a narrow one, where the closed box is off
   * screen and the open overlay covers the page, the header's search button is. */
  var NARROW = "(max-width: 59.984375em)";  // Material: below this, the overlay covers the screen
  function setupHeader() {
    var root = document.querySelector("[data-na-search=header]");
    var toggle = document.getElementById("__search");
    if (!root || !toggle) return;
    var box = new SearchBox(root);
    var inner = root.querySelector(".md-search__inner");
    var output = root.querySelector(".md-search__output");
    var button = document.querySelector(".md-header__button[for=__search]");
    var narrow = window.matchMedia(NARROW);
    var pointerAt = 0;  // when a pointer last went down inside the box (a click there keeps it open)
    function sync() {
      var on = toggle.checked;
      output.inert = !on;
      inner.inert = !on && narrow.matches;
      root.setAttribute("data-na-search-open", on ? "true" : "false");
      if (button) button.setAttribute("aria-expanded", on ? "true" : "false");
    }
    function open(on) { setToggle(toggle, on); sync(); }
    /* Close, and keep focus where the reader can see it: the box, or (narrow) the search button. */
    function close() {
      var inside = root.contains(document.activeElement);
      open(false);
      if (inside) (narrow.matches && button ? button : box.input).focus();
    }
    sync();
    if (narrow.addEventListener) narrow.addEventListener("change", sync);
    box.input.addEventListener("input", function () { if (box.input.value) open(true); });
    box.input.addEventListener("click", function () { open(true); });
    toggle.addEventListener("change", function () {
      sync();
      if (toggle.checked && !root.contains(document.activeElement)) box.input.focus();
    });
    if (button) {
      button.addEventListener("focus", function () { box.prepare(); });
      button.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {  // (Material clicks a focused label on Enter: only once here)
          ev.preventDefault();
          ev.stopPropagation();
          open(true);
          box.input.focus();
        }
      });
    }
    root.addEventListener("pointerdown", function (ev) {
      if (!ev.target.closest(".md-search__overlay")) pointerAt = Date.now();
    });
    root.addEventListener("focusout", function (ev) {
      if (!toggle.checked || (ev.relatedTarget && root.contains(ev.relatedTarget))) return;
      if (Date.now() - pointerAt < 1000) return;  // a click inside the overlay, on no control
      setTimeout(function () {
        if (toggle.checked && !root.contains(document.activeElement)) open(false);
      });
    });
    var toggleFilters = root.querySelector("[data-na-search-filters-toggle]");
    if (toggleFilters && box.filterBox) {
      toggleFilters.addEventListener("click", function () {
        var show = toggleFilters.getAttribute("aria-expanded") !== "true";
        toggleFilters.setAttribute("aria-expanded", show ? "true" : "false");
        box.filterBox.hidden = !show;
        if (show) box.loadFilters();
      });
      box.listeners.push(function (state) {
        var n = Object.keys(state.filters).length;
        toggleFilters.textContent = n ? "Filters (" + n + ")" : "Filters";
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
      var searching = toggle.checked;
      if (searching && ev.key === "Escape") {
        close();
      } else if (searching && (ev.key === "ArrowDown" || ev.key === "ArrowUp") &&
                 !/^select$/i.test((ev.target && ev.target.localName) || "")) {
        var links = Array.prototype.slice.call(box.list.querySelectorAll("a"));
        if (!links.length) return;
        var i = links.indexOf(document.activeElement);
        i = ev.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : i - 1;
        (i < 0 ? box.input : links[i]).focus();
        ev.preventDefault();
      } else if (!searching && ev.target === box.input && ev.key === "ArrowDown" && box.input.value) {
        open(true);
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

  /* ------------------------------------------------ the navigation drawer */
  /* Below 76.25em Material's navigation is a drawer off screen: while it is closed its
   * links take no focus (focus never moves unseen); its header button opens it by
   * keyboard, and it closes when focus leaves it or on Escape. (Here, beside the
   * search overlay, as the same rule for the other overlay of Material's header.) */
  function setupDrawer() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    var button = document.querySelector(".md-header__button[for=__drawer]");
    if (!toggle || !drawer) return;
    var narrow = window.matchMedia("(max-width: 76.234375em)");
    function sync() {
      drawer.inert = narrow.matches && !toggle.checked;
      if (button) button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    function set(on) { setToggle(toggle, on); sync(); }
    sync();
    toggle.addEventListener("change", sync);
    if (narrow.addEventListener) narrow.addEventListener("change", sync);
    if (button) {
      button.addEventListener("keydown", function (ev) {
        if (ev.key !== "Enter" && ev.key !== " ") return;
        ev.preventDefault();
        ev.stopPropagation();  // Material clicks a focused label on Enter: once is enough
        set(!toggle.checked);
        if (!toggle.checked) return;
        var first = Array.prototype.find.call(drawer.querySelectorAll("a[href], button, input, [tabindex]"), function (e) {
          return e.tabIndex >= 0 && e.getClientRects().length > 0;
        });
        if (first) first.focus();
      });
    }
    drawer.addEventListener("focusout", function (ev) {
      if (!narrow.matches || !toggle.checked || (ev.relatedTarget && drawer.contains(ev.relatedTarget))) return;
      setTimeout(function () { if (toggle.checked && !drawer.contains(document.activeElement)) set(false); });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && narrow.matches && toggle.checked) {
        var inside = drawer.contains(document.activeElement);
        set(false);
        if (inside && button) button.focus();
      }
    });
  }

  function setup() { setupHeader(); setupDrawer(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
