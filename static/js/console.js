// The live console: never let an older answer replace a newer one. Polls and clicks can be
// answered out of order; each answer carries the console version it was rendered from.
document.addEventListener("htmx:beforeSwap", function (event) {
  var shown = document.getElementById("console-live");
  if (!shown || event.detail.target !== shown) {
    return;
  }
  var incoming = /data-version="(\d+)"/.exec(event.detail.serverResponse || "");
  if (incoming && Number(incoming[1]) < Number(shown.dataset.version)) {
    event.detail.shouldSwap = false;
  }
});
