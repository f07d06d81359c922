/* Filter the people index in place as the reader types or chooses. Without this script the page
   lists everyone, grouped by status; with it, the same list narrows. Names are folded exactly as
   factfile/finder.py folds them, so every spelling (Latin or Cyrillic) finds the same person. */
(function () {
  "use strict";
  var form = document.getElementById("finder");
  if (!form || !document.querySelectorAll) return;

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

  /* Read every row once. While filtering, the full list is set aside (one class on its wrapper) and
     the matches are copied into a short list, at most LIMIT at a time: touching 10,000 rows on
     every keystroke is what makes long lists slow. */
  var LIMIT = 100;
  var rows = [];
  var sections = document.querySelectorAll("section.group");
  var tocCounts = {};
  for (var s = 0; s < sections.length; s++) {
    var items = sections[s].querySelectorAll("li[data-n]");
    var status = sections[s].getAttribute("data-status");
    tocCounts[status] = document.querySelector('.toc li[data-status="' + status + '"] .n');
    for (var r = 0; r < items.length; r++) {
      var li = items[r];
      rows.push({ el: li, status: status, names: "|" + li.getAttribute("data-n") + "|",
                  year: li.getAttribute("data-y"), articles: " " + li.getAttribute("data-a") + " ",
                  occupation: li.getAttribute("data-o") });
    }
  }
  var all = document.getElementById("finder-all");
  var count = document.getElementById("finder-count");
  var none = document.getElementById("finder-none");
  var results = document.getElementById("finder-results");
  var more = document.getElementById("finder-more");
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
    for (; shown < end; shown++) fragment.appendChild(matches[shown].el.cloneNode(true));
    results.appendChild(fragment);
    more.hidden = shown >= matches.length;
  }

  function apply() {
    var v = state();
    var query = fold(v.q);
    var article = v.article ? " " + v.article + " " : "";
    var filtering = !!(query || v.status || v.year || v.article || v.occupation);
    var perStatus = {}, i;
    matches = [];
    for (i = 0; i < rows.length; i++) {
      var row = rows[i];
      if ((!v.status || row.status === v.status) && (!v.year || row.year === v.year) &&
          (!article || row.articles.indexOf(article) !== -1) &&
          (!v.occupation || row.occupation === v.occupation) &&
          (!query || row.names.indexOf(query) !== -1)) {
        matches.push(row);
        perStatus[row.status] = (perStatus[row.status] || 0) + 1;
      }
    }
    for (var key in tocCounts) {
      if (tocCounts[key]) tocCounts[key].textContent = number(perStatus[key] || 0);
    }
    results.textContent = "";
    shown = 0;
    if (filtering) {
      all.classList.add("set-aside");
      results.hidden = false;
      showMore();
    } else {
      all.classList.remove("set-aside");
      results.hidden = true;
      more.hidden = true;
    }
    count.textContent = filtering ? say(shownForms, matches.length) : say(allForms, matches.length);
    none.hidden = matches.length !== 0;
    remember(v);
  }

  /* Keep the filters in the address, so a filtered list can be shared or bookmarked. */
  function remember(v) {
    var parts = [];
    for (var i = 0; i < fields.length; i++) {
      if (v[fields[i]]) parts.push(fields[i] + "=" + encodeURIComponent(v[fields[i]]));
    }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (window.history && history.replaceState && location.hash !== hash) {
      try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function restore() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("status-") === 0 && form.elements.status) {
      form.elements.status.value = hash.slice(7);  /* the home page's links to a status group */
      return;
    }
    var pairs = location.hash.slice(1).split("&");
    for (var i = 0; i < pairs.length; i++) {
      var pair = pairs[i].split("=");
      var field = form.elements[pair[0]];
      if (field && fields.indexOf(pair[0]) !== -1) field.value = decodeURIComponent(pair[1] || "");
    }
  }

  /* Filtering the whole list takes a few milliseconds, so every keystroke applies at once. */
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
