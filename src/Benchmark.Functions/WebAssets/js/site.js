// Only improves pages that work without it.
// - Focuses the error summary, so a screen reader reads the problems first.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
