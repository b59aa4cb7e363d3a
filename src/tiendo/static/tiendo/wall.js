// The wall screen fetches fresh figures every data-refresh seconds and swaps them in place (no
// <meta http-equiv="refresh">: it reloads without warning and fails accessibility checks). A
// failed fetch keeps the last figures on screen and says since when. Without script every
// panel still shows; the figures then change only when the page is reloaded.
(function () {
  var screen = document.getElementById("wall");
  if (!screen || !window.fetch || !window.DOMParser) { return; }
  var seconds = parseInt(screen.getAttribute("data-refresh"), 10) || 300;
  var retry = Math.min(60, seconds);
  var timer = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  // Clock times in the server's time zone (the offset of the page's own timestamp), whatever
  // zone the wall's browser is set to.
  function offsetMinutes() {
    var stamp = screen.querySelector("time[data-computed]");
    var match = stamp && /([+-])(\d\d):?(\d\d)$/.exec(stamp.getAttribute("datetime") || "");
    if (!match) { return -new Date().getTimezoneOffset(); }
    return (match[1] === "-" ? -1 : 1) * (parseInt(match[2], 10) * 60 + parseInt(match[3], 10));
  }
  function clock(ms) {
    var shifted = new Date(ms + offsetMinutes() * 60000);
    return pad(shifted.getUTCHours()) + ":" + pad(shifted.getUTCMinutes());
  }
  function every(s) { return s % 60 ? s + " giây" : s / 60 + " phút"; }

  function say(text, problem) {
    var status = screen.querySelector("#wall-refresh");
    if (status) { status.textContent = text; }
    screen.classList.toggle("stale", !!problem);
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, delay * 1000);
    return Date.now() + delay * 1000;
  }

  function planned() {
    say("Tự cập nhật " + every(seconds) + " một lần; lần tới lúc " + clock(schedule(seconds)) + ".");
  }

  function failed(reason) {
    var computed = screen.querySelector("[data-computed]");
    var since = computed ? computed.textContent : "";
    say(reason + " lúc " + clock(Date.now()) + "; đang hiện số liệu tính lúc " + since +
        ". Thử lại lúc " + clock(schedule(retry)) + ".", true);
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("wall");
    if (!fresh) {
      failed("Phiên đăng nhập đã hết, chưa lấy được số liệu mới");
      return;
    }
    screen.querySelectorAll("canvas").forEach(function (canvas) {
      var chart = window.Chart && window.Chart.getChart(canvas);
      if (chart) { chart.destroy(); }
    });
    screen.replaceWith(fresh);
    screen = fresh;
    if (window.tiendoCharts) { window.tiendoCharts.draw(screen); }
    planned();
  }

  function refresh() {
    return window.fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(swap)
      .catch(function () { failed("Không lấy được số liệu mới"); });
  }

  window.tiendoWall = { refresh: refresh };
  planned();
})();
