// The voter's page: a ballot the server could not take (a database restart, a timeout, a
// dropped connection) is sent again with the same submission token, so it is recorded once;
// after a ballot, the confirmation gets the focus (screen readers read it).
(function () {
  "use strict";
  var script = document.currentScript;
  var RETRYING = script.dataset.retrying;
  var FAILED = script.dataset.failed;
  var DELAYS = [500, 1000, 2000, 4000, 8000];

  function announce(text) {
    var live = document.getElementById("ballot-retry");
    if (live) { live.textContent = text; }
  }

  // Remember what each submission sent (the button pressed included), to send it again.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-retry]");
    if (form && !form._retrying) {
      form._params = Object.assign({}, event.detail.parameters);
      form._tries = 0;
    }
  });

  function retry(event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-retry]");
    if (!form || !form._params) { return; }
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status && status < 500) { return; }  // a refusal is an answer, not a hiccup
    if (form._tries >= DELAYS.length) { announce(FAILED); form._retrying = false; return; }
    var delay = DELAYS[form._tries];
    form._tries += 1;
    form._retrying = true;
    announce(RETRYING);
    window.setTimeout(function () {
      htmx.ajax("POST", form.getAttribute("hx-post"), {
        source: form,
        target: form.getAttribute("hx-target") === "this" ? form : form.getAttribute("hx-target"),
        swap: form.getAttribute("hx-swap"),
        values: form._params
      });
    }, delay);
  }

  document.body.addEventListener("htmx:responseError", retry);
  document.body.addEventListener("htmx:sendError", retry);
  document.body.addEventListener("htmx:timeout", retry);

  // The newest confirmation (one not focused before) takes the focus.
  document.body.addEventListener("htmx:afterSettle", function () {
    var focus = document.querySelector("[data-focus]:not([data-focused])");
    document.querySelectorAll("[data-focus]").forEach(function (el) { el.dataset.focused = "1"; });
    if (focus) { announce(""); focus.focus(); }
  });
})();
