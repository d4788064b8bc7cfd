/* portfolio_builder: present mode (passage and conference decks, with a countdown), gallery lightbox and subject filter.
   No dependencies and no network: it works offline from the built files.
   Without JavaScript every page still reads top to bottom and every card is a link. */
(function () {
  "use strict";

  /* Right to left, the next slide or photo lies to the left: the arrow keys and swipes follow the reading. */
  var rtl = document.documentElement.dir === "rtl";
  var NEXT_KEY = rtl ? "ArrowLeft" : "ArrowRight", PREVIOUS_KEY = rtl ? "ArrowRight" : "ArrowLeft";

  function onSwipe(element, forward, back) {
    var startX = null, startY = null;
    element.addEventListener("touchstart", function (event) {
      startX = event.touches[0].clientX;
      startY = event.touches[0].clientY;
    }, { passive: true });
    element.addEventListener("touchend", function (event) {
      if (startX === null) return;
      var dx = event.changedTouches[0].clientX - startX;
      var dy = event.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) ((dx < 0) !== rtl ? forward : back)();
    }, { passive: true });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The countdown of a deck with `data-pb-minutes`: mm:ss on screen, amber at two minutes left, red at
     zero and then counting the time over ("+01:05"). Screen readers hear only a few moments, read from
     the page's own words (data-said-*): started, two minutes left, time up, paused, running again. */
  function countdown(deck, minutes) {
    var face = deck.querySelector("[data-pb-timer]");
    var said = deck.querySelector("[data-pb-timer-said]");
    var total = minutes * 60000, SOON = 120000;
    var spent = 0, since = null, tick = null, begun = false, warned = total <= SOON, over = false;

    function left() { return total - spent - (since === null ? 0 : Date.now() - since); }
    function say(moment) { said.textContent = face.getAttribute("data-said-" + moment) || ""; }
    function draw() {
      var ms = left();
      var seconds = ms > 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
      face.textContent = (ms <= 0 && seconds > 0 ? "+" : "") + pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
      face.classList.toggle("pb-timer--soon", ms > 0 && ms <= SOON);
      face.classList.toggle("pb-timer--over", ms <= 0);
      if (!over && ms <= 0) { over = true; warned = true; say("up"); }
      else if (!warned && ms <= SOON) { warned = true; say("soon"); }
    }
    function run() {
      if (since !== null) return;
      since = Date.now();
      tick = setInterval(draw, 250);
      face.classList.remove("pb-timer--paused");
      draw();
    }
    function hold() {
      if (since === null) return;
      spent += Date.now() - since;
      since = null;
      clearInterval(tick);
      face.classList.add("pb-timer--paused");
      draw();
    }
    return {
      enter: function () { var first = !begun; begun = true; run(); say(first ? "start" : "resumed"); },
      leave: hold,  /* leaving present mode keeps the time: an Esc by mistake in front of the panel loses nothing */
      toggle: function () { if (since === null) { run(); say("resumed"); } else { hold(); say("paused"); } }
    };
  }

  /* Present mode: one section a slide (a passage section, a conference agenda item), full screen,
     keyboard and swipe; any `[data-pb-deck]` with `[data-pb-slide]`s and the controls of partials/pb.html. */
  function presentMode(deck) {
    var slides = Array.prototype.slice.call(deck.querySelectorAll("[data-pb-slide]"));
    var controls = deck.querySelector("[data-pb-controls]");
    var counter = deck.querySelector("[data-pb-counter]");
    var button = deck.querySelector("[data-pb-present]");
    var index = 0, active = false, fullscreen = false;
    var timer = deck.hasAttribute("data-pb-minutes") ? countdown(deck, Number(deck.getAttribute("data-pb-minutes"))) : null;

    function show(next) {
      index = Math.max(0, Math.min(slides.length - 1, next));
      slides.forEach(function (slide, n) {
        slide.classList.toggle("pb-slide--current", n === index);
        slide.setAttribute("aria-hidden", n === index ? "false" : "true");
      });
      counter.textContent = (index + 1) + " / " + slides.length;
      slides[index].scrollTop = 0;
      slides[index].focus({ preventScroll: true });
    }
    function start() {
      active = true;
      document.documentElement.classList.add("pb-presenting");
      controls.hidden = false;
      if (deck.requestFullscreen) {
        deck.requestFullscreen().then(function () { fullscreen = true; }, function () { fullscreen = false; });
      }
      show(0);
      if (timer) timer.enter();
    }
    function stop() {
      if (!active) return;
      active = false;
      document.documentElement.classList.remove("pb-presenting");
      controls.hidden = true;
      slides.forEach(function (slide) {
        slide.classList.remove("pb-slide--current");
        slide.removeAttribute("aria-hidden");
      });
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
      fullscreen = false;
      if (timer) timer.leave();
      button.focus();
    }

    button.hidden = false;
    button.addEventListener("click", start);
    deck.querySelector("[data-pb-prev]").addEventListener("click", function () { show(index - 1); });
    deck.querySelector("[data-pb-next]").addEventListener("click", function () { show(index + 1); });
    deck.querySelector("[data-pb-exit]").addEventListener("click", stop);
    document.addEventListener("fullscreenchange", function () {
      if (active && fullscreen && !document.fullscreenElement) stop();  // the browser's own Esc
    });
    document.addEventListener("keydown", function (event) {
      if (!active || event.altKey || event.ctrlKey || event.metaKey) return;
      /* mkdocs-material listens on window for one-letter shortcuts (p and n change page, s and / search):
         in present mode every key belongs to the slides, so none of them reaches it. */
      event.stopPropagation();
      var key = event.key;
      if (key === NEXT_KEY || key === "PageDown" || (key === " " && !event.shiftKey)) show(index + 1);
      else if (key === PREVIOUS_KEY || key === "PageUp" || (key === " " && event.shiftKey)) show(index - 1);
      else if (key === "Home") show(0);
      else if (key === "End") show(slides.length - 1);
      else if (key === "Escape") stop();
      else if (timer && (event.code === "KeyP" || key === "p" || key === "P")) timer.toggle();  /* KeyP: any keyboard layout */
      else return;
      event.preventDefault();
    });
    onSwipe(deck, function () { if (active) show(index + 1); }, function () { if (active) show(index - 1); });
    if (window.location.hash === "#present") start();
  }

  /* Gallery: a lightbox over the cards, and a filter by subject. In a gallery grouped by unit, both run
     over every group as over one grid: next and previous walk on into the following unit, as a visitor
     walks an exhibition, and the counter counts every card shown. */
  function lightbox(gallery, dialog) {
    var body = dialog.querySelector("[data-pb-lightbox-body]");
    var counter = dialog.querySelector("[data-pb-counter]");
    var current = null;

    function visible() {
      return Array.prototype.slice.call(gallery.querySelectorAll(".pb-card:not([hidden])"));
    }
    function open(card) {
      var cards = visible();
      current = card;
      body.replaceChildren(card.querySelector("template").content.cloneNode(true));
      counter.textContent = (cards.indexOf(card) + 1) + " / " + cards.length;
      if (!dialog.open) dialog.showModal();
    }
    function step(delta) {
      var cards = visible();
      var at = cards.indexOf(current);
      open(cards[(at + delta + cards.length) % cards.length]);
    }

    gallery.addEventListener("click", function (event) {
      var link = event.target.closest(".pb-card > a");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      open(link.parentElement);
    });
    document.addEventListener("keydown", function (event) {
      if (!dialog.open) return;
      if (event.key === NEXT_KEY) step(1);
      else if (event.key === PREVIOUS_KEY) step(-1);
      else return;
      event.preventDefault();
    });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    dialog.addEventListener("close", function () { if (current) current.querySelector("a").focus(); });
    dialog.querySelector("[data-pb-prev]").addEventListener("click", function () { step(-1); });
    dialog.querySelector("[data-pb-next]").addEventListener("click", function () { step(1); });
    dialog.querySelector("[data-pb-close]").addEventListener("click", function () { dialog.close(); });
    onSwipe(dialog, function () { step(1); }, function () { step(-1); });
  }

  function subjectFilter(bar, gallery) {
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var chosen = event.target.closest("button[data-subject]");
      if (!chosen) return;
      bar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === chosen)); });
      gallery.querySelectorAll(".pb-card").forEach(function (card) {
        card.hidden = chosen.dataset.subject !== "" && card.dataset.subject !== chosen.dataset.subject;
      });
      /* A unit with none of this subject's work goes too: no heading over an empty shelf. */
      gallery.querySelectorAll("[data-pb-group]").forEach(function (group) {
        group.hidden = !group.querySelector(".pb-card:not([hidden])");
      });
    });
  }

  var deck = document.querySelector("[data-pb-deck]");
  if (deck) presentMode(deck);  /* one deck a page: the keys belong to it */
  var gallery = document.querySelector("[data-pb-gallery]");
  var dialog = document.querySelector("[data-pb-lightbox]");
  if (gallery && dialog) lightbox(gallery, dialog);
  var bar = document.querySelector("[data-pb-filter]");
  if (bar && gallery) subjectFilter(bar, gallery);
})();
