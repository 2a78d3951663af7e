/* The plan editor's few behaviours htmx does not have: announce what happened, put the focus
   where the work continues, and keyboard shortcuts in the editors. Everything works without. */
(function () {
  "use strict";
  var hideTimer = null;

  function announce(text) {
    var box = document.getElementById("plan-live");
    if (!box || !text) return;
    box.textContent = text;
    box.classList.add("show");
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { box.classList.remove("show"); }, 5000);
  }

  // An action of a menu that is not loaded: the link that loads the menu.
  var MENU_OF = [
    [/^(?:edit-row|add-activity|row-up|row-down|delete-row)-(\d+)$/, "row-menu-"],
    [/^(?:edit-activity|activity-up|activity-down|delete-activity)-(\d+)$/, "activity-menu-"]
  ];

  function focusById(id) {
    var el = document.getElementById(id);
    for (var i = 0; !el && i < MENU_OF.length; i++) {
      var found = id.match(MENU_OF[i][0]);
      if (found) el = document.getElementById(MENU_OF[i][1] + found[1]);
    }
    if (!el) return;
    var menu = el.closest("details.action-menu");
    if (menu && !menu.open) {
      // An action inside a closed row or activity menu: the menu's own button.
      el = menu.querySelector("summary");
    } else if (el.disabled) {
      // A move button at the edge of its group: the other one, else the edit link.
      var group = el.closest("[role=group]");
      el = (group && (group.querySelector("button:not([disabled])") || group.querySelector("a"))) || el;
    }
    el.focus();
    if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
  }

  document.body.addEventListener("planNotice", function (event) {
    announce(event.detail && event.detail.text);
  });
  document.body.addEventListener("planFocus", function (event) {
    if (event.detail && event.detail.id) focusById(event.detail.id);
  });

  // A row's or an activity's menu is a link until it is opened: load the menu in its place
  // (without JavaScript the link opens the same actions as a page).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.row-tools, .plan-table-editing td.activity-cell > a") : null;
    if (!link || !window.htmx || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    window.htmx.ajax("GET", link.getAttribute("href"), { source: link, target: link, swap: "outerHTML" });
  });

  // One action menu open at a time; a click elsewhere or Escape closes it.
  function closeMenus(except) {
    document.querySelectorAll("details.action-menu[open]").forEach(function (menu) {
      if (menu !== except) menu.open = false;
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest ? event.target.closest("details.action-menu") : null);
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target || !target.matches) return;
    var openMenu = target.closest("details.action-menu[open]");
    if (event.key === "Escape" && openMenu) {
      openMenu.open = false;
      openMenu.querySelector("summary").focus();
      return;
    }
    if (event.key === "Enter" && target.matches("input.partner-search")) {
      // Enter in the search box goes to the narrowed list instead of submitting the form.
      event.preventDefault();
      var list = document.getElementById(target.getAttribute("aria-controls"));
      if (list) list.focus();
    } else if (event.key === "Enter" && target.matches(".new-partner input")) {
      event.preventDefault();
      var create = target.form && target.form.querySelector("button[name=quick_create]");
      if (create) create.click();
    } else if (event.key === "Escape" && target.closest(".editor-row")) {
      var cancel = target.closest(".editor-row").querySelector(".editor-cancel");
      if (cancel) { event.preventDefault(); cancel.click(); }
    }
  });
})();
