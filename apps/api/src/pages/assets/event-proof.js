// Blue Ledger: checks the event's inclusion proof in the browser and says, step by step, what
// held and what did not. The server is not trusted for any of it but the public key, which the
// page shows so that it can be compared with the one published by the notary's keeper.
(function () {
  'use strict';
  var WITHHELD = '[withheld]';

  function text(el, value) {
    if (el) el.textContent = value;
  }

  function step(list, ok, label, detail) {
    var li = document.createElement('li');
    var mark = document.createElement('strong');
    mark.textContent = ok === true ? 'Holds: ' : ok === false ? 'Fails: ' : 'Not checked: ';
    li.appendChild(mark);
    li.appendChild(document.createTextNode(label + (detail ? ' — ' + detail : '')));
    list.appendChild(li);
  }

  function verdict(box, ok, title, explanation) {
    box.classList.remove('verdict-pending', 'verdict-ok', 'verdict-bad');
    box.classList.add(ok ? 'verdict-ok' : 'verdict-bad');
    text(document.getElementById('proof-verdict-title'), title);
    text(document.getElementById('proof-verdict-running'), explanation);
    box.setAttribute('data-verdict', ok ? 'verified' : 'failed');
  }

  function run(section) {
    var box = document.getElementById('proof-verdict');
    var list = document.getElementById('proof-steps');
    if (!box || !list) return;
    if (!window.crypto || !window.crypto.subtle) {
      box.classList.remove('verdict-pending');
      box.classList.add('verdict-bad');
      text(
        document.getElementById('proof-verdict-title'),
        'Your browser cannot check the proof here',
      );
      text(
        document.getElementById('proof-verdict-running'),
        'WebCrypto is available only over HTTPS or on localhost. Download the proof and check it offline with the command below.',
      );
      box.setAttribute('data-verdict', 'unavailable');
      return;
    }
    var P = window.BlueLedgerProofs;
    var failures = 0;
    fetch(section.getAttribute('data-proof-url'), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then(function (response) {
        if (!response.ok)
          throw new Error('the proof could not be fetched (' + response.status + ')');
        return response.json();
      })
      .then(function (doc) {
        var head = doc.signedHead;
        var withheld = JSON.stringify(doc.event).indexOf(WITHHELD) >= 0;
        var checks = Promise.resolve();
        if (withheld) {
          checks = checks.then(function () {
            step(
              list,
              null,
              'the event\u2019s hash recomputed from its envelope',
              'parts of the event are withheld from your view, so its hash cannot be recomputed here; the inclusion of its recorded hash is checked below',
            );
          });
        } else {
          checks = checks.then(function () {
            return P.eventHash(doc.event).then(function (hash) {
              var ok = hash === doc.eventHash && hash === doc.event.hash;
              if (!ok) failures++;
              step(
                list,
                ok,
                'the event\u2019s hash recomputed from its envelope (RFC 8785 JSON, SHA-256)',
                ok ? hash : 'computed ' + hash + ', recorded ' + doc.eventHash,
              );
            });
          });
        }
        return checks
          .then(function () {
            return P.leafHash(doc.eventHash);
          })
          .then(function (leaf) {
            var ok = P.equalBytes(leaf, P.hashBytes(doc.leafHash));
            if (!ok) failures++;
            step(list, ok, 'the leaf hash SHA-256(0x00 \u2016 event hash)', P.bytesToHex(leaf));
            return P.rootFromInclusionProof(leaf, doc.leafIndex, doc.treeSize, doc.proof).then(
              function (root) {
                var matchesHead =
                  head &&
                  P.equalBytes(root, P.hashBytes(head.rootHash)) &&
                  String(head.treeSize) === String(doc.treeSize);
                if (!matchesHead) failures++;
                step(
                  list,
                  !!matchesHead,
                  'the audit path of ' +
                    doc.proof.length +
                    ' hashes from leaf ' +
                    doc.leafIndex +
                    ' leads to the signed root of the tree of ' +
                    doc.treeSize +
                    ' events',
                  P.bytesToHex(root),
                );
              },
              function (error) {
                failures++;
                step(list, false, 'the audit path leads to the signed root', error.message);
              },
            );
          })
          .then(function () {
            if (!head) {
              failures++;
              step(list, false, 'a signed tree head covers the event', 'none was given');
              return;
            }
            return P.verifyTreeHead(head, doc.publicKey.raw).then(
              function (ok) {
                if (!ok) failures++;
                step(
                  list,
                  ok,
                  'the notary\u2019s Ed25519 signature on tree head #' + head.id,
                  ok
                    ? 'signed ' + head.timestamp
                    : 'the signature does not match the head and the public key',
                );
              },
              function (error) {
                failures++;
                step(list, false, 'the notary\u2019s Ed25519 signature', error.message);
              },
            );
          })
          .then(function () {
            if (failures === 0) {
              verdict(
                box,
                true,
                'Verified in your browser',
                'This event is in the log the notary signed: every step below was recomputed here, with the notary\u2019s public key as the only thing trusted.',
              );
            } else {
              verdict(
                box,
                false,
                'The proof does not hold',
                failures +
                  ' check' +
                  (failures === 1 ? '' : 's') +
                  ' failed (below). Do not rely on this event until the discrepancy is explained; report it to the ledger\u2019s oversight body.',
              );
            }
          });
      })
      .catch(function (error) {
        step(list, false, 'reading the proof', error.message);
        verdict(box, false, 'The proof could not be checked', error.message);
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var section = document.getElementById('proof');
    if (section && document.getElementById('proof-verdict')) run(section);
  });
})();
