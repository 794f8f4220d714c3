// Blue Ledger forms: small enhancements only. Every form works the same with JavaScript off
// (a typed SHA-256 is accepted where a file's fingerprint is asked for).
(function () {
  'use strict';

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i++)
      out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }

  // Evidence: the chosen file is read here and hashed with WebCrypto; it never leaves the
  // browser. Only its SHA-256 is written into the form's field.
  function hashFile(input) {
    var target = document.getElementById(input.getAttribute('data-hash-for'));
    var status = document.getElementById(input.id + '-status');
    var file = input.files && input.files[0];
    if (!target || !file) return;
    if (!window.crypto || !window.crypto.subtle) {
      status.textContent =
        'This browser cannot compute a SHA-256 here (it needs HTTPS or localhost): type the hash, e.g. from sha256sum.';
      return;
    }
    status.textContent = 'Computing the SHA-256 of ' + file.name + '…';
    file
      .arrayBuffer()
      .then(function (data) {
        return window.crypto.subtle.digest('SHA-256', data);
      })
      .then(function (digest) {
        target.value = hex(digest);
        status.textContent =
          'SHA-256 of ' +
          file.name +
          ' (' +
          file.size +
          ' bytes) computed in this browser; the file was not sent.';
        status.setAttribute('data-hashed', file.name);
      })
      .catch(function () {
        status.textContent = 'The file could not be read: type its SHA-256 instead.';
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var inputs = document.querySelectorAll('input[type=file][data-hash-for]');
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].addEventListener('change', function (event) {
        hashFile(event.target);
      });
    }
    // A file input never goes with the form: it has no name, and this makes sure of it.
    var forms = document.querySelectorAll('form.ledger-form');
    for (var j = 0; j < forms.length; j++) {
      forms[j].addEventListener('submit', function (event) {
        var files = event.target.querySelectorAll('input[type=file]');
        for (var k = 0; k < files.length; k++) files[k].disabled = true;
      });
    }
    // A form whose answer is shown once (a new token): a second click while the first is sent
    // would replace that answer with "already issued"; the server appends once either way.
    var once = document.querySelectorAll('form[data-shows-once]');
    for (var m = 0; m < once.length; m++) {
      once[m].addEventListener('submit', function (event) {
        if (event.target.getAttribute('data-sent')) event.preventDefault();
        else event.target.setAttribute('data-sent', 'true');
      });
    }
    // The token shown once: copied to the clipboard on request, never kept anywhere else.
    var copy = document.querySelectorAll('[data-copy-token]');
    for (var n = 0; n < copy.length; n++) {
      copy[n].addEventListener('click', function (event) {
        var button = event.currentTarget;
        var source = document.getElementById(button.getAttribute('data-copy-token'));
        var status = button.parentNode.querySelector('[data-copy-status]');
        if (!source || !navigator.clipboard) {
          if (status) status.textContent = 'Select the token and copy it.';
          return;
        }
        navigator.clipboard.writeText(source.textContent.trim()).then(
          function () {
            if (status) status.textContent = 'Copied.';
          },
          function () {
            if (status) status.textContent = 'Select the token and copy it.';
          },
        );
      });
    }
    var conflict = document.getElementById('conflict');
    if (conflict && !document.querySelector('.error-summary')) conflict.focus();
  });
})();
