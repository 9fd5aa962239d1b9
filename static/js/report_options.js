// The preview links of the report options form follow the boxes ticked: the HTML preview
// then shows the document with the options the PDF would get.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-report-options]");
  if (!form) return;
  const query = new URLSearchParams();
  const sections = form.querySelectorAll("input[name=sections]");
  sections.forEach((box) => { if (box.checked) query.append("sections", box.value); });
  if (sections.length && !query.has("sections")) query.append("sections", "");
  form.querySelectorAll("input[data-flag]").forEach((box) => query.append(box.name, box.checked ? "1" : "0"));
  document.querySelectorAll("a[data-report-preview]").forEach((link) => {
    link.search = query.toString();
  });
});
