/* Keep "time in custody" current: the page states it for its build date; this recounts it for
   today in the reader's language. Counts and words as factfile/custody.py does: whole months, then
   days; from a partial date, the shortest and the longest length its days allow. */
(function () {
  "use strict";
  var NAMES = ["year", "month", "day"];
  var PRECISIONS = ["day", "month", "year"]; /* finest first */
  /* The words come from the page: each unit's plural forms and the language's CLDR plural form of
     0-199 (one letter each), as the build wrote them; browsers lack Belarusian's rules. */
  var words_of = null, plural = "", lists = null;
  function number(n) { return String(n); }
  function unit(n, name) {
    var forms = words_of[name], code = plural.charAt(n < 200 ? n : 100 + n % 100);
    return (forms[code] || forms.x).replace("{count}", number(n));
  }
  function join(parts) {
    return parts.length === 1 ? parts[0] : fill(lists[parts.length - 2], parts);
  }
  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function monthLength(year, month) { /* month 1-12 */
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  function utc(d) { return Date.UTC(d.y, d.m - 1, d.d); }
  /* Whole years, months and days from start to end, cut to a precision; zero when end is first.
     `before` adds the whole months and days of earlier periods (a total over several periods): their
     days make a month only per 31 of them, as custody.py counts. */
  function length(start, end, precision, before) {
    var months = 0, days = 0;
    if (utc(end) >= utc(start)) {
      months = (end.y - start.y) * 12 + end.m - start.m;
      if (end.d < Math.min(start.d, monthLength(end.y, end.m))) months -= 1;
      var ay = start.y + Math.floor((start.m - 1 + months) / 12);
      var am = (start.m - 1 + months) % 12 + 1;
      var ad = Math.min(start.d, monthLength(ay, am));
      days = Math.round((utc(end) - Date.UTC(ay, am - 1, ad)) / 864e5);
    }
    if (before) { months += before[0]; days += before[1]; }
    months += Math.floor(days / 31);
    days = days % 31;
    if (precision === "year") return [Math.floor(months / 12), 0, 0];
    return [Math.floor(months / 12), months % 12, precision === "day" ? days : 0];
  }
  function any(l) { return l[0] || l[1] || l[2]; }
  function same(a, b) { return a[0] === b[0] && a[1] === b[1] && a[2] === b[2]; }
  function units(l) { return NAMES.filter(function (name, i) { return l[i]; }); }
  function words(l) {
    var parts = [];
    for (var i = 0; i < 3; i++) if (l[i]) parts.push(unit(l[i], NAMES[i]));
    return parts.length ? join(parts) : unit(0, "day");
  }
  function inUnit(l, precision) {
    var months = l[0] * 12 + l[1];
    return precision === "year" ? l[0] : precision === "month" ? months : months * 31 + l[2];
  }
  function describe(node, today) {
    var data = node.dataset, precision = data.precision;
    var first = parse(data.startFirst), last = parse(data.startLast);
    var before = (data.before || "0,0;0,0").split(";").map(function (pair) { return pair.split(",").map(Number); });
    var low = length(last, today, precision, before[0]), high = length(first, today, precision, before[1]);
    if (same(low, high) && (any(low) || precision === "day")) {
      return data.approximate ? fill(data.approximate, { duration: words(low) }) : words(low);
    }
    if (!any(low) || inUnit(high, precision) > 2 * inUnit(low, precision)) {
      var sure = any(low) ? low : null;
      for (var p = PRECISIONS.indexOf(precision) - 1; !sure && p >= 0; p--) {
        var finer = length(last, today, PRECISIONS[p], before[0]);
        if (any(finer)) sure = finer;
      }
      return sure ? fill(data.atLeast, { duration: words(sure) }) : null;
    }
    var u = units(low);
    if (u.length === 1 && units(high).length === 1 && u[0] === units(high)[0]) {
      var i = NAMES.indexOf(u[0]);
      return unit(high[i], u[0]).replace(number(high[i]),
        fill(data.rangeCount, { low: number(low[i]), high: number(high[i]) }));
    }
    return fill(data.range, { low: words(low), high: words(high) });
  }
  function parse(iso) {
    var bits = iso.split("-");
    return { y: +bits[0], m: +bits[1], d: +bits[2] };
  }
  var now = new Date();
  var today = { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  var nodes = document.querySelectorAll("[data-custody][data-start-first]");
  for (var i = 0; i < nodes.length; i++) {
    var node = nodes[i];
    words_of = JSON.parse(node.dataset.units);
    plural = node.dataset.plural;
    lists = JSON.parse(node.dataset.lists);
    if (utc(today) < utc(parse(node.dataset.startFirst))) continue;
    var text = describe(node, today);
    if (text === null) continue;
    node.textContent = text;
    var note = node.parentNode.querySelector(".as-of");  /* the figure is today's now */
    if (note) note.hidden = true;
  }
})();
