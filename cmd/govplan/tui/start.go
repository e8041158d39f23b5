package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/iso3166"
)

// start lists the country files of the folder and the samples, and creates new files.
type start struct {
	c     *shared
	items []startItem
	sel   int
	form  *form
	fws   []*assess.Framework
	k     struct{ open, create, up, down key.Binding }
}

type startItem struct {
	path   string // a file in the folder
	sample string // or an embedded sample
	label  string
	detail string
}

func newStartScreen(c *shared) *start {
	s := &start{c: c}
	s.k.open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))
	s.k.create = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new country"))
	s.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	s.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
	fws, _ := assess.Embedded()
	// The GovStack framework first: it is what a country team uses by default.
	for _, fw := range fws {
		if fw.ID == "govstack-readiness" {
			s.fws = append([]*assess.Framework{fw}, s.fws...)
		} else {
			s.fws = append(s.fws, fw)
		}
	}
	s.scan()
	return s
}

func (s *start) dir() string {
	if s.c.opts.Dir != "" {
		return s.c.opts.Dir
	}
	return "."
}

// scan lists the country files of the folder (files that do not load are shown with why).
func (s *start) scan() {
	s.items = nil
	paths, _ := filepath.Glob(filepath.Join(s.dir(), "*.yaml"))
	yml, _ := filepath.Glob(filepath.Join(s.dir(), "*.yml"))
	paths = append(paths, yml...)
	sort.Strings(paths)
	for _, p := range paths {
		if !looksLikeCountry(p) {
			continue // a framework template or another YAML file
		}
		d, err := countries.Load(p)
		if err != nil {
			s.items = append(s.items, startItem{path: p, label: filepath.Base(p), detail: "cannot open: " + firstLine(err.Error())})
			continue
		}
		f := d.File
		s.items = append(s.items, startItem{path: p, label: filepath.Base(p), detail: fmt.Sprintf("%s · %s · %s", f.Title(), f.Assessment.Date, f.Assessment.Framework)})
	}
	for _, n := range countries.SampleNames() {
		d, err := countries.Sample(n)
		if err != nil {
			continue
		}
		s.items = append(s.items, startItem{sample: n, label: "sample: " + n, detail: d.File.Title() + " · fictional"})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func (s *start) capturing() bool { return s.form != nil }

func (s *start) keys() []key.Binding {
	if s.form != nil {
		return nil
	}
	return []key.Binding{s.k.open, s.k.create, s.k.down}
}

func (s *start) update(msg tea.Msg) tea.Cmd {
	if s.form != nil {
		res, cmd := s.form.update(msg)
		switch res {
		case formCancelled:
			s.form = nil
		case formDone:
			return s.create()
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, s.k.up):
		s.sel = max(0, s.sel-1)
	case key.Matches(km, s.k.down):
		s.sel = min(len(s.items)-1, s.sel+1)
	case key.Matches(km, s.k.create):
		s.newForm()
		return s.form.setFocus(0)
	case key.Matches(km, s.k.open) && len(s.items) > 0:
		return s.openItem(s.items[s.sel])
	}
	return nil
}

func (s *start) newForm() {
	var fwNames []string
	for _, fw := range s.fws {
		fwNames = append(fwNames, fw.Ref())
	}
	s.form = newForm("New country file",
		textField("Country name", "", "Republic of X", func(v string) string {
			if v == "" {
				return "give the country's name"
			}
			return ""
		}),
		textField("ISO 3166 code", "", "three letters, e.g. KEN; XAA–XZZ for fictional", func(v string) string {
			if !iso3166.Valid(strings.ToUpper(v)) {
				return "not an ISO 3166 alpha-3 code (XAA–XZZ are free for fictional or sub-national units)"
			}
			return ""
		}),
		choiceField("Framework", fwNames, 0),
		textField("Assessment date", time.Now().Format(countries.DateLayout), "YYYY-MM-DD", func(v string) string {
			if _, err := time.Parse(countries.DateLayout, v); err != nil {
				return "a date in the form YYYY-MM-DD"
			}
			return ""
		}),
	)
}

// create writes the new file at once and opens it.
func (s *start) create() tea.Cmd {
	f := s.form
	name, iso := f.value(0), strings.ToUpper(f.value(1))
	fw := s.fws[f.fields[2].choice]
	day, _ := time.Parse(countries.DateLayout, f.value(3))
	text, err := countries.New(fw, countries.Country{Name: name, ISO3: iso}, day)
	if err != nil {
		f.err = err.Error()
		return nil
	}
	path := filepath.Join(s.dir(), countries.Slug(name, iso)+".yaml")
	if _, err := os.Stat(path); err == nil {
		f.err = path + " already exists; open it from the list or choose another name"
		return nil
	}
	if err := atomicfile.Write(path, text, 0o644); err != nil {
		f.err = err.Error()
		return nil
	}
	s.form = nil
	s.scan()
	return func() tea.Msg { return openedMsg{path} }
}

// openItem opens a file; a sample is first copied into the folder (or the copy reused).
func (s *start) openItem(it startItem) tea.Cmd {
	path := it.path
	if it.sample != "" {
		path = filepath.Join(s.dir(), it.sample+".yaml")
		if _, err := os.Stat(path); err != nil {
			src, err := countries.SampleSource(it.sample)
			if err == nil {
				err = atomicfile.Write(path, src, 0o644)
			}
			if err != nil {
				s.c.sayErr(err)
				return nil
			}
		}
	}
	return func() tea.Msg { return openedMsg{path} }
}

func (s *start) view(w, h int) string {
	st := s.c.st
	if s.form != nil {
		return panel(st, "govplan", s.form.lines(st, w-4), w, h)
	}
	body := []string{
		"Digital-government readiness, GovStack architecture and roadmap, offline.",
		st.Faint.Render("Open a country file, try a fictional sample (a copy is saved in this folder), or start a new one."),
		"",
	}
	rows := h - 2 - len(body) - 3
	from, to := window(s.sel, len(s.items), max(1, rows))
	labelW := 0
	for _, it := range s.items {
		labelW = max(labelW, width(it.label))
	}
	labelW = min(labelW, w/3)
	if len(s.items) == 0 {
		body = append(body, "No country files here yet: press n to create one.")
	}
	for i := from; i < to; i++ {
		it := s.items[i]
		line := "  " + pad(it.label, labelW) + "  " + it.detail
		if i == s.sel {
			line = st.Selected.Render(pad("▸ "+pad(it.label, labelW)+"  "+it.detail, w-2))
		}
		body = append(body, line)
	}
	abs, _ := filepath.Abs(s.dir())
	body = append(body, "", st.Faint.Render("Folder: "+abs))
	return panel(st, "Start", body, w, h)
}

// looksLikeCountry tells a country file from other YAML by its top-level keys.
func looksLikeCountry(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 8192)
	n, _ := f.Read(buf)
	for _, line := range strings.Split(string(buf[:n]), "\n") {
		switch {
		case strings.HasPrefix(line, "schema:"), strings.HasPrefix(line, "country:"), strings.HasPrefix(line, "assessment:"):
			return true
		case strings.HasPrefix(line, "pillars:"), strings.HasPrefix(line, "scale:"), strings.HasPrefix(line, "blocks:"):
			return false
		}
	}
	return false
}
