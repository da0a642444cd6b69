/* cari.js: the search page of warta's desa theme (/cari/). No server, no
 * framework, no build step.
 *
 * It searches window.WARTA_CARI, which warta writes to /cari/index.js
 * (format: src/search/mod.rs), as the reader types. Words are folded and
 * stemmed exactly as warta folded and stemmed the site's text
 * (src/search/text.rs, src/search/stem.rs); tests/search/agree.mjs checks
 * that both give the same result for the same words. Everything shown is
 * put in as text, never as HTML. Contract with the page (cari.html): the
 * index script has id="cari-index"; the form #cari holds the input #q and
 * the messages in data- attributes; #cari-status and #cari-hasil take the
 * results. */
(function () {
  'use strict';

  // ---- Words, as src/search/text.rs makes them.
  var WORD;
  try {
    WORD = new RegExp('[\\p{Alphabetic}\\p{N}]', 'u');
  } catch (e) { // No Unicode classes (very old browsers): Latin only.
    WORD = /[0-9a-z\u00aa-\u02af\u1e00-\u1eff]/;
  }
  function isApos(ch) {
    return ch === "'" || ch === '\u2019' || ch === '\u2018' || ch === '`' || ch === '\u02bc';
  }
  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'ı': 'i', 'ħ': 'h',
    'ŧ': 't', 'ŀ': 'l', 'ĳ': 'ij', 'ŉ': 'n', 'ſ': 's', 'ð': 'd', 'þ': 'th' };

  /** Lower case, diacritics stripped: "Pémbangunan" -> "pembangunan". */
  function fold(s) {
    return s.toLowerCase()
      .replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, function (c) { return c.normalize ? c.normalize('NFD') : c; })
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[ßæœøđłıħŧŀĳŉſðþ]/g, function (c) { return SPECIAL[c]; });
  }

  /** A letter or digit (the regular expression only for non-ASCII: it is slow). */
  function isWord(ch) {
    var c = ch.charCodeAt(0);
    return c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) : WORD.test(ch);
  }

  /** Folded words of 2 to 30 letters; apostrophes inside a word vanish. */
  function words(text) {
    var out = [];
    var w = '';
    for (var ch of fold(text) + ' ') {
      if (isWord(ch)) {
        w += ch;
      } else if (w && isApos(ch)) {
        // part of the word: jum'at
      } else if (w) {
        var n = Array.from(w).length;
        if (n >= 2 && n <= 30) out.push(w);
        w = '';
      }
    }
    return out;
  }

  // ---- The stemmer of src/search/stem.rs (Tala's rules, as Snowball's).
  var NONE = 0, DI = 1, PER = 2, KE = 3, BER = 4;
  function isV(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'; }
  function starts(w, p) { return w.slice(0, p.length) === p; }
  function ends(w, p) { return w.length >= p.length && w.slice(w.length - p.length) === p; }

  function firstPrefix(w) {
    var v3 = isV(w.charAt(3)), v4 = isV(w.charAt(4));
    if (starts(w, 'meng')) return [w.slice(4), DI];
    if (starts(w, 'meny') && v4) return ['s' + w.slice(4), DI];
    if (starts(w, 'peng')) return [w.slice(4), KE];
    if (starts(w, 'peny') && v4) return ['s' + w.slice(4), KE];
    if (starts(w, 'mem')) return [(v3 ? 'p' : '') + w.slice(3), DI];
    if (starts(w, 'pem')) return [(v3 ? 'p' : '') + w.slice(3), KE];
    if (starts(w, 'men') || starts(w, 'ter')) return [w.slice(3), DI];
    if (starts(w, 'pen')) return [w.slice(3), KE];
    if (starts(w, 'di') || starts(w, 'me')) return [w.slice(2), DI];
    if (starts(w, 'ke')) return [w.slice(2), KE];
    return null;
  }

  function secondPrefix(w) {
    if (starts(w, 'belajar')) return ['ajar' + w.slice(7), BER];
    if (starts(w, 'pelajar')) return ['ajar' + w.slice(7), NONE];
    if (starts(w, 'ber')) return [w.slice(3), BER];
    if (starts(w, 'per')) return [w.slice(3), PER];
    if (starts(w, 'be') && w.length > 2 && !isV(w.charAt(2)) && w.slice(3, 5) === 'er') return [w.slice(2), BER];
    if (starts(w, 'pe')) return [w.slice(2), PER];
    return null;
  }

  function suffix(w, prefix) {
    if (ends(w, 'kan') && prefix !== KE && prefix !== PER) return w.slice(0, -3);
    if (ends(w, 'an') && prefix !== DI) return w.slice(0, -2);
    if (ends(w, 'i') && prefix <= PER && w.charAt(w.length - 2) !== 's') return w.slice(0, -1);
    return null;
  }

  /** The stem of a folded word: "pembangunan" -> "bangun". */
  function stem(word) {
    if (!/^[a-z]+$/.test(word)) return word;
    var w = word;
    var m = 0;
    for (var i = 0; i < w.length; i++) if (isV(w.charAt(i))) m++;
    if (m > 2 && (ends(w, 'kah') || ends(w, 'lah') || ends(w, 'pun'))) { w = w.slice(0, -3); m--; }
    if (m > 2 && ends(w, 'nya')) { w = w.slice(0, -3); m--; }
    else if (m > 2 && (ends(w, 'ku') || ends(w, 'mu'))) { w = w.slice(0, -2); m--; }
    if (m > 2) {
      var p = firstPrefix(w);
      var s;
      if (p) {
        w = p[0]; m--;
        if (m > 2 && (s = suffix(w, p[1])) !== null) { w = s; m--; }
        if (m > 2 && (p = secondPrefix(w))) w = p[0];
      } else {
        var kind = NONE;
        if ((p = secondPrefix(w))) { w = p[0]; m--; kind = p[1]; }
        if (m > 2 && (s = suffix(w, kind)) !== null) w = s;
      }
    }
    return w;
  }

  var api = { fold: fold, words: words, stem: stem };
  var root = typeof window !== 'undefined' ? window : globalThis;
  root.wartaCari = api;
  if (typeof document === 'undefined') return; // loaded by the tests in Node.js

  // ---- The index (src/search/mod.rs).
  var form = document.getElementById('cari');
  var input = document.getElementById('q');
  var status = document.getElementById('cari-status');
  var list = document.getElementById('cari-hasil');
  if (!form || !input || !status || !list) return;
  var data = window.WARTA_CARI;
  if (!data || data.v !== 1) {
    status.textContent = form.getAttribute('data-failed');
    return;
  }
  var keys = data.w ? data.w.split(' ') : [];
  var lists = data.p ? data.p.split(' ') : [];
  var stop = new Set(data.s.split(' '));
  var decoded = new Array(keys.length);
  var DIGIT = {};
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'.split('')
    .forEach(function (c, i) { DIGIT[c] = i; });

  var script = document.getElementById('cari-index');
  var base = new URL('..', script ? script.src : location.href).href;
  var onDisk = location.protocol === 'file:';
  var LIMIT = 20;

  /** The first key not before `x`. */
  function lower(x) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Key k's documents, each as id * 2 + (1 if title, category or tag). */
  function postings(k) {
    if (decoded[k]) return decoded[k];
    var s = lists[k] || '', out = [], v = 0, next = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charAt(i)];
      v = v * 32 + (d & 31);
      if (d < 32) {
        var strong = v % 2, id = next + (v - strong) / 2;
        out.push(id * 2 + strong);
        next = id + 1;
        v = 0;
      }
    }
    decoded[k] = out;
    return out;
  }

  /** Documents of the keys `ks` -> Map(id -> weight); the keys go in `hit`. */
  function gather(ks, hit) {
    var docs = new Map();
    for (var i = 0; i < ks.length; i++) {
      hit.add(keys[ks[i]]);
      var list = postings(ks[i]);
      for (var j = 0; j < list.length; j++) {
        var id = list[j] >> 1, w = list[j] & 1 ? 3 : 1;
        if (!(docs.get(id) >= w)) docs.set(id, w);
      }
    }
    return docs;
  }

  function exact(s) {
    var k = lower(s);
    return keys[k] === s ? [k] : [];
  }

  /** A word being typed without its prefixes, however short what is left:
   * "pemban" -> "ban", so that it already finds "bangun". */
  function bare(w) {
    var p = firstPrefix(w);
    if (p) w = p[0];
    p = secondPrefix(w);
    return p ? p[0] : w;
  }

  /** Keys for a word still being typed: those starting with it, its stem
   * or what is left without its prefixes, and stems it already starts with
   * ("sekol" finds "seko", the stem of "sekolah"). Null while it is too
   * short to mean anything ("me", "memb"): it is left out of the search
   * until it does, rather than finding nothing. */
  function prefixed(w) {
    if (w.length < 3 || bare(w).length < 2 || stop.has(w)) return null;
    var found = new Set();
    [w, stem(w), bare(w)].forEach(function (p) {
      if (p.length < 2) return;
      for (var k = lower(p); k < keys.length && starts(keys[k], p); k++) found.add(k);
      for (var n = 4; n < p.length; n++) exact(p.slice(0, n)).forEach(function (k) { found.add(k); });
    });
    return Array.from(found);
  }

  /** Ranked results for a query: {ids, hit (matched keys), words}. The
   * last word is still being typed unless a space or a stop follows it. */
  function search(query) {
    var all = words(query);
    var chars = Array.from(fold(query));
    var n = chars.length;
    while (n > 0 && (isWord(chars[n - 1]) || isApos(chars[n - 1]))) n--;
    var typing = n < chars.length && isWord(chars[chars.length - 1]);
    var open = typing && words(chars.slice(n).join('')).length === 1 ? all.pop() : null;
    var lists = all.filter(function (w) { return !stop.has(w); })
      .map(function (w) { return exact(stem(w)); });
    var pending = open === null ? null : prefixed(open);
    if (pending) lists.push(pending);
    var hit = new Set();
    if (!lists.length) return { ids: [], hit: hit, words: 0 };
    var sets = lists.map(function (ks) { return gather(ks, hit); });
    sets.sort(function (a, b) { return a.size - b.size; });
    var scored = [];
    sets[0].forEach(function (w, id) {
      var score = w;
      for (var i = 1; i < sets.length; i++) {
        var o = sets[i].get(id);
        if (o === undefined) return;
        score += o;
      }
      scored.push([score, id]);
    });
    // Title hits first, then newer first: documents are numbered newest first.
    scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return { ids: scored.map(function (s) { return s[1]; }), hit: hit, words: lists.length };
  }

  // ---- The page.
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }

  var stems = new Map(); // a word as written in a title or summary -> its stem

  /** Puts `text` into `node`, words whose stem was found in <mark>. */
  function marked(node, text, hit) {
    var last = 0, start = -1;
    for (var i = 0; i <= text.length; i++) {
      var ch = i < text.length ? text.charAt(i) : ' ';
      var c = ch.charCodeAt(0);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) ch = text.slice(i, i + 2);
      if (isWord(ch) || (start >= 0 && isApos(ch))) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        var written = text.slice(start, i);
        var s = stems.get(written);
        if (s === undefined) {
          s = words(written).map(stem)[0] || '';
          stems.set(written, s);
        }
        if (s && hit.has(s)) {
          node.appendChild(document.createTextNode(text.slice(last, start)));
          node.appendChild(el('mark')).textContent = written;
          last = i;
        }
        start = -1;
      }
      if (ch.length === 2) i++;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function href(path) {
    return base + path + (onDisk && /\/$/.test(path) ? 'index.html' : '');
  }

  function item(doc, hit) {
    var li = el('li'), card = el('article', 'card'), body = el('div', 'card-body');
    if (doc[3] >= 0 && data.c[doc[3]]) body.appendChild(el('p', 'kicker')).textContent = data.c[doc[3]];
    var a = el('a');
    a.href = href(doc[0]);
    marked(a, doc[1], hit);
    body.appendChild(el('h2', 'card-title')).appendChild(a);
    if (doc[2]) body.appendChild(el('p', 'card-meta')).textContent = doc[2];
    if (doc[4]) marked(body.appendChild(el('p', 'card-sum')), doc[4], hit);
    card.appendChild(body);
    li.appendChild(card);
    return li;
  }

  /** 1234 as "1.234" (Indonesian) or "1,234"; without Intl, slow to start. */
  function number(n) {
    var sep = document.documentElement.lang === 'en' ? ',' : '.';
    return String(n).replace(/\B(?=(\d{3})+$)/g, sep);
  }

  function say(key, n, q, shown) {
    return (form.getAttribute(key) || '')
      .replace('{n}', function () { return number(n); })
      .replace('{shown}', function () { return shown; })
      .replace('{q}', function () { return q; });
  }

  /** Searches and shows the results; what the bench times. */
  function run(query) {
    var q = query.trim();
    var r = search(query);
    var frag = document.createDocumentFragment();
    r.ids.slice(0, LIMIT).forEach(function (id) { frag.appendChild(item(data.d[id], r.hit)); });
    list.replaceChildren ? list.replaceChildren(frag) : (list.textContent = '', list.appendChild(frag));
    var n = r.ids.length;
    if (!q || !r.words) status.textContent = '';
    else if (!n) status.textContent = say('data-none', 0, q);
    else if (n === 1) status.textContent = say('data-found-one', 1, q);
    else if (n > LIMIT) status.textContent = say('data-found-more', n, q, LIMIT);
    else status.textContent = say('data-found', n, q);
    return n;
  }

  function remember(q) {
    try {
      var u = new URL(location.href);
      if (q) u.searchParams.set('q', q); else u.searchParams.delete('q');
      history.replaceState(null, '', u.href);
    } catch (e) { /* file:// in some browsers: the address just stays */ }
  }

  input.addEventListener('input', function () { run(input.value); remember(input.value.trim()); });
  form.addEventListener('submit', function (e) { e.preventDefault(); run(input.value); remember(input.value.trim()); });
  api.search = search;
  api.run = run;
  var asked = new URLSearchParams(location.search).get('q');
  if (asked) {
    input.value = asked;
    run(asked);
  }
})();
