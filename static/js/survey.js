// The respondent's form: show a question only when its condition holds (the server checks it
// again and drops hidden answers), and bring the error summary into view and focus.
(function () {
  "use strict";

  function checkedValues(name) {
    const inputs = document.querySelectorAll('[name="' + name + '"]');
    const values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      values.push(input.value);
    });
    return values;
  }

  function holds(source, expected) {
    const values = checkedValues(source);
    if (expected.indexOf("ge:") === 0) {
      const minimum = parseFloat(expected.slice(3));
      return values.some(function (v) {
        const n = parseFloat(String(v).replace(",", ".").replace(/\s/g, ""));
        return !isNaN(n) && n >= minimum;
      });
    }
    return values.indexOf(expected) !== -1;
  }

  function update() {
    document.querySelectorAll("[data-condition-source]").forEach(function (element) {
      const source = document.querySelector('[data-question="' + element.dataset.conditionSource + '"]');
      const shown = source !== null && source.closest("[hidden]") === null;
      element.hidden = !(shown && holds(element.dataset.conditionSource, element.dataset.conditionValue));
    });
  }

  document.addEventListener("change", update);
  document.addEventListener("input", update);
  update();
  const summary = document.getElementById("erreurs");
  if (summary) summary.focus();
})();
