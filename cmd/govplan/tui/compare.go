package tui

import (
	"fmt"
	"path/filepath"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
)

// compareScreen picks several country files (of the folder, and samples) and shows them side
// by side: ranking, bands and pillar scores.
type compareScreen struct {
	c      *shared
	items  []compareItem
	sel    int
	chosen map[int]bool
	result *assess.Comparison
	err    string
	k      struct{ toggle, run, back, up, down key.Binding }
}

type compareItem struct {
	label string
	load  func() (*countries.Doc, error)
}

func newCompareScreen(c *shared) *compareScreen {
	s := &compareScreen{c: c, chosen: map[int]bool{}}
	s.k.toggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "choose"))
	s.k.run = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "compare"))
	s.k.back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the list"))
	s.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	s.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
	s.scan()
	return s
}

func (s *compareScreen) enter() { s.scan() }

func (s *compareScreen) scan() {
	dir := s.c.opts.Dir
	if dir == "" {
		dir = "."
	}
	s.items = nil
	paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	sort.Strings(paths)
	for _, p := range paths {
		if !looksLikeCountry(p) {
			continue
		}
		p := p
		s.items = append(s.items, compareItem{label: filepath.Base(p), load: func() (*countries.Doc, error) { return countries.Load(p) }})
	}
	for _, n := range countries.SampleNames() {
		n := n
		s.items = append(s.items, compareItem{label: "sample: " + n, load: func() (*countries.Doc, error) { return countries.Sample(n) }})
	}
}

func (s *compareScreen) capturing() bool { return false }

func (s *compareScreen) keys() []key.Binding {
	if s.result != nil {
		return []key.Binding{s.k.back}
	}
	return []key.Binding{s.k.toggle, s.k.run, s.k.down}
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
	var entries []*assess.CompareEntry
	for i, it := range s.items {
		if !s.chosen[i] {
			continue
		}
		d, err := it.load()
		if err == nil {
			var fw *assess.Framework
			if fw, err = d.Framework(""); err == nil {
				f := d.File
				entries = append(entries, &assess.CompareEntry{File: it.label, Name: f.Country.Name, ISO3: f.Country.ISO3, Date: f.Assessment.Date,
					FrameworkRef: f.Assessment.Framework, Framework: fw, Answers: f.Answers, Targets: &f.Targets})
			}
		}
		if err != nil {
			s.c.say(true, "%s: %s", it.label, firstLine(err.Error()))
			return
		}
	}
	if len(entries) < 2 {
		s.c.say(true, "choose two or more assessments with space, then press enter")
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
	st := s.c.st
	if s.result != nil {
		return panel(st, "Compare", s.resultLines(w-2), w, h)
	}
	body := []string{"Choose the assessments to put side by side (same framework), then press enter.", ""}
	from, to := window(s.sel, len(s.items), max(1, h-5))
	for i := from; i < to; i++ {
		line := mark(s.chosen[i]) + " " + s.items[i].label
		if i == s.sel {
			line = st.Selected.Render(pad(line, w-4))
		}
		body = append(body, line)
	}
	return panel(st, "Compare", body, w, h)
}

func (s *compareScreen) resultLines(w int) []string {
	st, res, lang := s.c.st, s.result, s.c.lang
	var lines []string
	lines = append(lines, st.Bold.Render(fmt.Sprintf("%-5s %-30s %-5s %8s  %s", "Rank", "Country", "ISO", "Overall", "Band")))
	for _, r := range res.Rows {
		rank := "–"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		band := "–"
		if r.Band != nil {
			band = r.Band.Name.In(lang)
		}
		lines = append(lines, fmt.Sprintf("%-5s %-30s %-5s %8s  %s %s", rank, truncate(r.Entry.Name, 30), r.Entry.ISO3, pct(r.Overall), bar(r.Overall, 10), band))
	}
	lines = append(lines, "")
	nameW := min(34, w-8*len(res.Rows)-2)
	head := pad("Pillar", nameW)
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
	lines = append(lines, "", st.Faint.Render("Marks: ░ <25 · ▒ 25–49 · ▓ 50–74 · █ ≥75"))
	for _, wmsg := range res.Warnings {
		lines = append(lines, st.Warn.Render("⚠ "+wmsg))
	}
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
