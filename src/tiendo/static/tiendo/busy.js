// Long work (reports, imports): say so while the server works, and stop double submits.
// Downloads keep the page, so the notice clears itself after a while.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var notice = form.querySelector(".busy");
    if (notice) {
      notice.textContent = form.getAttribute("data-busy");
      notice.hidden = false;
    }
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    setTimeout(function () {
      form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
      if (notice) { notice.hidden = true; }
    }, 15000);
  });
});
