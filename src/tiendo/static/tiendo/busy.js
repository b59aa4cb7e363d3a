// Long work (reports, imports): say so while the server works, and stop double submits.
// The clicked button's name and value must reach the server: a button disabled inside the
// submit handler is left out of the form data ("Tải báo cáo (Word)" would only redraw the
// page), so the buttons are disabled only after the browser has read the form. A download
// keeps the page: the file's answer sets a cookie with this submit's token (lib/downloads.py),
// and the page clears the notice as soon as it appears; 60 s is the fallback.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  var COOKIE = "tiendo_tai_xuong";
  var sending = false;
  var watch = null;
  var carrier = document.createElement("input");
  carrier.type = "hidden";
  carrier.name = "tai_xuong";
  form.appendChild(carrier);

  function cookie() {
    var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(COOKIE + "=") === 0; });
    return found.length ? found[0].slice(COOKIE.length + 1) : "";
  }

  function done() {
    sending = false;
    clearInterval(watch);
    document.cookie = COOKIE + "=; Max-Age=0; path=/; SameSite=Lax";
    form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
    form.removeAttribute("aria-busy");
    var notice = form.querySelector(".busy");
    if (notice) { notice.hidden = true; }
  }

  form.addEventListener("submit", function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
    carrier.value = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    var notice = form.querySelector(".busy");
    if (notice) {
      notice.textContent = form.getAttribute("data-busy");
      notice.hidden = false;
    }
    form.setAttribute("aria-busy", "true");
    setTimeout(function () {
      form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    }, 0);
    var started = Date.now();
    watch = setInterval(function () {
      if (cookie() === carrier.value || Date.now() - started > 60000) { done(); }
    }, 300);
  });
});
