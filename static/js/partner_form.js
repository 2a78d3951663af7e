// The partner form: a hint while typing the name, listing partners with a similar name
// (the form checks again on saving). The URL and the partner to leave out come from the
// data attributes of this script's tag; without JavaScript the form works as before.
(function () {
  "use strict";
  var data = document.currentScript.dataset;
  function attach() {
    var input = document.getElementById("id_name");
    if (!input || !window.htmx) return;
    input.setAttribute("hx-get", data.similarUrl);
    input.setAttribute("hx-trigger", "keyup changed delay:400ms");
    input.setAttribute("hx-target", "#similar-hint");
    input.setAttribute("hx-vals", JSON.stringify({exclude: data.exclude || ""}));
    window.htmx.process(input);
  }
  if (document.readyState !== "complete") {
    document.addEventListener("DOMContentLoaded", attach);
  } else {
    attach();
  }
})();
