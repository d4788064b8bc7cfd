/* portfolio serve: reload when the pages change; show the problems of a save over the last good page.
   Served by the preview only, never part of a built site. Problems are student text: textContent only. */
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var overlay = null;
  var hidden = "";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function stylesheet() {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/__pb/preview.css";
    document.head.appendChild(link);
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(problems, words) {
    hide();
    var key = problems.join("\n");
    if (!problems.length || key === hidden) return;
    overlay = element("div", "pb-preview-overlay");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", "pb-preview-title");
    var box = element("div", "pb-preview-box");
    var title = element("h2", "", words.preview_title || "Your last save has a problem");
    title.id = "pb-preview-title";
    box.appendChild(title);
    box.appendChild(element("p", "", words.preview_lead || ""));
    var list = element("ul", "pb-preview-problems");
    problems.forEach(function (line) { list.appendChild(element("li", "", line)); });
    box.appendChild(list);
    var close = element("button", "", words.preview_hide || "Hide");
    close.type = "button";
    close.addEventListener("click", function () { hidden = key; hide(); });
    box.appendChild(close);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  stylesheet();
  var events = new EventSource("/__pb/events?page=" + encodeURIComponent(location.pathname) +
                               "&build=" + encodeURIComponent(build));
  events.onmessage = function (event) {
    var news = JSON.parse(event.data);
    if (news.build !== build) {
      events.close();
      location.reload();
      return;
    }
    show(news.problems || [], news.words || {});
  };
})();
