/* Start Pagefind's search box on the search page. Pagefind's index is fetched from the site
   itself; a page opened from disk (file://) cannot fetch it, so there the page keeps its note
   pointing to the people list and the timeline. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || location.protocol === "file:" || typeof window.PagefindUI === "undefined") return;
  var root = new URL(box.getAttribute("data-root"), location.href);
  var bundle = new URL(".", new URL(box.getAttribute("data-bundle"), location.href));
  new window.PagefindUI({
    element: "#search",
    bundlePath: bundle.pathname,
    baseUrl: root.pathname.replace(/index\.html$/, ""),
    showImages: false,
    showSubResults: false,
    resetStyles: false
  });
  var note = document.querySelector(".search-nojs");
  if (note) note.hidden = true;
  var input = box.querySelector("input");
  if (input) input.focus();
})();
