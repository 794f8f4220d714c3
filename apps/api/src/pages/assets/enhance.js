// Blue Ledger pages: small enhancements only. Every page works the same with JavaScript off.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  document.addEventListener('DOMContentLoaded', function () {
    // An error summary takes the focus, so that a screen reader announces what went wrong.
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
    // So does the report of a verification just run.
    var report = document.getElementById('report');
    if (report && !summary) report.focus();
    // The replay: the arrow keys step to the previous or next recorded event (links remain).
    document.addEventListener('keydown', function (event) {
      var target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
      var link = document.querySelector('a[data-key="' + event.key + '"]');
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
    });
    // Lists auto-submit nothing: filters are applied with their button, as without scripts.
  });
})();
