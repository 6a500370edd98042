// The reply-template picker on the ticket page. Inserts at the cursor rather than replacing,
// so an agent can greet, then add a template.
(function () {
  var box = document.getElementById('reply-text');
  if (!box) return;
  document.querySelectorAll('button[data-template]').forEach(function (b) {
    b.addEventListener('click', function () {
      var t = b.getAttribute('data-template'), s = box.selectionStart, e = box.selectionEnd;
      box.value = box.value.slice(0, s) + t + box.value.slice(e);
      box.focus();
      box.selectionStart = box.selectionEnd = s + t.length;
    });
  });
})();
