/* Filter the register in place as the reader types or chooses. Without this script the people
   index lists everyone in pages, grouped by status; with it, the same list narrows, across every
   page: the rows of everyone (people/rows.js, in the register's order: this script never sorts)
   are loaded when the reader first uses a filter. Names are folded exactly as
   factfile/site/finder.py folds them, so every spelling (Latin or Cyrillic) finds the same person.
   The search page uses the same folding and rows (window.factfileFinder). */
(function () {
  "use strict";
  var CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "io", "є": "ie", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "", "’": ""
  };
  var LATIN = [["kh", "h"], ["ts", "c"], ["tz", "c"], ["cz", "ch"], ["sz", "sh"], ["ł", "l"],
    ["w", "v"], ["y", "i"], ["j", "i"], ["g", "h"], ["x", "ks"], ["ie", "e"], ["ia", "a"], ["io", "o"],
    ["iu", "u"]];
  var NOT_ALNUM = /[^\p{L}\p{N}]+/gu;

  function fold(text) {
    var lowered = text.toLowerCase(), latin = "";
    for (var i = 0; i < lowered.length; i++) {
      var ch = lowered.charAt(i);
      latin += Object.prototype.hasOwnProperty.call(CYRILLIC, ch) ? CYRILLIC[ch] : ch;
    }
    var bare = latin.normalize("NFD").replace(/\p{M}/gu, "");
    for (var j = 0; j < LATIN.length; j++) bare = bare.split(LATIN[j][0]).join(LATIN[j][1]);
    return bare.replace(NOT_ALNUM, " ").trim();
  }

  /* Load the rows once (a script, so it also loads from disk), then call back. */
  var loaded = null, waiting = [];
  function rows(url, done) {
    if (loaded) return done(loaded);
    waiting.push(done);
    if (waiting.length > 1) return;
    var script = document.createElement("script");
    script.src = url;
    script.onload = function () {
      var data = window.factfileRows || { fields: [], rows: [] }, list = [];
      for (var i = 0; i < data.rows.length; i++) {
        var row = {}, raw = data.rows[i];
        for (var f = 0; f < data.fields.length; f++) row[data.fields[f]] = raw[f];
        row.names = "|" + row.names + "|";
        row.articles = " " + row.articles + " ";
        row.href = new URL(row.slug + "/index.html", script.src).href;
        if (row.photo) row.photo = new URL(row.photo, script.src).href;
        list.push(row);
      }
      loaded = list;
      var calls = waiting;
      waiting = [];
      for (var c = 0; c < calls.length; c++) calls[c](loaded);
    };
    document.head.appendChild(script);
  }

  /* One row of the register, as templates/people.html draws it. */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function cell(cls, label, value) {
    var node = el("span", cls);
    if (value) {
      node.appendChild(el("span", "label", label));
      node.appendChild(document.createTextNode(" " + value));
    }
    return node;
  }
  function draw(row, labels) {
    var li = el("li"), who = el("span", "who"), link = el("a", "", row.name);
    if (row.photo) {
      var img = el("img", "portrait");
      img.src = row.photo; img.alt = ""; img.loading = "lazy";
      li.appendChild(img);
    } else {
      var none = el("span", "portrait");
      none.setAttribute("role", "img");
      none.setAttribute("aria-label", labels.photo);
      li.appendChild(none);
    }
    link.href = row.href;
    who.appendChild(link);
    who.appendChild(document.createTextNode(" "));
    who.appendChild(el("span", "status status-" + row.status, row.status_label));
    li.appendChild(who);
    li.appendChild(cell("since", labels.since, row.detained));
    li.appendChild(cell("charges", labels.charges, row.articles.trim().split(" ").join(", ")));
    var now = cell("now", labels.now, row.now);
    if (!row.now && row.released) now.textContent = row.released;
    li.appendChild(now);
    return li;
  }

  window.factfileFinder = { fold: fold, rows: rows, draw: draw };

  var form = document.getElementById("finder");
  if (!form || !document.querySelectorAll) return;

  var plural = form.getAttribute("data-plural");
  var group = form.getAttribute("data-group");
  var shownForms = JSON.parse(form.getAttribute("data-shown"));
  var allForms = JSON.parse(form.getAttribute("data-all"));
  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  }
  function say(forms, n) {
    var code = plural.charAt(n < 200 ? n : 100 + n % 100);
    return (forms[code] || forms.x || "{count}").replace("{count}", number(n));
  }

  /* While filtering, the page's own list is set aside (one class on its wrapper) and the matches
     are drawn into a short list, at most LIMIT at a time: drawing 10,000 rows on every keystroke
     is what makes long lists slow. */
  var LIMIT = 100;
  var all = document.getElementById("finder-all");
  var count = document.getElementById("finder-count");
  var none = document.getElementById("finder-none");
  var results = document.getElementById("finder-results");
  var list = results.querySelector("ul");
  var labels = { since: list.getAttribute("data-since"), charges: list.getAttribute("data-charges"),
                 now: list.getAttribute("data-now"), photo: list.getAttribute("data-photo") };
  var more = document.getElementById("finder-more");
  var initial = count.textContent;
  var tocCounts = {}, tocInitial = {};
  var tocItems = document.querySelectorAll(".toc li[data-status]");
  for (var t = 0; t < tocItems.length; t++) {
    var status = tocItems[t].getAttribute("data-status");
    tocCounts[status] = tocItems[t].querySelector(".n");
    tocInitial[status] = tocCounts[status].textContent;
  }
  var fields = ["q", "status", "year", "article", "occupation"];
  var matches = [], shown = 0;

  function state() {
    var values = {};
    for (var i = 0; i < fields.length; i++) {
      var field = form.elements[fields[i]];
      values[fields[i]] = field ? field.value : "";
    }
    return values;
  }

  function showMore() {
    var fragment = document.createDocumentFragment();
    var end = Math.min(matches.length, shown + LIMIT);
    for (; shown < end; shown++) fragment.appendChild(draw(matches[shown], labels));
    list.appendChild(fragment);
    more.hidden = shown >= matches.length;
  }

  function filter(everyone, v) {
    var query = fold(v.q);
    var article = v.article ? " " + v.article + " " : "";
    var perStatus = {}, found = [];
    for (var i = 0; i < everyone.length; i++) {
      var row = everyone[i];
      if ((!v.status || row.status === v.status) && (!v.year || row.year === v.year) &&
          (!article || row.articles.indexOf(article) !== -1) &&
          (!v.occupation || row.occupation === v.occupation) &&
          (!query || row.names.indexOf(query) !== -1)) {
        found.push(row);
        perStatus[row.status] = (perStatus[row.status] || 0) + 1;
      }
    }
    for (var key in tocCounts) tocCounts[key].textContent = number(perStatus[key] || 0);
    return found;
  }

  function apply() {
    var v = state();
    var filtering = !!(v.q.trim() || v.status || v.year || v.article || v.occupation);
    remember(v);
    if (!filtering) {
      all.classList.remove("set-aside");
      results.hidden = true;
      none.hidden = true;
      count.textContent = initial;
      for (var key in tocCounts) tocCounts[key].textContent = tocInitial[key];
      return;
    }
    rows(form.getAttribute("data-rows"), function (everyone) {
      if (JSON.stringify(state()) !== JSON.stringify(v)) return;  /* the reader typed on meanwhile */
      matches = filter(everyone, v);
      list.textContent = "";
      shown = 0;
      all.classList.add("set-aside");
      results.hidden = false;
      showMore();
      count.textContent = say(shownForms, matches.length);
      none.hidden = matches.length !== 0;
    });
  }

  /* Keep the filters in the address, so a filtered list can be shared or bookmarked. */
  function remember(v) {
    var parts = [];
    for (var i = 0; i < fields.length; i++) {
      if (v[fields[i]]) parts.push(fields[i] + "=" + encodeURIComponent(v[fields[i]]));
    }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (window.history && history.replaceState && location.hash !== hash &&
        !(hash === "" && location.hash.indexOf("#status-") === 0)) {
      try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function restore() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("status-") === 0) return;  /* a link to a group of this page */
    var pairs = location.hash.slice(1).split("&");
    for (var i = 0; i < pairs.length; i++) {
      var pair = pairs[i].split("=");
      var field = form.elements[pair[0]];
      if (field && fields.indexOf(pair[0]) !== -1) field.value = decodeURIComponent(pair[1] || "");
    }
  }

  /* Filtering everyone takes a few milliseconds, so every keystroke applies at once. */
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  more.addEventListener("click", showMore);
  /* While filtering, a status in the list of groups narrows to that status. */
  var toc = document.querySelector(".toc");
  if (toc && form.elements.status) {
    toc.addEventListener("click", function (event) {
      var item = event.target.closest ? event.target.closest("li[data-status]") : null;
      if (!item || !all.classList.contains("set-aside")) return;
      event.preventDefault();
      form.elements.status.value = item.getAttribute("data-status");
      apply();
    });
  }
  form.hidden = false;
  restore();
  apply();
})();
