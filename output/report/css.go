package report

// reportCSS styles the HTML report on screen and on A4 paper. Colours carry no meaning alone:
// every state also has a symbol or a word, and chart series differ by pattern.
const reportCSS = `
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 6mm; }
h1 { font-size: 20pt; color: var(--accent); margin: 0 0 4pt; }
h2 { font-size: 15pt; color: var(--accent); border-bottom: 1.5pt solid var(--accent); padding-bottom: 2pt; margin: 14pt 0 8pt; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt; }
p { margin: 4pt 0 8pt; }
.sub { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 2pt 0; }
th, td { border: 0.5pt solid var(--line); padding: 2.5pt 4pt; vertical-align: top; text-align: left; }
thead th { background: #e8eef5; }
tbody th { font-weight: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 6pt 0 10pt; }
figcaption { font-size: 9pt; color: var(--muted); margin-top: 2pt; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.diagram { display: block; width: 100%; height: auto; max-height: 225mm; }
.diagram-missing { border: 1.5pt dashed #8a96a3; background: #f4f7fa; color: #33414e; padding: 18pt 14pt; text-align: center; }
svg.chart text { font-family: "DejaVu Sans", Arial, sans-serif; fill: #1a1a1a; }
svg.chart .axis { font-size: 10px; fill: #333; }
svg.chart .label { font-size: 12px; }
svg.chart .value, svg.chart .legend { font-size: 11px; }
svg.chart .inbar { font-size: 11px; fill: #fff; }
svg.chart .grid { stroke: #d0d0d0; stroke-width: 1; }
svg.chart .axisline { stroke: #333; stroke-width: 1; }
svg.chart .bar { fill: #2f6ea5; }
svg.chart .target { fill: #111; }
svg.chart .qcol { fill: #fff; stroke: #e2e2e2; }
svg.chart .qcol.alt { fill: #f4f6f8; }
svg.chart .gbar { fill: #5b8fc7; stroke: #1f4e79; stroke-width: 0.8; }
svg.chart .gbar.k-readiness { fill: #9cc59a; stroke: #2e6b2b; }
svg.chart .gbar.k-pilot { fill: #e7c36a; stroke: #7a5a00; }
svg.chart .gbar.k-custom { fill: #c7a3d6; stroke: #5a2d6e; }
svg.chart .gbar.crit { fill: url(#hatch); stroke: #a33a12; stroke-width: 1.4; }
svg.chart .funded { fill: #1f4e79; }
svg.chart .unfunded { fill: url(#hatch); stroke: #a33a12; stroke-width: 1; }
.exec dl.keyfigures { display: grid; grid-template-columns: 1fr 1fr; gap: 4pt 14pt; margin: 6pt 0 10pt; }
.exec dl.keyfigures div { border-left: 3pt solid var(--accent); padding: 2pt 6pt; background: #f4f7fa; }
.exec dt { font-size: 8.5pt; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.exec dd { margin: 0; font-size: 11.5pt; font-weight: bold; }
.exec ol { margin: 2pt 0 8pt; padding-left: 18pt; }
.exec ol.decisions li { margin-bottom: 3pt; }
.caveat { font-size: 9pt; border-left: 3pt solid #a33a12; padding: 3pt 6pt; background: #fdf3ee; }
.flag { font-weight: bold; white-space: nowrap; }
.ok, .late, .never { white-space: nowrap; font-weight: bold; }
.late { color: #7a4a00; }
.never { color: #8a1c1c; }
header.running { display: none; }
footer.colophon { font-size: 8.5pt; color: var(--muted); border-top: 0.5pt solid var(--line); margin-top: 14pt; padding-top: 4pt; }
@media print {
  @page { size: A4; margin: 16mm 14mm 16mm 14mm; }
  body { max-width: none; padding: 0; }
  section.page { break-before: page; }
  h2, h3 { break-after: avoid; }
  figure, tr, .usecase svg { break-inside: avoid; }
  thead { display: table-header-group; }
  .usecase { break-before: page; }
  .usecase:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
`
