// Package export writes everything people present for one country into one folder: the
// workbook, the diagrams (SVG, DOT and Mermaid, PNG on request), the Markdown report and the model as
// JSON. Files are named <slug>-<part>.<ext>, are replaced atomically, and nothing is ever
// written outside the folder.
package export

import (
	"bytes"
	"context"
	"time"

	"encoding/json"
	"errors"
	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/pdf"
	"io"
	"path/filepath"
	"strings"

	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/output/diagram"
	"github.com/govplan/govplan/output/report"
	"github.com/govplan/govplan/output/xlsx"
)

// Parts of an export.
const (
	Workbook     = "workbook"
	DiagramFiles = "diagrams" // SVG, DOT and Mermaid of every diagram
	PNG          = "png"      // PNG of every diagram (needs Graphviz dot or rsvg-convert)
	Report       = "report"   // Markdown
	HTMLReport   = "html"     // the self-contained HTML report
	PDFReport    = "pdf"      // the HTML report printed by a local Chromium-family browser
	JSON         = "json"     // the full model
)

// AllParts is what `govplan export` writes by default.
var AllParts = []string{Workbook, DiagramFiles, Report, HTMLReport, JSON}

// Slug is the file-name prefix for a model: from the country name, else its ISO code.
func Slug(m *countries.Model) string {
	f := m.Doc.File
	return countries.Slug(f.Country.Name, f.Country.ISO3)
}

// Write writes the chosen parts of m into dir (created if missing) and calls wrote with each
// path once the file is complete. It stops at the first failure. Where diagram.CanDraw is
// false, diagrams are written as DOT only (no SVG or PNG) and the reports show placeholders.
func Write(m *countries.Model, dir, lang string, parts []string, wrote func(path string)) error {
	if m.Plan == nil {
		return errors.New(i18n.T(lang, "the roadmap could not be planned, so there is nothing complete to export"))
	}
	if dir == "" {
		dir = "."
	}
	// Every file is written into a temporary folder inside dir and moved into place only when
	// all are complete: a failing export leaves dir as it was, never 20 of 21 files.
	group, err := atomicfile.NewGroup(dir)
	if err != nil {
		return err
	}
	if err := writeParts(m, group, lang, parts, wrote); err != nil {
		group.Abort()
		return nothingWritten(lang, dir, err)
	}
	if err := group.Commit(true); err != nil {
		return nothingWritten(lang, dir, err)
	}
	return nil
}

// failure is an error said in the user's language that keeps its cause for errors.Is.
type failure struct {
	msg    string
	err    error
	reason string // without "nothing was written", for Reason
}

// nothingWritten is a failed export: why, and that the folder is as it was.
func nothingWritten(lang, dir string, err error) error {
	r := Reason(lang, err)
	return &failure{msg: i18n.F(lang, "%s; nothing was written to %s", r, dir), err: err, reason: r}
}

func (f *failure) Error() string { return f.msg }
func (f *failure) Unwrap() error { return f.err }

// Reason says in lang why writing a file failed, without the temporary paths the system's
// error names (see atomicfile.Reason).
func Reason(lang string, err error) string {
	var f *failure
	if errors.As(err, &f) {
		if f.reason != "" {
			return f.reason
		}
		return f.msg
	}
	return atomicfile.Reason(lang, err)
}

func writeParts(m *countries.Model, group *atomicfile.Group, lang string, parts []string, wrote func(path string)) error {
	slug := Slug(m)
	want := map[string]bool{}
	for _, p := range parts {
		want[p] = true
	}
	put := func(name string, fill func(io.Writer) error) error {
		path, err := inside(lang, group.Path(""), slug+"-"+name)
		if err != nil {
			return err
		}
		if err := group.Write(filepath.Base(path), fill); err != nil {
			return &failure{msg: i18n.F(lang, "writing %s: %s", path, Reason(lang, err)), err: err}
		}
		if wrote != nil {
			wrote(path)
		}
		return nil
	}
	// Each diagram is drawn once (one dot process per diagram, as many at a time as there
	// are cores, when Graphviz is installed): its SVG is written and reused by the HTML and
	// PDF reports. Each dot process starts as soon as its DOT is built, and they run while
	// govplan writes the workbook and encodes the JSON. Where nothing can draw (no dot,
	// default build), the DOT files are still written, the reports show a placeholder for
	// each picture, and the caller says what to install.
	drawn := diagram.CanDraw()
	var ds []Diagram
	drawings := map[string]*diagram.Drawing{}
	var built chan struct{}
	if want[DiagramFiles] || want[PNG] || want[HTMLReport] || want[PDFReport] {
		built = make(chan struct{})
		draws := drawn && (want[DiagramFiles] || want[HTMLReport] || want[PDFReport])
		go func() {
			defer close(built)
			ds = buildDiagrams(m, lang, func(name string, dot []byte) {
				if draws {
					drawings[name] = diagram.Draw(dot)
				}
			})
		}()
	}
	// waitDrawn waits for every drawing, so that no dot process outlives a failed export.
	waitDrawn := func() (map[string][]byte, error) {
		if built == nil {
			return nil, nil
		}
		<-built
		if len(drawings) == 0 {
			return nil, nil
		}
		svgs := make(map[string][]byte, len(drawings))
		var first error
		for _, d := range ds { // in export order, so that the first failure is always the same
			svg, err := drawings[d.Name].Wait()
			if err != nil && first == nil {
				first = &failure{msg: i18n.F(lang, "drawing the diagrams: %s", err), err: err}
			}
			svgs[d.Name] = svg
		}
		return svgs, first
	}
	if want[Workbook] {
		if err := put("workbook.xlsx", func(w io.Writer) error { return xlsx.Write(m, lang, w) }); err != nil {
			waitDrawn()
			return err
		}
	}
	// The JSON does not depend on the drawings: it is encoded while they are drawn.
	var modelJSON bytes.Buffer
	if want[JSON] {
		enc := json.NewEncoder(&modelJSON)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(report.Model(m, lang)); err != nil {
			waitDrawn()
			return err
		}
	}
	svgs, err := waitDrawn()
	if err != nil {
		return err
	}
	if want[DiagramFiles] || want[PNG] {
		for _, d := range ds {
			if want[DiagramFiles] {
				if err := put(d.Name+".dot", func(w io.Writer) error { _, err := w.Write(d.DOT); return err }); err != nil {
					return err
				}
				if svg, ok := svgs[d.Name]; ok {
					if err := put(d.Name+".svg", func(w io.Writer) error { _, err := w.Write(svg); return err }); err != nil {
						return err
					}
				}
				if err := put(d.Name+".mmd", func(w io.Writer) error { _, err := w.Write(d.Mermaid); return err }); err != nil {
					return err
				}
			}
			if want[PNG] && drawn {
				if err := put(d.Name+".png", func(w io.Writer) error { return diagram.PNG(d.DOT, w) }); err != nil {
					return err
				}
			}
		}
	}
	if want[Report] {
		md := report.MarkdownWith(m, lang, report.MarkdownOptions{DiagramPrefix: slug + "-", Diagrams: diagramNames(svgs)})
		if err := put("report.md", func(w io.Writer) error { _, err := w.Write(md); return err }); err != nil {
			return err
		}
	}
	opt := report.HTMLOptions{Diagrams: svgs, Generated: time.Now(), Version: buildinfo.Version()}
	if want[HTMLReport] {
		if err := put("report.html", func(w io.Writer) error { _, err := w.Write(report.HTML(m, lang, opt)); return err }); err != nil {
			return err
		}
	}
	if want[PDFReport] {
		if err := put("report.pdf", func(w io.Writer) error { return PDF(m, lang, opt, w) }); err != nil {
			return err
		}
	}
	if want[JSON] {
		if err := put("model.json", func(w io.Writer) error { _, err := w.Write(modelJSON.Bytes()); return err }); err != nil {
			return err
		}
	}
	return nil
}

// PDF prints the HTML report to w through a local Chromium-family browser, with the running
// header and numbered pages in the margins.
func PDF(m *countries.Model, lang string, opt report.HTMLOptions, w io.Writer) error {
	opt.ForPDF = true
	doc := report.HTML(m, lang, opt)
	running := report.RunningText(m, lang, opt)
	return pdf.Print(context.Background(), doc, pdf.Options{Header: running, Footer: running, Page: i18n.T(lang, "page")}, w)
}

// SVGs draws every diagram of the model once, by export name, for the HTML report.
func SVGs(m *countries.Model, lang string) (map[string][]byte, error) {
	return draw(Diagrams(m, lang), lang)
}

// draw draws the diagrams, by export name.
func draw(ds []Diagram, lang string) (map[string][]byte, error) {
	dots := make([][]byte, len(ds))
	for i, d := range ds {
		dots[i] = d.DOT
	}
	drawn, err := diagram.SVGs(dots)
	if err != nil {
		return nil, &failure{msg: i18n.F(lang, "drawing the diagrams: %s", err), err: err}
	}
	out := make(map[string][]byte, len(ds))
	for i, d := range ds {
		out[d.Name] = drawn[i]
	}
	return out, nil
}

func diagramNames(svgs map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for k := range svgs {
		out[k] = true
	}
	return out
}

// Diagram is one diagram of an export: its file-name part, its DOT and its Mermaid.
type Diagram struct {
	Name    string // "architecture", "usecase-inst-1", ...
	DOT     []byte
	Mermaid []byte
}

// MaxUseCaseDiagrams is how many use-case diagrams an export draws (one per needed use case,
// in the match's order); with 2,000 custom use cases an export would otherwise take minutes.
const MaxUseCaseDiagrams = 40

// SkippedUseCaseDiagrams is how many use cases of m get no diagram of their own in an export.
func SkippedUseCaseDiagrams(m *countries.Model) int {
	return max(0, len(m.Match.UseCases)-MaxUseCaseDiagrams)
}

// Diagrams builds every diagram of the model: architecture, dependencies, roadmap, and one
// per needed use case.
func Diagrams(m *countries.Model, lang string) []Diagram {
	return buildDiagrams(m, lang, nil)
}

// buildDiagrams builds the diagrams, returned in export order, and calls ready with each
// one's name and DOT as soon as its DOT is built, so that its drawing can start: the roadmap
// (usually the largest graph) first, then the architecture, the dependencies and the use
// cases; the Mermaid text of the first three is built last, once every drawing has started.
func buildDiagrams(m *countries.Model, lang string, ready func(name string, dot []byte)) []Diagram {
	if ready == nil {
		ready = func(string, []byte) {}
	}
	out := []Diagram{{Name: "architecture"}, {Name: "dependencies"}, {Name: "roadmap"}}
	out[2].DOT = diagram.Roadmap(m, lang)
	ready(out[2].Name, out[2].DOT)
	out[0].DOT = diagram.Architecture(m, lang)
	ready(out[0].Name, out[0].DOT)
	out[1].DOT = diagram.Dependencies(m, lang)
	ready(out[1].Name, out[1].DOT)
	for i, u := range m.Match.UseCases {
		if i == MaxUseCaseDiagrams {
			break // the others: govplan diagram --kind usecase --usecase ID
		}
		dot, err := diagram.UseCase(m, u.UseCase.ID, lang)
		if err != nil {
			continue
		}
		mmd, err := diagram.UseCaseMermaid(m, u.UseCase.ID, lang)
		if err != nil {
			continue
		}
		d := Diagram{"usecase-" + countries.FileID(u.UseCase.ID), dot, mmd}
		ready(d.Name, d.DOT)
		out = append(out, d)
	}
	out[0].Mermaid = diagram.ArchitectureMermaid(m, lang)
	out[1].Mermaid = diagram.DependenciesMermaid(m, lang)
	out[2].Mermaid = diagram.RoadmapMermaid(m, lang)
	return out
}

// inside joins dir and a generated file name, refusing anything that would leave dir.
func inside(lang, dir, name string) (string, error) {
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-") || !ident.Valid(strings.Map(func(r rune) rune {
		if r == '.' {
			return '-'
		}
		return r
	}, strings.TrimSuffix(name, filepath.Ext(name)))) {
		return "", errors.New(i18n.F(lang, "refusing to write %q: not a plain file name", name))
	}
	return filepath.Join(dir, name), nil
}
