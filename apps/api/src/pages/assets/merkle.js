// Blue Ledger: the checks an auditor's browser runs on its own, with WebCrypto only.
// RFC 8785 canonical JSON, SHA-256, RFC 9162 inclusion proofs, Ed25519 signed tree heads.
(function (global) {
  'use strict';

  function hexToBytes(hex) {
    if (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/i.test(hex))
      throw new Error('not hex: ' + hex);
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }

  function bytesToHex(bytes) {
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += bytes[i].toString(16).padStart(2, '0');
    return hex;
  }

  function base64ToBytes(text) {
    var binary = atob(text);
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  /** A hash as the ledger writes it: 64 hex characters, or 32 bytes of base64. */
  function hashBytes(text) {
    return /^[0-9a-f]{64}$/i.test(text) ? hexToBytes(text) : base64ToBytes(text);
  }

  /** RFC 8785: sorted keys (UTF-16 code units), ECMAScript number and string forms, no spaces. */
  function canonicalize(value) {
    if (value === null || typeof value === 'boolean' || typeof value === 'number') {
      if (typeof value === 'number' && !isFinite(value)) throw new Error('not a JSON number');
      return JSON.stringify(value);
    }
    if (typeof value === 'string') return JSON.stringify(value);
    if (Array.isArray(value)) return '[' + value.map(canonicalize).join(',') + ']';
    if (typeof value === 'object') {
      var keys = Object.keys(value)
        .filter(function (k) {
          return value[k] !== undefined;
        })
        .sort();
      return (
        '{' +
        keys
          .map(function (k) {
            return JSON.stringify(k) + ':' + canonicalize(value[k]);
          })
          .join(',') +
        '}'
      );
    }
    throw new Error('no JSON form');
  }

  function concat(parts) {
    var length = parts.reduce(function (n, p) {
      return n + p.length;
    }, 0);
    var out = new Uint8Array(length);
    var at = 0;
    parts.forEach(function (p) {
      out.set(p, at);
      at += p.length;
    });
    return out;
  }

  function sha256(bytes) {
    return crypto.subtle.digest('SHA-256', bytes).then(function (buffer) {
      return new Uint8Array(buffer);
    });
  }

  function equalBytes(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** The hash an event's envelope must have: SHA-256 of the canonical JSON of what it covers. */
  function eventHash(event) {
    var covered = {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      recordedAt: event.recordedAt,
      occurredAt: event.occurredAt === null ? undefined : event.occurredAt,
      actor: event.actor,
      correlationId: event.correlationId,
      causationId: event.causationId,
      data: event.data,
      prevHash: event.prevHash,
    };
    return sha256(new TextEncoder().encode(canonicalize(covered))).then(bytesToHex);
  }

  /** RFC 9162 leaf hash: SHA-256(0x00 ‖ event hash). */
  function leafHash(eventHashHex) {
    return sha256(concat([new Uint8Array([0]), hashBytes(eventHashHex)]));
  }

  /** RFC 9162 §2.1.3.2: the root an audit path leads to from a leaf, or an error saying why not. */
  function rootFromInclusionProof(leaf, index, size, proof) {
    var fn = BigInt(index);
    var sn = BigInt(size) - 1n;
    if (fn < 0n || fn > sn)
      return Promise.reject(new Error('leaf ' + index + ' is not in a tree of ' + size));
    var steps = proof.map(hashBytes);
    var r = Promise.resolve(leaf);
    var failure = null;
    steps.forEach(function (p) {
      r = r.then(function (current) {
        if (failure) return current;
        if (sn === 0n) {
          failure = 'the proof is longer than the path from the leaf to the root';
          return current;
        }
        var next;
        if ((fn & 1n) === 1n || fn === sn) {
          next = sha256(concat([new Uint8Array([1]), p, current]));
          while ((fn & 1n) === 0n && fn !== 0n) {
            fn >>= 1n;
            sn >>= 1n;
          }
        } else {
          next = sha256(concat([new Uint8Array([1]), current, p]));
        }
        fn >>= 1n;
        sn >>= 1n;
        return next;
      });
    });
    return r.then(function (root) {
      if (failure) throw new Error(failure);
      if (sn !== 0n)
        throw new Error('the proof is shorter than the path from the leaf to the root');
      return root;
    });
  }

  /** The message a tree head's signature covers: RFC 8785 JSON of {rootHash, timestamp, treeSize}. */
  function treeHeadMessage(head) {
    return new TextEncoder().encode(
      canonicalize({
        treeSize: String(head.treeSize),
        rootHash: bytesToHex(hashBytes(head.rootHash)),
        timestamp: head.timestamp,
      }),
    );
  }

  function verifyTreeHead(head, rawPublicKeyBase64) {
    return crypto.subtle
      .importKey('raw', base64ToBytes(rawPublicKeyBase64), { name: 'Ed25519' }, false, ['verify'])
      .then(function (key) {
        return crypto.subtle.verify(
          { name: 'Ed25519' },
          key,
          base64ToBytes(head.signature),
          treeHeadMessage(head),
        );
      });
  }

  global.BlueLedgerProofs = {
    hexToBytes: hexToBytes,
    bytesToHex: bytesToHex,
    hashBytes: hashBytes,
    equalBytes: equalBytes,
    canonicalize: canonicalize,
    eventHash: eventHash,
    leafHash: leafHash,
    rootFromInclusionProof: rootFromInclusionProof,
    verifyTreeHead: verifyTreeHead,
  };
})(window);
