// "Flag as wrong" / "Remove flag" on event pages of a server started with a token.
// The token is typed once and kept for this tab (sessionStorage), sent as a bearer header.
(function () {
  "use strict";
  var KEY = "entente.token";
  function saved() { try { return window.sessionStorage.getItem(KEY) || ""; } catch (e) { return ""; } }
  function save(t) { try { window.sessionStorage.setItem(KEY, t); } catch (e) {} }
  document.querySelectorAll("form.flag-form").forEach(function (form) {
    var tok = form.querySelector("input[name=token]");
    if (tok && !tok.value) tok.value = saved();
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var status = form.querySelector(".flag-status");
      var id = form.getAttribute("data-event");
      var flag = form.getAttribute("data-action") === "flag";
      var reason = form.querySelector("input[name=reason]");
      var opts = { method: flag ? "POST" : "DELETE", headers: { "Authorization": "Bearer " + tok.value } };
      if (flag) {
        opts.headers["Content-Type"] = "application/json";
        opts.body = JSON.stringify({ reason: reason && reason.value ? reason.value : null });
      }
      status.textContent = "…";
      fetch("/api/events/" + encodeURIComponent(id) + "/flag", opts).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { status.textContent = body.message || ("error " + r.status); return; }
          save(tok.value);
          window.location.reload();
        });
      }).catch(function (e) { status.textContent = "request failed: " + e; });
    });
  });
})();
