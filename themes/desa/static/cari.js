/* cari.js: the desa theme's search page (/cari/), no server, no build step.
 * Searches window.WARTA_CARI (cari/index.js and the parts it loads as
 * scripts, src/search/files.rs) as the reader types, folding and stemming
 * as warta did (src/search/; tests/search/agree.mjs). Shows text, never
 * HTML. Page contract (cari.html, docs/THEMES.md): script #cari-index, form
 * #cari with input #q and messages in data- attributes, #cari-status,
 * #cari-hasil (aria-busy while parts load). Also a network portal's /cari/
 * (src/network/portal/search.rs): documents name their village. */
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

  // ---- The stemmer of src/search/stem.rs (Tala's rules, as Snowball's,
  // with two readings where the spelling cannot tell, src/search/vocab.rs).
  var NONE = 0, DI = 1, PER = 2, KE = 3, BER = 4;
  var ROOTS = new Set([
    'balai', 'beranda', 'berani', 'berita', 'gerai', 'kelola', 'kelompok', 'keluarga', 'kembali',
    'kepala', 'ketua', 'media', 'melati', 'nilai', 'perangkat', 'perdana', 'perlahan', 'pertama', 'sebuah', 'sekarang',
    'sekolah', 'selatan', 'terima', 'tunai'
  ]);
  var second = new Set(); // keys of the readings the site chose second (index "a")
  function isV(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'; }
  function starts(w, p) { return w.slice(0, p.length) === p; }
  function ends(w, p) { return w.length >= p.length && w.slice(w.length - p.length) === p; }

  /** A nasal prefix before a vowel: [letters, tag, kind, first, second]. */
  function nasal(w) {
    var kind = starts(w, 'me') ? DI : starts(w, 'pe') ? KE : -1;
    if (kind < 0) return null;
    var c2 = w.charAt(2), c3 = w.charAt(3);
    if (c2 === 'n' && c3 === 'g' && isV(w.charAt(4))) return [4, 'g', kind, '', 'k'];
    if (c2 === 'n' && c3 === 'y' && isV(w.charAt(4))) return [4, 'y', kind, 's', 'ny'];
    if (c2 === 'm' && isV(c3)) return [3, 'm', kind, 'p', 'm'];
    if (c2 === 'n' && isV(c3)) return [3, 'n', kind, 't', 'n'];
    return null;
  }

  function firstPrefix(w) {
    if (starts(w, 'meng')) return [w.slice(4), DI];
    if (starts(w, 'peng')) return [w.slice(4), KE];
    if (starts(w, 'mem') || starts(w, 'men') || starts(w, 'ter')) return [w.slice(3), DI];
    if (starts(w, 'pem') || starts(w, 'pen')) return [w.slice(3), KE];
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

  /** A second-order prefix, then a suffix. */
  function secondOrder(w, m) {
    var kind = NONE, p = secondPrefix(w), s;
    if (p) { w = p[0]; m--; kind = p[1]; }
    if (m > 2 && !ROOTS.has(w) && (s = suffix(w, kind)) !== null) w = s;
    return w;
  }

  /** The reading after nasal prefix `n` that is one of ROOTS, if one is. */
  function rootAfter(n, w) {
    return ROOTS.has(n[3] + w) ? n[3] + w : ROOTS.has(n[4] + w) ? n[4] + w : null;
  }

  /** The stem, or [key, first, second] when there are two readings. */
  function analyse(word) {
    if (!/^[a-z]+$/.test(word) || ROOTS.has(word)) return word;
    var w = word, m = 0, p, s;
    for (var i = 0; i < w.length; i++) if (isV(w.charAt(i))) m++;
    if (m > 2 && (ends(w, 'kah') || ends(w, 'lah') || ends(w, 'pun'))) { w = w.slice(0, -3); m--; }
    if (m > 2 && ends(w, 'nya')) { w = w.slice(0, -3); m--; }
    else if (m > 2 && (ends(w, 'ku') || ends(w, 'mu'))) { w = w.slice(0, -2); m--; }
    if (m <= 2 || ROOTS.has(w)) return w;
    var n = nasal(w);
    if (n) {
      w = w.slice(n[0]); m--;
      // A reading that is one of ROOTS ("menilai", "penilaian" -> "nilai").
      if ((s = rootAfter(n, w))) return s;
      if (m > 2 && (s = suffix(w, n[2])) !== null) w = s;
      if ((s = rootAfter(n, w))) return s;
      return [n[1] + ':' + w, n[3] + w, n[4] + w];
    }
    if ((p = firstPrefix(w))) {
      w = p[0]; m--;
      if (m > 2 && !ROOTS.has(w) && (s = suffix(w, p[1])) !== null) { w = s; m--; }
      if (m > 2 && !ROOTS.has(w) && (p = secondPrefix(w))) w = p[0];
      return w;
    }
    if (starts(w, 'se')) return ['se:' + w, secondOrder(w, m), stem(w.slice(2), true)];
    return secondOrder(w, m);
  }

  /** The stem of a folded word on this site ("pembangunan" -> "bangun");
   * knowing nothing of the site with `first`. */
  function stem(word, first) {
    var a = analyse(word);
    if (typeof a === 'string') return a;
    return !first && second.has(a[0]) ? a[2] : a[1];
  }

  /** The site's choices of readings: the index's "a". */
  function choose(keys) {
    second = new Set(keys ? keys.split(' ') : []);
  }


  // ---- The index (src/search/files.rs): index.js, which came with the
  // page, and the parts a query needs, loaded when it needs them.
  var DIGIT = {};
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'.split('')
    .forEach(function (c, i) { DIGIT[c] = i; });

  /** The numbers of a "p" or "f" string. */
  function numbers(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charAt(i)];
      v = v * 32 + (d & 31);
      if (d < 32) { out.push(v); v = 0; }
    }
    return out;
  }

  /** The first place in sorted `xs` whose item is not before `x`. */
  function lower(xs, x) {
    var lo = 0, hi = xs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (xs[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Whether a and b are one letter apart: one added, dropped, changed,
   * or two neighbours swapped. */
  function oneOff(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a.charAt(i) === b.charAt(i)) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
  }

  /** A word being typed without its prefixes, however short what is left:
   * "pemban" -> "ban", so that it already finds "bangun". */
  function bare(w) {
    var p = firstPrefix(w);
    if (p) w = p[0];
    p = secondPrefix(w);
    return p ? p[0] : w;
  }

  /** The search over index `data` (window.WARTA_CARI), from the parts at
   * hand: wanting one not loaded, it answers {need: [names]} and is asked
   * again once they are in data[name] (as tests/search/parts.mjs does). */
  function Index(data) {
    choose(data.a);
    var stop = new Set(data.s ? data.s.split(' ') : []);
    var bounds = data.k ? data.k.split(' ') : [];
    var ready = {}; // part name -> the part, split up
    var decoded = new Map(); // stem -> its documents, each id * 8 + level
    var lacking = new Set(); // parts the search under way wanted

    /** Part `name` if loaded, else null (noted as lacking). */
    function part(name) {
      if (ready[name]) return ready[name];
      var raw = data[name];
      if (!raw) { lacking.add(name); return null; }
      return (ready[name] = raw.d || {
        w: raw.w ? raw.w.split(' ') : [],
        p: raw.p ? raw.p.split(' ') : [],
        f: raw.f ? numbers(raw.f) : [],
      });
    }

    /** The chunk that would hold stem `s` (when the index has any, data.m). */
    function chunkOf(s) {
      var lo = 0, hi = bounds.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (bounds[mid] <= s) lo = mid + 1; else hi = mid;
      }
      return 'kata/' + lo;
    }

    /** [s] if the site has the stem s, else []. */
    function exact(s) {
      if (!data.m) return [];
      var k = part(chunkOf(s));
      return k && k.w[lower(k.w, s)] === s ? [s] : [];
    }

    /** The documents of stem s (found in a loaded chunk), each as
     * id * 8 + level (0-7: the stem's weight there, src/search/mod.rs). */
    function postings(s) {
      var out = decoded.get(s);
      if (out) return out;
      var k = ready[chunkOf(s)];
      out = numbers(k.p[lower(k.w, s)] || '');
      for (var i = 0, next = 0; i < out.length; i++) {
        var level = out[i] % 8, id = next + (out[i] - level) / 8;
        out[i] = id * 8 + level;
        next = id + 1;
      }
      decoded.set(s, out);
      return out;
    }

    /** BM25's rarity of stem s: little for a stem on nearly every page (a
     * floor keeps the weights of such words in play, on ties). */
    function idf(s) {
      var df = postings(s).length;
      return Math.log(1 + (data.n - df + 0.5) / (df + 0.5)) + 0.05;
    }

    // By document, reused by every query: the score of the word being added
    // and whether found as typed (wordAt: set by which), then the tallies.
    var N = data.n || 0, stamp = 0;
    var wordScore = new Float64Array(N), wordExact = new Uint8Array(N), wordAt = new Int32Array(N);
    var count = new Uint16Array(N), exacts = new Uint16Array(N), total = new Float64Array(N), queryAt = new Int32Array(N);

    /** Scores stems `ss` (capped at rarity `cap`) for word `at`, each
     * document by its best; new documents go in `ids`, the stems in `hit`. */
    function gather(ss, at, ids, hit, factor, isExact, cap) {
      for (var i = 0; i < ss.length; i++) {
        hit.add(ss[i]);
        var list = postings(ss[i]), w = Math.min(idf(ss[i]), cap) * factor;
        for (var j = 0; j < list.length; j++) {
          var id = list[j] >> 3, sc = w * ((list[j] & 7) + 1);
          if (wordAt[id] !== at) { wordAt[id] = at; wordScore[id] = sc; wordExact[id] = isExact; ids.push(id); }
          else { if (sc > wordScore[id]) wordScore[id] = sc; if (isExact) wordExact[id] = 1; }
        }
      }
    }

    /** Whether document a ranks before b: most words, then most found as
     * typed, then BM25, then newer (documents are numbered newest first). */
    function before(a, b) {
      return count[a] !== count[b] ? count[a] > count[b] : exacts[a] !== exacts[b] ? exacts[a] > exacts[b]
        : total[a] !== total[b] ? total[a] > total[b] : a < b;
    }

    /** The best `k` of `ids`, in order, without sorting them all. */
    function best(ids, k) {
      var top = [];
      for (var i = 0; i < ids.length; i++) {
        var id = ids[i], at = Math.min(top.length, k - 1);
        if (top.length === k && !before(id, top[at])) continue;
        while (at > 0 && before(id, top[at - 1])) { top[at] = top[at - 1]; at--; }
        top[at] = id;
      }
      return top;
    }

    /** Whether a word being typed is still too short to search for: under
     * three letters besides its prefixes ("me", "memba"). */
    function unripe(w) {
      return w.length < 3 || bare(w).length < 3 || stop.has(w);
    }

    /** Stems for a word being typed: those starting with it, its stem or
     * itself without prefixes, and the stems it starts with ("sekol":
     * "seko", of "sekolah"). */
    function prefixed(w) {
      var found = new Set();
      [w, stem(w), bare(w)].forEach(function (p) {
        if (p.length < 3 || !data.m) return;
        // Every chunk from the one p would be in to the last stem starting with it.
        var from = +chunkOf(p).slice(5), to = +chunkOf(p + '\uffff').slice(5);
        for (var c = from; c <= to; c++) {
          var k = part('kata/' + c);
          for (var i = k ? lower(k.w, p) : 0; k && i < k.w.length && starts(k.w[i], p); i++) found.add(k.w[i]);
        }
        for (var n = 4; n < p.length; n++) exact(p.slice(0, n)).forEach(function (s) { found.add(s); });
      });
      return Array.from(found);
    }

    /** The stem one letter from `s` on most pages, with the same first
     * letter: what a typo meant ("lati" of "pelatian" -> "latih"). */
    function nearest(s) {
      // Only letters that have a vocabulary file (index "l").
      if (s.length < 4 || !/^[a-z]+$/.test(s) || (data.l || '').indexOf(s.charAt(0)) < 0) return null;
      var v = part('kosakata/' + s.charAt(0));
      if (!v) return null;
      var best = null, most = 0;
      for (var k = 0; k < v.w.length; k++) {
        if (Math.abs(v.w[k].length - s.length) > 1 || !oneOff(s, v.w[k])) continue;
        if (v.f[k] > most) { best = v.w[k]; most = v.f[k]; }
      }
      return best;
    }

    /** Ranked results: {ids (the best k, 20), total, hit (stems matched),
     * words, partial (no page has all), fixed (typo -> stem, or null)}, or
     * {need}. The last word is being typed unless a space or stop follows. */
    function search(query, k) {
      k = k || 20;
      lacking = new Set();
      var all = words(query);
      var chars = Array.from(fold(query));
      var n = chars.length;
      while (n > 0 && (isWord(chars[n - 1]) || isApos(chars[n - 1]))) n--;
      var typing = n < chars.length && isWord(chars[chars.length - 1]);
      var open = typing && words(chars.slice(n).join('')).length === 1 ? all.pop() : null;
      var hit = new Set(), fixed = [], terms = [];
      all.filter(function (w) { return !stop.has(w); }).forEach(function (w) { terms.push(term(w, false)); });
      if (open !== null && !unripe(open)) terms.push(term(open, true));
      // Each word's stems: as typed, prefixed (if still typed), or a typo's.
      function term(w, isOpen) {
        var before = lacking.size, ss = exact(stem(w)), pre = isOpen ? prefixed(w) : [], near = null;
        // A typo only when the stems were there to look at.
        if (lacking.size === before && !ss.length && !pre.length) {
          near = nearest(stem(w));
          if (near && exact(near).length) fixed.push([w, near]); else near = null;
        }
        return [ss, pre, near];
      }
      if (lacking.size) return { need: Array.from(lacking) };
      var at = ++stamp, found = [], most = 0;
      terms.forEach(function (t) {
        var ids = [], word = ++stamp;
        gather(t[0], word, ids, hit, 1, 1, Infinity);
        // Longer words the typed one starts with weigh half, and never more
        // than the word itself: "desa" must not rank "desainer" first.
        gather(t[1], word, ids, hit, 0.5, 0, t[0].length ? idf(t[0][0]) : Infinity);
        if (t[2]) gather([t[2]], word, ids, hit, 1, 1, Infinity);
        for (var i = 0; i < ids.length; i++) {
          var id = ids[i];
          if (queryAt[id] !== at) { queryAt[id] = at; count[id] = exacts[id] = total[id] = 0; found.push(id); }
          count[id]++; exacts[id] += wordExact[id]; total[id] += wordScore[id];
          if (count[id] > most) most = count[id];
        }
      });
      return {
        ids: best(found, k), total: found.length, hit: hit, words: terms.length,
        partial: most < terms.length, fixed: fixed.length ? fixed : null,
      };
    }

    /** The documents `ids` ([path, title, date, label, summary]), or {need}. */
    function documents(ids) {
      lacking = new Set();
      var out = ids.map(function (id) {
        var b = part('dok/' + Math.floor(id / data.b));
        return b && b[id % data.b];
      });
      return lacking.size ? { need: Array.from(lacking) } : { docs: out };
    }

    return { search: search, documents: documents, labels: data.c || [], villages: data.g || [], size: data.n };
  }

  var api = { fold: fold, words: words, stem: stem, choose: choose, numbers: numbers, Index: Index };
  var root = typeof window !== 'undefined' ? window : globalThis;
  root.wartaCari = api;
  if (typeof document === 'undefined') return; // loaded by the tests in Node.js

  // ---- The page.
  var form = document.getElementById('cari');
  var input = document.getElementById('q');
  var status = document.getElementById('cari-status');
  var list = document.getElementById('cari-hasil');
  if (!form || !input || !status || !list) return;
  var data = window.WARTA_CARI;
  if (!data || data.v !== 4) {
    status.textContent = form.getAttribute('data-failed');
    return;
  }
  var index = Index(data);
  var script = document.getElementById('cari-index');
  var here = script ? script.src : location.href; // index.js: the other parts are beside it
  var base = new URL('..', here).href;
  var onDisk = location.protocol === 'file:';
  var LIMIT = 20;

  var loading = {}; // part name -> the promise of it
  /** Loads part `name` of the index as a script (fetch does not work on
   * file://). It fails if the file is missing or of another build than
   * index.js (a cached index.js older than the site). */
  function load(name) {
    if (data[name]) return Promise.resolve();
    if (!loading[name]) {
      loading[name] = new Promise(function (ok, fail) {
        var s = document.createElement('script');
        s.src = new URL(name + '.js?h=' + data.h, here).href;
        s.onload = s.onerror = function () {
          s.parentNode.removeChild(s);
          if (data[name] && data[name].h === data.h) return ok();
          delete data[name];
          delete loading[name];
          fail(new Error('cari/' + name + '.js'));
        };
        document.head.appendChild(s);
      });
    }
    return loading[name];
  }

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
          s = words(written).map(function (w) { return stem(w); })[0] || '';
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
    // A network portal's result on a village with a domain of its own.
    if (/^https?:\/\//.test(path)) return path;
    return base + path + (onDisk && /\/$/.test(path) ? 'index.html' : '');
  }

  function item(doc, hit) {
    var li = el('li'), card = el('article', 'card'), body = el('div', 'card-body');
    if (doc[3] >= 0 && index.labels[doc[3]]) body.appendChild(el('p', 'kicker')).textContent = index.labels[doc[3]];
    var a = el('a');
    a.href = href(doc[0]);
    marked(a, doc[1], hit);
    body.appendChild(el('h2', 'card-title')).appendChild(a);
    // On a network portal, the village the document is from (index "g").
    var meta = [index.villages[doc[5]], doc[2]].filter(Boolean).join(' · ');
    if (meta) body.appendChild(el('p', 'card-meta')).textContent = meta;
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

  /** How a result writes the stem `key` ("pelatihan" for "latih"), so a
   * corrected query reads as words; the stem itself if none does. */
  function written(key, docs) {
    for (var i = 0; i < docs.length; i++) {
      var ws = words(docs[i][1] + ' ' + docs[i][4]);
      for (var j = 0; j < ws.length; j++) if (stem(ws[j]) === key) return ws[j];
    }
    return key;
  }

  var shown = { q: '', n: 0 }; // what the list holds

  /** Shows the results `r` of `query`, the first of them `docs`. */
  function show(query, r, docs) {
    var q = query.trim();
    var n = r.total;
    // A word still too short to search for, typed after results: they
    // stay, rather than the list flashing empty between keystrokes.
    if (q && !r.words && shown.n && starts(fold(q), fold(shown.q))) return shown.n;
    var frag = document.createDocumentFragment();
    docs.forEach(function (doc) { frag.appendChild(item(doc, r.hit)); });
    list.replaceChildren ? list.replaceChildren(frag) : (list.textContent = '', list.appendChild(frag));
    shown = { q: q, n: r.words ? n : 0 };
    var said = q;
    if (r.fixed) {
      said = fold(q);
      r.fixed.forEach(function (f) { said = said.replace(f[0], written(f[1], docs)); });
    }
    if (!q || !r.words) status.textContent = '';
    else if (!n) status.textContent = say('data-none', 0, q);
    else if (r.fixed) status.textContent = say('data-fixed', n, said);
    else if (r.partial) status.textContent = say('data-partial', n, q);
    else if (n === 1) status.textContent = say('data-found-one', 1, q);
    else if (n > LIMIT) status.textContent = say('data-found-more', n, q, LIMIT);
    else status.textContent = say('data-found', n, q);
    return n;
  }

  var latest = 0; // queries asked so far

  /** Searches and shows the results once the parts they need are loaded:
   * a promise of how many were found (null if a newer query came first:
   * it is never replaced by an older one). What the bench times. */
  function run(query) {
    var ticket = ++latest;
    var r = null;
    function attempt() {
      // Once ranked, a query waits only for its documents: not ranked again.
      if (!r || r.need) r = index.search(query, LIMIT);
      var got = r.need ? r : index.documents(r.ids.slice(0, LIMIT));
      if (!got.need) {
        list.removeAttribute('aria-busy');
        return Promise.resolve(show(query, r, got.docs));
      }
      list.setAttribute('aria-busy', 'true');
      return Promise.all(got.need.map(load)).then(function () {
        return ticket === latest ? attempt() : null;
      }, function () {
        if (ticket === latest) {
          list.removeAttribute('aria-busy');
          status.textContent = form.getAttribute('data-failed');
        }
        return null;
      });
    }
    return attempt();
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
  api.search = index.search;
  api.documents = index.documents;
  api.run = run;
  var asked = new URLSearchParams(location.search).get('q');
  if (asked) {
    input.value = asked;
    run(asked);
  } else {
    // While the reader moves to the box: a search and a result made off
    // the page, so that the first keystroke finds them compiled.
    (window.requestIdleCallback || setTimeout)(function () {
      index.search('warta desa ');
      item(['', 'Warta desa', '', -1, 'warta desa'], new Set(['desa']));
    });
  }
})();
