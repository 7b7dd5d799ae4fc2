// Shows the Print button (hidden without JavaScript, where it could do nothing) and wires it up.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
