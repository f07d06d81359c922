/* Keep "in the next 30 days" and "in the next 90 days" current. The page lists, for its build date,
   every birthday (data-date="MM-DD") or expected release (data-date="YYYY-MM-DD") it knows, those
   past the window hidden; this counts them again for the reader's day, in the same order the build
   uses (nearest first, then the page's order). Without it the build's list stands.
   It also shows the copy button of a postal address where the clipboard can be written. */
(function () {
  "use strict";
  var DAY = 86400000;
  function leap(y) { return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0); }
  function today() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }
  /* Days from today to the next birthday (29 February is kept on 28 February in other years), or
     to a date; negative for a date already past. */
  function days(kind, value, now) {
    var parts = value.split("-").map(Number);
    if (kind === "birthday") {
      var year = new Date(now).getUTCFullYear();
      for (var i = 0; i < 2; i++) {
        var y = year + i, d = parts[0] === 2 && parts[1] === 29 && !leap(y) ? 28 : parts[1];
        var at = Date.UTC(y, parts[0] - 1, d);
        if (at >= now) { return Math.round((at - now) / DAY); }
      }
      return Infinity;
    }
    return Math.round((Date.UTC(parts[0], parts[1] - 1, parts[2]) - now) / DAY);
  }
  function recount(list) {
    var kind = list.getAttribute("data-soon"), within = Number(list.getAttribute("data-within"));
    var now = today(), items = Array.prototype.slice.call(list.children), shown = 0;
    var keyed = items.map(function (item, i) {
      return { item: item, i: i, days: days(kind, item.getAttribute("data-date") || "", now) };
    });
    keyed.sort(function (a, b) { return a.days - b.days || a.i - b.i; });
    keyed.forEach(function (k) {
      var show = k.days >= 0 && k.days <= within;
      k.item.hidden = !show;
      if (show) { shown++; }
      list.appendChild(k.item);
    });
    var section = list.parentNode;
    var none = section.querySelector("[data-soon-none]"), asOf = section.querySelector("[data-soon-as-of]");
    if (none) { none.hidden = shown > 0; }
    if (asOf) { asOf.hidden = true; } /* the list is now as of the reader's day */
  }
  function copying(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!target || !navigator.clipboard || !window.isSecureContext) { return; }
    button.parentNode.hidden = false;
    button.addEventListener("click", function () {
      var text = target.innerText.replace(/\n{2,}/g, "\n").trim();
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = button.getAttribute("data-copied");
      }, function () {
        status.textContent = button.getAttribute("data-failed");
      });
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("ol[data-soon]"), recount);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), copying);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
