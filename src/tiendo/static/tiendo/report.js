// The drafted text belongs to the cut-off, K and plans it was drafted for (hidden du_thao_*).
// Changing one of them after drafting: say next to that field, before any click, that a
// download will redraft and the edited text will be lost. The server redrafts anyway (and
// says so): this script only warns earlier, so the page works the same without it.
document.querySelectorAll("form[data-report]").forEach(function (form) {
  if (!form.querySelector("input[name=du_thao_ngay]")) { return; }
  var WATCHED = {
    plans: "Danh sách kế hoạch đã khác với dự thảo",
    ngay: "Ngày chốt số liệu đã khác với dự thảo",
    known_at: "Thời điểm ghi nhận dữ liệu đã khác với dự thảo"
  };
  var TAIL = ": khi bấm tải về, dự thảo sẽ được soạn lại theo số liệu mới và nội dung đã sửa " +
    "bên dưới không được giữ.";

  // "31/3/2024" and "31/03/2024" are the same day; "2024-03-31" too.
  function normal(text) {
    var parts = (text.match(/\d+/g) || []).map(Number);
    if (parts.length >= 3 && String(text).trim().match(/^\d{4}/)) {
      parts = [parts[2], parts[1], parts[0]].concat(parts.slice(3));
    }
    return parts.join(".");
  }

  function changed(name) {
    var inputs = form.querySelectorAll("[name=" + name + "]");
    return Array.prototype.some.call(inputs, function (input) {
      if (input.type === "checkbox") { return input.checked !== input.defaultChecked; }
      return normal(input.value) !== normal(input.defaultValue);
    });
  }

  function note(name) {
    var field = form.querySelector("[data-field=" + name + "]");
    if (!field) { return null; }
    var found = field.querySelector(".draft-note");
    if (!found) {
      found = document.createElement("p");
      found.className = "warnbox draft-note";
      found.setAttribute("role", "status");
      found.hidden = true;
      field.appendChild(found);
    }
    return found;
  }

  function check() {
    Object.keys(WATCHED).forEach(function (name) {
      var box = note(name);
      if (!box) { return; }
      var differs = changed(name);
      box.textContent = differs ? WATCHED[name] + TAIL : "";
      box.hidden = !differs;
    });
  }

  form.addEventListener("input", check);
  form.addEventListener("change", check);
});
