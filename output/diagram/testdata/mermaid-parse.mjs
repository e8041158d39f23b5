// Parses Mermaid files with Mermaid's own parser, for TestMermaidParser.
// Usage: GOVPLAN_MERMAID=DIR node mermaid-parse.mjs FILE...
// DIR holds node_modules with mermaid and jsdom (npm install --prefix DIR mermaid jsdom).
// Prints "ok FILE TYPE" or "FAIL FILE MESSAGE" per file; exits 1 when any fails.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.GOVPLAN_MERMAID;
const require = createRequire(path.join(path.resolve(dir), 'package.json'));
const { JSDOM } = await import(pathToFileURL(require.resolve('jsdom')).href);
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ['DOMParser', 'Element', 'HTMLElement', 'Node']) {
  if (!(k in globalThis)) globalThis[k] = dom.window[k];
}
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
let bad = 0;
for (const f of process.argv.slice(2)) {
  try {
    const r = await mermaid.parse(fs.readFileSync(f, 'utf8'));
    console.log('ok', f, r && r.diagramType);
  } catch (e) {
    bad++;
    console.log('FAIL', f, String((e && e.message) || e).slice(0, 600));
  }
}
process.exit(bad ? 1 : 0);
