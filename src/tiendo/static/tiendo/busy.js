// Long work (reports, imports): say so while the server works, and stop double submits.
// The clicked button's name and value must reach the server: a button disabled inside the
// submit handler is left out of the form data ("Tải báo cáo (Word)" would only redraw the
// page), so the buttons are disabled only after the browser has read the form. Downloads keep
// the page, so the notice clears itself after a while.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  var sending = false;
  form.addEventListener("submit", function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
    var notice = form.querySelector(".busy");
    if (notice) {
      notice.textContent = form.getAttribute("data-busy");
      notice.hidden = false;
    }
    form.setAttribute("aria-busy", "true");
    setTimeout(function () {
      form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    }, 0);
    setTimeout(function () {
      sending = false;
      form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
      form.removeAttribute("aria-busy");
      if (notice) { notice.hidden = true; }
    }, 15000);
  });
});
