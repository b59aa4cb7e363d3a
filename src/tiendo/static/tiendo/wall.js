// Rotate the wall screen's panels every 20 seconds; without script all panels simply show.
(function () {
  var panels = Array.prototype.slice.call(document.querySelectorAll(".panels .panel"));
  if (panels.length < 2) { return; }
  document.body.classList.add("rotating");
  var current = 0;
  function show(index) {
    panels.forEach(function (panel, i) { panel.hidden = i !== index; });
  }
  show(current);
  setInterval(function () { current = (current + 1) % panels.length; show(current); }, 20000);
})();
