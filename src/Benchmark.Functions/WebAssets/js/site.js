// Only improves pages that work without it.
// - Focuses the error summary (or a save conflict), so a screen reader reads the problems first.
// - Moves the focus into the field an error summary's link names.
// - Counts the answered questions of a questionnaire page while it is filled in.
(() => {
  const summary = document.querySelector("[data-error-summary]") || document.querySelector(".site-conflict");
  if (summary) {
    summary.focus();
  }

  // A link in an error summary puts the focus in the field itself, not only the page at it.
  document.querySelectorAll("[data-error-summary] a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) {
        return;
      }

      event.preventDefault();
      history.replaceState(null, "", link.hash);
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
  });

  const form = document.querySelector("[data-questionnaire]");
  const progress = document.querySelector("[data-progress]");
  const progressText = document.querySelector("[data-progress-text]");
  if (!form || !progress || !progressText) {
    return;
  }

  const answered = (question) => {
    const notApplicable = question.querySelector("[data-not-applicable]");
    if (notApplicable && notApplicable.checked) {
      return true;
    }

    return Array.from(question.querySelectorAll("[data-answer]")).some((input) =>
      input.type === "radio" || input.type === "checkbox" ? input.checked : input.value.trim() !== "");
  };

  const update = () => {
    const questions = Array.from(form.querySelectorAll("[data-question]"));
    const count = questions.filter(answered).length;
    progress.value = count;
    progress.max = questions.length;
    progress.textContent = count + " / " + questions.length;
    progressText.textContent = count + " " + progress.dataset.of + " " + questions.length + " " + progress.dataset.questions;
  };

  form.addEventListener("change", update);
  form.addEventListener("input", update);
})();
