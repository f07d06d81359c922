/* The search page: as the reader types, the people whose name matches in any spelling (the name
   finder's rows and folding, static/finder.js), then every page Pagefind finds, in the site's own
   words and plural forms. Pagefind's index is fetched from the site itself; a page opened from
   disk (file://) cannot fetch it, so there the page keeps its note pointing to the people list and
   the timeline. */
(function () {
  "use strict";
  var form = document.getElementById("search");
  var finder = window.factfileFinder;
  if (!form || !finder || location.protocol === "file:") return;
  var input = form.elements.q;
  var selects = [form.elements.status, form.elements.year];
  var count = document.getElementById("search-count");
  var peopleBox = document.getElementById("search-people");
  var peopleList = peopleBox.querySelector("ul");
  var labels = { since: peopleList.getAttribute("data-since"), charges: peopleList.getAttribute("data-charges"),
                 now: peopleList.getAttribute("data-now"), photo: peopleList.getAttribute("data-photo") };
  var pagesBox = document.getElementById("search-pages");
  var pagesList = pagesBox.querySelector("ol");
  var more = document.getElementById("search-more");
  var plural = form.getAttribute("data-plural");
  var resultForms = JSON.parse(form.getAttribute("data-results"));
  var PEOPLE = 5, PAGE = 10;
  var pagefind = null, results = [], shown = 0, generation = 0;

  function say(forms, n) {
    var code = plural.charAt(n < 200 ? n : 100 + n % 100);
    return (forms[code] || forms.x).replace("{count}", String(n));
  }
  function filters() {
    var chosen = {};
    for (var i = 0; i < selects.length; i++) {
      if (selects[i].value) chosen[selects[i].getAttribute("data-filter")] = selects[i].value;
    }
    return chosen;
  }

  /* People first: the same rows and folding as the people index's finder. */
  function people(query) {
    var folded = finder.fold(query), status = form.elements.status.value, year = form.elements.year.value;
    peopleList.textContent = "";
    if (!folded) { peopleBox.hidden = true; return; }
    finder.rows(form.getAttribute("data-rows"), function (rows) {
      if (finder.fold(input.value) !== folded) return;
      var found = 0, fragment = document.createDocumentFragment();
      for (var i = 0; i < rows.length && found < PEOPLE; i++) {
        var row = rows[i];
        if (row.names.indexOf(folded) === -1) continue;
        if ((status && row.status_label !== status) || (year && row.year !== year)) continue;
        fragment.appendChild(finder.draw(row, labels));
        found++;
      }
      peopleList.textContent = "";
      peopleList.appendChild(fragment);
      peopleBox.hidden = found === 0;
    });
  }

  function excerpt(html) {
    /* Pagefind encodes the page's text and adds only <mark>: keep exactly that. */
    var p = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    for (var node = parsed ? parsed.firstChild : null; node; node = node.nextSibling) {
      if (node.nodeType === 3) p.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      }
    }
    return p;
  }

  function showMore() {
    var mine = generation, slice = results.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= results.length;
    Promise.all(slice.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== generation) return;
      var fragment = document.createDocumentFragment();
      for (var i = 0; i < pages.length; i++) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = pages[i].url;
        a.textContent = (pages[i].meta && pages[i].meta.title) || pages[i].url;
        li.appendChild(a);
        li.appendChild(excerpt(pages[i].excerpt || ""));
        fragment.appendChild(li);
      }
      pagesList.appendChild(fragment);
    });
  }

  function search() {
    var query = input.value.trim(), chosen = filters(), mine = ++generation;
    people(query);
    remember(query);
    if (!query && !Object.keys(chosen).length) {
      count.textContent = "";
      pagesBox.hidden = true;
      return;
    }
    count.textContent = form.getAttribute("data-searching");
    pagefind.debouncedSearch(query || null, { filters: chosen }, 150).then(function (found) {
      if (found === null || mine !== generation) return;
      results = found.results;
      shown = 0;
      pagesList.textContent = "";
      pagesBox.hidden = results.length === 0;
      count.textContent = results.length ? say(resultForms, results.length) : form.getAttribute("data-none");
      showMore();
    });
  }

  /* The filters Pagefind knows (status and year detained on profiles), with how many pages each has. */
  function fill(all) {
    for (var i = 0; i < selects.length; i++) {
      var values = all[selects[i].getAttribute("data-filter")] || {};
      var names = Object.keys(values).sort().reverse();
      if (!names.length) selects[i].parentNode.hidden = true;
      for (var j = 0; j < names.length; j++) {
        var option = document.createElement("option");
        option.value = names[j];
        option.textContent = names[j] + " (" + values[names[j]] + ")";
        selects[i].appendChild(option);
      }
    }
  }

  function remember(query) {
    var hash = query ? "#q=" + encodeURIComponent(query) : "";
    if (history.replaceState && location.hash !== hash) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  var root = new URL(form.getAttribute("data-root"), location.href);
  var bundle = new URL(form.getAttribute("data-bundle"), location.href);
  import(bundle.href).then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: root.pathname.replace(/index\.html$/, "") });
  }).then(function () {
    return pagefind.filters();
  }).then(function (all) {
    fill(all);
    form.hidden = false;
    var note = document.querySelector(".search-nojs");
    if (note) note.hidden = true;
    form.addEventListener("input", search);
    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    more.addEventListener("click", showMore);
    var match = /^#q=(.*)$/.exec(location.hash);
    if (match) input.value = decodeURIComponent(match[1]);
    input.focus();
    if (input.value) search();
  });
})();
