#!/usr/bin/env node
// Runs the theme's cari.js (themes/desa/static/cari.js) in Node.js over
// lines of text read from stdin, and prints for each line what the
// browser would make of it: the folded line, its words, and their stems
// (with the site's choices of readings, then knowing nothing of the
// site), as one JSON array of [fold, words, stems, first stems]. The
// first line of stdin is not text but the site's choices (the index's
// "a"). tests/testsuite/search.rs compares that with warta's own
// src/search/, which made the index.
//
// usage: node tests/search/agree.mjs < lines.txt

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, '..', '..', 'themes', 'desa', 'static', 'cari.js');
const context = { window: {} };
vm.createContext(context);
vm.runInContext(readFileSync(script, 'utf8'), context, { filename: script });
const { fold, words, stem, choose } = context.window.wartaCari;

const lines = readFileSync(0, 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
choose(lines.shift());
const out = lines.map(line => {
  const ws = Array.from(words(line));
  return [fold(line), ws, ws.map(w => stem(w)), ws.map(w => stem(w, true))];
});
process.stdout.write(JSON.stringify(out) + '\n');
