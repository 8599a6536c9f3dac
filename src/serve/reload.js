// Added to pages by `bangvang serve` only: reloads the page after each
// rebuild, and shows a failed build's errors over the page until they are
// fixed. No inline code or style, so that the page's policy allows it.
(function () {
  "use strict";
  var overlay = null;
  function style() {
    if (document.getElementById("bangvang-serve-css")) return;
    var link = document.createElement("link");
    link.id = "bangvang-serve-css";
    link.rel = "stylesheet";
    link.href = "/__bangvang/reload.css";
    document.head.appendChild(link);
  }
  function clear() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function line(parent, tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function show(report) {
    style();
    clear();
    overlay = document.createElement("div");
    overlay.className = "bangvang-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Lỗi khi dựng trang");
    var box = document.createElement("div");
    box.className = "bangvang-box";
    overlay.appendChild(box);
    line(box, "h2", "", "Trang chưa được cập nhật: có " + report.errors.length + " lỗi");
    line(box, "p", "bangvang-lead",
      "Hãy sửa tệp được nêu dưới đây rồi lưu lại; trang sẽ tự tải lại. Trang đang hiện là bản dựng thành công gần nhất.");
    report.errors.forEach(function (e) {
      var item = document.createElement("section");
      item.className = "bangvang-error";
      var where = e.file ? "Tệp " + e.file : "";
      if (e.line) where += ", dòng " + e.line + (e.column ? ", cột " + e.column : "");
      if (e.field) where += " (trường " + e.field + ")";
      if (where) line(item, "p", "bangvang-where", where);
      line(item, "p", "bangvang-message", e.message);
      if (e.excerpt) line(item, "pre", "bangvang-excerpt", e.excerpt);
      (e.help || []).forEach(function (h) { line(item, "p", "bangvang-help", "Gợi ý: " + h); });
      box.appendChild(item);
    });
    var close = line(box, "button", "bangvang-close", "Đóng");
    close.type = "button";
    close.addEventListener("click", clear);
    document.body.appendChild(overlay);
  }
  if (!window.EventSource) return;
  var source = new EventSource("/__bangvang/events");
  var seen = null;
  source.addEventListener("hello", function (e) {
    if (seen !== null && seen !== e.data) location.reload();
    seen = e.data;
    clear();
    // Says the page listens (the browser test waits for it).
    document.documentElement.setAttribute("data-bangvang-serve", e.data);
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (e) { show(JSON.parse(e.data)); });
})();
