package tui

import (
	"fmt"
	"path/filepath"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/termtext"
)

// compareScreen picks several country files (of the folder, and samples) and shows them side
// by side: ranking, bands and pillar scores.
type compareScreen struct {
	c      *shared
	items  []compareItem
	sel    int
	chosen map[int]bool
	result *assess.Comparison
	k      struct{ toggle, run, back, up, down key.Binding }
}

type compareItem struct {
	name   string // the file name, or the sample's name
	sample bool
	open   bool // the file open in the workshop (as saved a moment ago)
	load   func() (*countries.Doc, error)
}

// label names the item in the list ("bakana.yaml", "sample: bakana").
func (it compareItem) label(lang string) string {
	it.name = termtext.CleanLine(it.name) // a file name may hold escapes
	switch {
	case it.sample:
		return i18n.F(lang, "sample: %s", it.name)
	case it.open:
		return i18n.F(lang, "%s (open now)", it.name)
	}
	return it.name
}

func newCompareScreen(c *shared) *compareScreen {
	s := &compareScreen{c: c, chosen: map[int]bool{}}
	s.relang()
	s.scan()
	return s
}

func (s *compareScreen) relang() {
	lang := s.c.lang
	s.k.toggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", i18n.T(lang, "choose")))
	s.k.run = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "compare")))
	s.k.back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", i18n.T(lang, "back to the list")))
	s.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up")))
	s.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down")))
}

func (s *compareScreen) enter() { s.scan() }

func (s *compareScreen) scan() {
	dir := s.c.opts.Dir
	if dir == "" {
		dir = "."
	}
	s.items = nil
	// The open file first, from what the workshop holds (the copy on disk is the same, but
	// another editor may be writing it).
	openPath := ""
	if sess := s.c.sess; sess != nil && sess.doc.Path != "" {
		openPath, _ = filepath.Abs(sess.doc.Path)
		src := append([]byte(nil), sess.doc.Src()...)
		name := sess.doc.Name
		s.items = append(s.items, compareItem{name: filepath.Base(sess.doc.Path), open: true, load: func() (*countries.Doc, error) { return countries.Parse(name, src) }})
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	sort.Strings(paths)
	for _, p := range paths {
		if !looksLikeCountry(p) {
			continue
		}
		if abs, _ := filepath.Abs(p); abs == openPath {
			continue
		}
		p := p
		s.items = append(s.items, compareItem{name: filepath.Base(p), load: func() (*countries.Doc, error) { return countries.Load(p) }})
	}
	for _, n := range countries.SampleNames() {
		n := n
		s.items = append(s.items, compareItem{name: n, sample: true, load: func() (*countries.Doc, error) { return countries.Sample(n) }})
	}
}

func (s *compareScreen) capturing() bool { return false }

func (s *compareScreen) keys() []key.Binding {
	if s.result != nil {
		return []key.Binding{s.k.back}
	}
	return []key.Binding{s.k.toggle, s.k.run, s.k.down}
}

func (s *compareScreen) allKeys() []key.Binding {
	return []key.Binding{s.k.up, s.k.down, s.k.toggle, s.k.run, s.k.back}
}

func (s *compareScreen) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if s.result != nil {
		if key.Matches(km, s.k.back) {
			s.result = nil
		}
		return nil
	}
	switch {
	case key.Matches(km, s.k.up):
		s.sel = max(0, s.sel-1)
	case key.Matches(km, s.k.down):
		s.sel = min(len(s.items)-1, s.sel+1)
	case key.Matches(km, s.k.toggle):
		s.chosen[s.sel] = !s.chosen[s.sel]
	case key.Matches(km, s.k.run):
		s.compare()
	}
	return nil
}

func (s *compareScreen) compare() {
	lang := s.c.lang
	var entries []*assess.CompareEntry
	seen := map[string]string{} // country and date → the file that has them
	for i, it := range s.items {
		if !s.chosen[i] {
			continue
		}
		// Only a file that passes every check is compared (an invalid copy would give a
		// score nobody can trust).
		d, err := it.load()
		var fw *assess.Framework
		if err == nil {
			fw, err = d.Framework("")
		}
		if err == nil {
			err = d.Check(fw)
		}
		if err != nil {
			s.c.say(true, i18n.F(lang, "%s cannot be compared: %s", it.label(lang), firstLine(err.Error())))
			return
		}
		f := d.File
		k := f.Country.ISO3 + " " + f.Assessment.Date
		if other, dup := seen[k]; dup {
			s.c.say(true, i18n.F(lang, "%s and %s both assess %s on %s: choose one of them (one round per date)", other, it.label(lang), f.Country.ISO3, dateText(lang, f.Assessment.Date)))
			return
		}
		seen[k] = it.label(lang)
		entries = append(entries, &assess.CompareEntry{File: it.label(lang), Name: f.Country.Name, ISO3: f.Country.ISO3, Date: f.Assessment.Date,
			FrameworkRef: f.Assessment.Framework, Framework: fw, Answers: f.Answers, Targets: &f.Targets})
	}
	if len(entries) < 2 {
		s.c.say(true, i18n.T(s.c.lang, "choose two or more assessments with space, then press enter"))
		return
	}
	res, err := assess.Compare(entries, assess.CompareOptions{})
	if err != nil {
		s.c.sayErr(err)
		return
	}
	s.result = res
	s.c.status = ""
}

func (s *compareScreen) view(w, h int) string {
	st, lang := s.c.st, s.c.lang
	title := stepTitle(lang, stepCompare)
	if s.result != nil {
		return panel(st, title, s.resultLines(w-2), w, h)
	}
	body := wrap(i18n.T(lang, "Choose the assessments to put side by side (same framework), then press enter."), w-2)
	body = append(body, "")
	from, to := window(s.sel, len(s.items), max(1, h-4-len(body)))
	for i := from; i < to; i++ {
		line := mark(s.chosen[i]) + " " + s.items[i].label(lang)
		if i == s.sel {
			line = st.Selected.Render(pad(line, w-4))
		}
		body = append(body, line)
	}
	return panel(st, title, body, w, h)
}

func (s *compareScreen) resultLines(w int) []string {
	st, res, lang := s.c.st, s.result, s.c.lang
	var lines []string
	// Warnings first: they say which data the comparison leaves out.
	for _, wmsg := range res.Warnings {
		for _, l := range wrap("⚠ "+wmsg.In(lang), w) {
			lines = append(lines, st.Warn.Render(l))
		}
	}
	rankW := max(5, width(i18n.T(lang, "Rank")))
	ovW := max(8, width(i18n.T(lang, "Overall")))
	doneW := max(8, width(i18n.T(lang, "Answered")))
	lines = append(lines, st.Bold.Render(pad(i18n.T(lang, "Rank"), rankW)+" "+pad(i18n.T(lang, "Country"), 30)+" "+pad(i18n.T(lang, "ISO"), 5)+" "+
		padLeft(i18n.T(lang, "Overall"), ovW)+" "+padLeft(i18n.T(lang, "Answered"), doneW)+"  "+i18n.T(lang, "Band")))
	for _, r := range res.Rows {
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		band := "–"
		if r.Band != nil {
			band = r.Band.Name.In(lang)
		}
		done := "–"
		if r.Completeness != nil {
			done = pct(r.Completeness) + " %"
		}
		lines = append(lines, pad(rank, rankW)+" "+pad(r.Entry.Name, 30)+" "+pad(r.Entry.ISO3, 5)+" "+padLeft(pct(r.Overall), ovW)+" "+padLeft(done, doneW)+"  "+bar(r.Overall, 10)+" "+band)
	}
	lines = append(lines, "")
	nameW := max(16, min(56, w-8*len(res.Rows)-2))
	head := pad(i18n.T(lang, "Pillar"), nameW)
	for _, r := range res.Rows {
		head += fmt.Sprintf(" %6s", r.Entry.ISO3)
	}
	lines = append(lines, st.Bold.Render(head))
	for pi, p := range res.Framework.Pillars {
		line := pad(p.Name.In(lang), nameW)
		for _, r := range res.Rows {
			v := r.Pillars[pi]
			cell := "–"
			if v != nil {
				cell = pct(v) + shade(*v)
			}
			line += fmt.Sprintf(" %6s", cell)
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", st.Faint.Render(i18n.T(lang, "Marks: ░ <25 · ▒ 25–49 · ▓ 50–74 · █ ≥75 · Answered: share of applicable indicators with an answer")))
	return lines
}

func shade(v float64) string {
	switch {
	case v >= 0.75:
		return "█"
	case v >= 0.5:
		return "▓"
	case v >= 0.25:
		return "▒"
	}
	return "░"
}
