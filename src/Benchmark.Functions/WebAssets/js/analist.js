// The analysts' pages work without this file; it only improves them.
// - Follows the progress of a running batch of reports: every few seconds it reads the page again and replaces the
//   progress section, until no batch is running. Without JavaScript the "Vernieuwen" link does the same by hand.
(() => {
  const section = document.getElementById("voortgang");
  if (!section || section.dataset.running !== "true") {
    return;
  }

  const interval = 5000;
  const poll = async () => {
    try {
      const response = await fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) {
        return;
      }

      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("voortgang");
      const current = document.getElementById("voortgang");
      if (!fresh || !current) {
        return;
      }

      // Keep the keyboard focus where it was when it is not inside the section being replaced.
      const focusInside = current.contains(document.activeElement);
      current.replaceWith(fresh);
      if (focusInside) {
        document.getElementById("vernieuwen")?.focus();
      }

      if (fresh.dataset.running === "true") {
        window.setTimeout(poll, interval);
      }
    } catch {
      window.setTimeout(poll, interval * 2);
    }
  };

  window.setTimeout(poll, interval);
})();
