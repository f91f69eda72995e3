// Reflow (WCAG 1.4.10): a wide table scrolls inside its own box rather than the whole page scrolling sideways.
// Every GOV.UK table not already in a box is wrapped in a focusable region named by its caption, or else by the
// heading before it, so that a keyboard user can scroll it too. Without JavaScript the stylesheet still keeps
// tables within the page (see .govuk-table in fostering.css).
(function () {
  "use strict";
  var WRAPPER = "app-table-wrapper";

  function nameOf(table, index) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim().replace(/\s+/g, " ");
    }
    var labelled = table.getAttribute("aria-label");
    if (labelled) {
      return labelled;
    }
    var node = table;
    while (node) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) {
          return sibling.textContent.trim().replace(/\s+/g, " ");
        }
        var headings = sibling.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (headings.length) {
          return headings[headings.length - 1].textContent.trim().replace(/\s+/g, " ");
        }
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
      if (node && node.tagName === "MAIN") {
        break;
      }
    }
    return "Table " + (index + 1);
  }

  function wrap(table, index) {
    var parent = table.parentElement;
    if (!parent || parent.classList.contains(WRAPPER) || parent.classList.contains("app-table-scroll")) {
      return;
    }
    var wrapper = document.createElement("div");
    wrapper.className = WRAPPER;
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", nameOf(table, index));
    wrapper.setAttribute("tabindex", "0");
    parent.insertBefore(wrapper, table);
    wrapper.appendChild(table);
  }

  function wrapAll() {
    var tables = document.querySelectorAll("table.govuk-table");
    for (var i = 0; i < tables.length; i++) {
      wrap(tables[i], i);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wrapAll);
  } else {
    wrapAll();
  }
})();
