// Alt+letter shortcuts of a page: the element marked data-shortcut="KeyX" is pressed (a button or
// link) or focused (a field). The page shows which letters it offers.
document.addEventListener("keydown", (e) => {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const target = document.querySelector(`[data-shortcut="${e.code}"]`);
  if (!target) return;
  e.preventDefault();
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) target.focus();
  else target.click();
});
