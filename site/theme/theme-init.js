// Runs in <head> before the first paint, so a stored theme choice never flashes the other theme.
(function () {
  try {
    var stored = localStorage.getItem("workshop-theme");
    if (stored === "light" || stored === "dark") document.documentElement.dataset.theme = stored;
  } catch (e) {
    // Storage can be blocked (private mode, file:// policies): the system theme applies.
  }
})();
