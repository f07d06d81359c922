/* Keep "time in custody" current: the page states it for its build date; this recounts it for
   today in the reader's language. Counts as factfile/custody.py does: whole months, then days. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  /* Without the language's plural rules in this browser, keep the build's figure and its date. */
  if (!window.Intl || !Intl.NumberFormat.supportedLocalesOf || !Intl.NumberFormat.supportedLocalesOf([lang]).length) return;
  function unit(n, name) {
    try {
      return new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay: "long" }).format(n);
    } catch (e) {
      return n + " " + name + (n === 1 ? "" : "s");
    }
  }
  function join(parts) {
    try {
      return new Intl.ListFormat(lang, { type: "unit", style: "narrow" }).format(parts);
    } catch (e) {
      return parts.join(" ");
    }
  }
  function monthLength(year, month) { /* month 1-12 */
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  function since(start, end, precision) {
    var months = (end.y - start.y) * 12 + end.m - start.m;
    if (end.d < Math.min(start.d, monthLength(end.y, end.m))) months -= 1;
    var ay = start.y + Math.floor((start.m - 1 + months) / 12);
    var am = (start.m - 1 + months) % 12 + 1;
    var ad = Math.min(start.d, monthLength(ay, am));
    var days = Math.round((Date.UTC(end.y, end.m - 1, end.d) - Date.UTC(ay, am - 1, ad)) / 864e5);
    if (precision !== "day") days = 0;
    if (precision === "year") months -= months % 12;
    var parts = [];
    if (months >= 12) parts.push(unit(Math.floor(months / 12), "year"));
    if (months % 12) parts.push(unit(months % 12, "month"));
    if (days) parts.push(unit(days, "day"));
    return parts.length ? join(parts) : unit(0, "day");
  }
  var now = new Date();
  var today = { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  var nodes = document.querySelectorAll("time[data-since]");
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    var bits = node.getAttribute("data-since").split("-");
    var start = { y: +bits[0], m: +(bits[1] || 1), d: +(bits[2] || 1) };
    if (Date.UTC(today.y, today.m - 1, today.d) < Date.UTC(start.y, start.m - 1, start.d)) continue;
    node.textContent = since(start, today, node.getAttribute("data-precision") || "day");
    var note = node.parentNode.querySelector(".as-of");
    if (note) note.hidden = true;
  }
})();
