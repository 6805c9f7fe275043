/*
 * Sidenotes for newsarchive article pages (no third-party code).
 *
 * Markup (generator/annotations/html.py): a <mark class="na-mark na-for-ID"
 * id="note-ID-text"> around the passage, a marker right after it
 * (<button class="na-note-marker" aria-controls="note-ID"> or the writer's
 * <sup class="na-marker"><a href="#note-ID">), and the note
 * <aside class="na-note" id="note-ID" tabindex="-1"> after the paragraph.
 *
 * Without JavaScript the notes simply show after their paragraphs.
 * With it:
 *   - wide screens (>= 76.25em, Material's breakpoint for both sidebars, and
 *     room for the text beside a note column): the notes sit in the right
 *     margin beside their passage. A long note shows its first lines and a
 *     "more" button (aria-expanded) that opens the rest, so notes stay by
 *     their passages: each group of notes that would overlap is placed as
 *     one block, as near as it can be to all its passages (a note starts at
 *     most UP_PX above its passage, never over another note); an opened
 *     note keeps its place and the notes after it move down. Recomputed on
 *     resize, font load and content size changes;
 *   - narrow screens: notes are hidden (the hidden attribute) and the marker
 *     button toggles its note below the paragraph (aria-expanded; focus
 *     moves to the note; Escape closes it and returns focus to the marker);
 *   - hovering or focusing a note highlights its passage, and the reverse;
 *   - a copy of the notes as numbered endnotes is added for print.
 * Works with Material's instant navigation (document$) and without it.
 */
(function () {
  "use strict";

  var WIDE = "(min-width: 76.25em)";
  var MIN_TEXT_EM = 28; // narrowest text column worth keeping beside the notes
  var GAP_PX = 8; // vertical space between two margin notes
  var UP_PX = 48; // how far above its passage a note may start to make room for its neighbours
  var LONG_PX = 24; // a note is "long" (shown shortened) when whole it is this much taller than shortened
  var state = null;
  var scheduled = false;

  function noteIdOf(marker) {
    var id = marker.getAttribute("aria-controls");
    if (!id) {
      var href = marker.getAttribute("href") || "";
      id = href.charAt(0) === "#" ? href.slice(1) : "";
    }
    return id;
  }

  function remPx() {
    return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  }

  function lengthPx(el, name, fallbackRem) {
    var value = getComputedStyle(el).getPropertyValue(name).trim();
    var number = parseFloat(value);
    if (isNaN(number)) return fallbackRem * remPx();
    if (/px$/.test(value)) return number;
    return number * remPx(); // rem
  }

  function marksFor(id) {
    var noteId = id.replace(/^note-/, "");
    return document.querySelectorAll("mark.na-for-" + CSS.escape(noteId) + ", #" + CSS.escape(id) + "-text");
  }

  function setActive(item, on) {
    item.note.classList.toggle("na-note--active", on);
    Array.prototype.forEach.call(marksFor(item.note.id), function (mark) {
      mark.classList.toggle("na-mark--active", on);
    });
  }

  function wide(container) {
    if (!window.matchMedia(WIDE).matches) return false;
    var width = container.getBoundingClientRect().width;
    var note = lengthPx(container, "--na-note-width", 13) + lengthPx(container, "--na-note-gap", 1.2);
    return width - note >= MIN_TEXT_EM * parseFloat(getComputedStyle(container).fontSize || "16");
  }

  function open(item, focus) {
    item.open = true;
    item.note.hidden = false;
    item.marker.setAttribute("aria-expanded", "true");
    if (focus) item.note.focus();
  }

  function close(item, focus) {
    item.open = false;
    if (!state.margin) item.note.hidden = true;
    item.marker.setAttribute("aria-expanded", state.margin ? "true" : "false");
    if (focus) item.marker.focus();
  }

  function focusables(note) {
    return note.querySelectorAll(".na-note__body a, .na-note__body button, .na-note__sources a, .na-note__meta a");
  }

  // shortened (true) or whole (false); links in the hidden part leave the tab order
  function shorten(item, on) {
    item.note.classList.toggle("na-note--collapsed", on);
    item.more.setAttribute("aria-expanded", on ? "false" : "true");
    item.moreLabel.textContent = on ? "more" : "less";
    Array.prototype.forEach.call(focusables(item.note), function (el) {
      if (on && !el.hasAttribute("data-na-tabindex")) {
        el.setAttribute("data-na-tabindex", el.getAttribute("tabindex") || "");
        el.setAttribute("tabindex", "-1");
      } else if (!on && el.hasAttribute("data-na-tabindex")) {
        var old = el.getAttribute("data-na-tabindex");
        if (old) el.setAttribute("tabindex", old); else el.removeAttribute("tabindex");
        el.removeAttribute("data-na-tabindex");
      }
    });
  }

  function expand(item, on) {
    item.expanded = on;
    // the opened note stays where it is (its reader is looking at it); the notes after it move down
    item.pin = on ? parseFloat(item.note.style.top) : null;
    if (item.pin !== null && isNaN(item.pin)) item.pin = null;
    layout();
  }

  function passageTop(item, origin) {
    var top = item.marker.getBoundingClientRect().top;
    var mark = marksFor(item.note.id)[0];
    var rect = mark && mark.getClientRects()[0];
    if (rect) top = Math.min(top, rect.top);
    return top - origin;
  }

  // Tops for notes of these heights that want to start at these tops: blocks of notes
  // that would overlap are merged; a block sits where its notes are nearest their
  // passages (the middle of the spread), at most UP_PX above any passage; a pinned
  // (opened) note fixes its block.
  function place(wanted, heights, pins) {
    var blocks = [];
    function position(block) {
      var lo = Infinity, hi = -Infinity, pinned = null;
      block.members.forEach(function (i) {
        var a = wanted[i] - block.offsets[i];
        lo = Math.min(lo, a);
        hi = Math.max(hi, a);
        if (pins[i] !== null && pinned === null) pinned = pins[i] - block.offsets[i];
      });
      block.top = pinned !== null ? pinned : Math.max((lo + hi) / 2, hi - UP_PX, 0);
    }
    wanted.forEach(function (_, i) {
      var block = { members: [i], offsets: {}, height: heights[i], top: 0 };
      block.offsets[i] = 0;
      position(block);
      while (blocks.length) {
        var prev = blocks[blocks.length - 1];
        if (prev.top + prev.height + GAP_PX <= block.top) break;
        blocks.pop();
        var shift = prev.height + GAP_PX;
        block.members.forEach(function (j) { prev.offsets[j] = block.offsets[j] + shift; });
        prev.members = prev.members.concat(block.members);
        prev.height = shift + block.height;
        block = prev;
        position(block);
      }
      blocks.push(block);
    });
    var tops = [];
    blocks.forEach(function (block) {
      block.members.forEach(function (i) { tops[i] = block.top + block.offsets[i]; });
    });
    return tops;
  }

  function layout() {
    scheduled = false;
    if (!state || !document.body.contains(state.container)) return;
    var container = state.container;
    var margin = wide(container);
    var width = container.getBoundingClientRect().width;
    if (width !== state.width) { // a new column width: opened notes find new places too
      state.items.forEach(function (item) { item.pin = null; });
      state.width = width;
    }
    state.margin = margin;
    container.classList.toggle("na-sidenotes--margin", margin);
    container.style.minHeight = "";
    state.items.forEach(function (item) {
      item.note.style.top = "";
      item.note.hidden = !margin && !item.open;
      item.marker.setAttribute("aria-expanded", margin || item.open ? "true" : "false");
      shorten(item, false);
      item.note.classList.remove("na-note--long");
    });
    if (!margin) return;
    var origin = container.getBoundingClientRect().top;
    // each note's height whole, then shortened: every note measured in one pass each (the margin
    // notes are positioned absolutely, so one note's height does not move another or a passage)
    var wholes = state.items.map(function (item) { return item.note.offsetHeight; });
    state.items.forEach(function (item) { item.note.classList.add("na-note--long"); shorten(item, true); });
    var shortened = state.items.map(function (item) { return item.note.offsetHeight; });
    var pins = state.items.map(function (item, i) {
      var long = wholes[i] - shortened[i] >= LONG_PX;
      item.note.classList.toggle("na-note--long", long);
      shorten(item, long && !item.expanded);
      return long && item.expanded ? item.pin : null;
    });
    var wanted = state.items.map(function (item) { return passageTop(item, origin); });
    var heights = state.items.map(function (item) { return item.note.offsetHeight; });
    var tops = place(wanted, heights, pins);
    var bottom = 0;
    state.items.forEach(function (item, i) {
      item.note.style.top = Math.round(tops[i]) + "px";
      bottom = Math.max(bottom, tops[i] + heights[i]);
    });
    if (bottom > container.offsetHeight) container.style.minHeight = Math.ceil(bottom) + "px";
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(layout);
  }

  function endnotes(container, items) {
    var old = container.querySelector(".na-endnotes");
    if (old) old.remove();
    if (!items.length) return;
    var section = document.createElement("section");
    section.className = "na-endnotes";
    section.setAttribute("aria-hidden", "true"); // a print-only copy; screens show the notes themselves
    var heading = document.createElement("h2");
    heading.textContent = "Notes";
    // the heading and the first note form one block that print does not split,
    // so the heading never ends a printed page with its notes on the next
    var start = document.createElement("div");
    start.className = "na-endnotes__start";
    start.appendChild(heading);
    section.appendChild(start);
    items.forEach(function (item, index) {
      var copy = item.note.cloneNode(true);
      copy.removeAttribute("id");
      copy.removeAttribute("tabindex");
      copy.removeAttribute("hidden");
      copy.removeAttribute("style");
      copy.classList.add("na-endnote");
      copy.classList.remove("na-note--collapsed", "na-note--long");
      Array.prototype.forEach.call(copy.querySelectorAll(".na-note__more"), function (el) { el.remove(); });
      Array.prototype.forEach.call(copy.querySelectorAll("[data-na-tabindex]"), function (el) {
        el.removeAttribute("data-na-tabindex");
        el.removeAttribute("tabindex");
      });
      Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      (index === 0 ? start : section).appendChild(copy);
    });
    var orphans = container.querySelector(".na-orphans");
    var cite = container.querySelector(".na-cite"); // "Cite this article" stays last
    container.insertBefore(section, orphans || (cite && cite.parentNode === container ? cite : null));
    container.classList.add("na-has-endnotes");
  }

  // the "more" button of a long note in the margin (CSS shows it only there)
  function addToggle(item) {
    var more = document.createElement("button");
    more.type = "button";
    more.className = "na-note__more";
    more.setAttribute("aria-controls", item.note.id);
    more.setAttribute("aria-expanded", "true");
    var label = document.createElement("span");
    label.textContent = "less";
    var of = document.createElement("span");
    of.className = "na-visually-hidden";
    of.textContent = " of " + (item.note.getAttribute("aria-label") || "the note").toLowerCase();
    more.appendChild(label);
    more.appendChild(of);
    // last in the note: shortened, it sits over the end of the visible lines; opened, it
    // follows the sources and the meta line (visual order is the tab order)
    item.note.appendChild(more);
    more.addEventListener("click", function () {
      expand(item, !item.expanded);
      if (more.scrollIntoView) more.scrollIntoView({ block: "nearest" });
    });
    item.more = more;
    item.moreLabel = label;
  }

  function wire(item) {
    var marker = item.marker;
    addToggle(item);
    if (marker.tagName === "A") { // the writer's link marker: make it a toggle button
      marker.setAttribute("role", "button");
      marker.setAttribute("aria-controls", item.note.id);
      marker.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); marker.click(); }
      });
    }
    marker.addEventListener("click", function (event) {
      event.preventDefault();
      if (state.margin) {
        if (item.note.classList.contains("na-note--long") && !item.expanded) expand(item, true);
        item.note.focus();
        setActive(item, true);
      } else if (item.open) {
        close(item, true);
      } else {
        open(item, true);
      }
    });
    item.note.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !state.margin && item.open) {
        event.preventDefault();
        close(item, true);
      }
    });
    marker.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !state.margin && item.open) close(item, false);
    });
    var on = function () { setActive(item, true); };
    var off = function () { setActive(item, false); };
    [item.note, marker].forEach(function (el) {
      el.addEventListener("mouseenter", on);
      el.addEventListener("mouseleave", off);
      el.addEventListener("focusin", on);
      el.addEventListener("focusout", off);
    });
    Array.prototype.forEach.call(marksFor(item.note.id), function (mark) {
      mark.addEventListener("mouseenter", on);
      mark.addEventListener("mouseleave", off);
    });
  }

  function init() {
    if (state && state.observer) state.observer.disconnect();
    state = null;
    var markers = document.querySelectorAll(".na-note-marker, .na-marker a[href^='#note-']");
    var items = [];
    var seen = {};
    Array.prototype.forEach.call(markers, function (marker) {
      var id = noteIdOf(marker);
      var note = id && document.getElementById(id);
      if (!note || seen[id] || !note.classList.contains("na-note")) return;
      seen[id] = true;
      items.push({ marker: marker, note: note, open: false, expanded: false, pin: null });
    });
    if (!items.length) return;
    var container = items[0].note.closest(".na-article") ||
      items[0].note.closest(".md-content__inner") || items[0].note.parentElement;
    state = { container: container, items: items, margin: false, observer: null, width: null };
    container.classList.add("na-sidenotes");
    items.forEach(wire);
    endnotes(container, items);
    if (window.ResizeObserver) {
      state.observer = new ResizeObserver(schedule);
      state.observer.observe(container);
    }
    layout();
    openTarget();
  }

  // a permalink to a note opens it: under its paragraph on narrow screens, whole in the margin
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (!state || !target) return;
    state.items.forEach(function (item) {
      if (item.note !== target) return;
      if (!state.margin) open(item, false);
      else if (item.note.classList.contains("na-note--long") && !item.expanded) expand(item, true);
    });
  }

  window.addEventListener("resize", schedule);
  window.addEventListener("load", schedule);
  window.addEventListener("hashchange", openTarget);
  if (document.fonts) {
    document.fonts.ready.then(schedule);
    document.fonts.addEventListener && document.fonts.addEventListener("loadingdone", schedule);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
