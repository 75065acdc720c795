// Live regions for pages that refresh parts of themselves with htmx (WCAG 4.1.3): the chair's
// turnout and the voter's poll area. The announcing elements stay in the page (a live region
// that is itself replaced is not reliably read), and say a text only when it changed, so the
// chair's box, refreshed every second, is not read out every second. A refresh that removes
// the focused element puts the focus back on the same ballot form, not on the page body.
(function () {
  "use strict";

  function say(region, text) {
    if (!region || region.dataset.last === text) { return; }
    var first = region.dataset.last === undefined;
    region.dataset.last = text;
    if (!first) { region.textContent = text; }  // the state on arrival is on the page already
  }

  function clean(text) { return (text || "").replace(/\s+/g, " ").trim(); }

  // The chair: each poll's box has a region outside the part htmx replaces.
  function chairTurnout() {
    document.querySelectorAll("[data-live-for]").forEach(function (region) {
      var box = document.getElementById(region.dataset.liveFor);
      var summary = box && box.querySelector("[data-announce]");
      if (summary) { say(region, clean(summary.textContent)); }
    });
  }

  // The voter: say which polls opened or closed since the last refresh.
  var polls = null;
  function voterPolls() {
    var region = document.getElementById("poll-news");
    if (!region) { return; }
    var now = {};
    document.querySelectorAll("#ballots section.poll[data-poll]").forEach(function (section) {
      var heading = section.querySelector("h2");
      now[section.dataset.poll] = clean(heading && heading.textContent);
    });
    if (polls !== null) {
      var news = [];
      Object.keys(now).forEach(function (id) {
        if (!(id in polls)) { news.push(region.dataset.opened.replace("%s", now[id])); }
      });
      Object.keys(polls).forEach(function (id) {
        if (!(id in now)) { news.push(region.dataset.closed.replace("%s", polls[id])); }
      });
      if (news.length) { region.textContent = news.join(" "); }
    }
    polls = now;
  }

  // Which ballot form held the focus before a refresh of the voter's area.
  var lastFocus = null;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var inside = active && active.closest && active.closest("#ballots");
    if (!inside) { return; }  // the focus is elsewhere: this refresh does not take it away
    var form = active.closest(".ballot");
    var section = active.closest("section.poll") || inside.querySelector("section.poll");
    // A ballot's place among the poll's ballots: a confirmation replaces its form in place;
    // after the results of "all for", the poll's heading.
    lastFocus = section ? {
      poll: section.dataset.poll,
      index: form ? Array.prototype.indexOf.call(section.querySelectorAll(".ballot"), form) : -1,
      choice: active.value || null
    } : null;
  });

  function restoreFocus() {
    if (!lastFocus || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    var section = document.querySelector('#ballots section.poll[data-poll="' + lastFocus.poll + '"]');
    var target = section ? section.querySelectorAll(".ballot")[lastFocus.index] || null : null;
    var button = target && lastFocus.choice &&
      target.querySelector('button[value="' + lastFocus.choice + '"]:not([disabled])');
    // The poll has gone (closed): the page's heading, where the voter starts again.
    target = button || target || (section && section.querySelector("h2")) ||
      document.querySelector("main h1");
    if (!target) { return; }
    if (!button) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }

  document.body.addEventListener("htmx:afterSettle", function () {
    chairTurnout();
    voterPolls();
    restoreFocus();
  });
  document.addEventListener("DOMContentLoaded", function () { chairTurnout(); voterPolls(); });
})();
