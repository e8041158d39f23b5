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
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/iso3166"
	"github.com/govplan/govplan/internal/termtext"
)

// start lists the country files of the folder and the samples, and creates new files.
type start struct {
	c     *shared
	items []startItem
	sel   int
	form  *form
	fws   []*assess.Framework
	k     struct{ open, create, up, down, round key.Binding }

	roundFrom string // the file a "new round" form copies (rounds.go)
}

type startItem struct {
	path   string // a file in the folder
	sample string // or an embedded sample
	title  string // the country and its code
	date   string // the assessment date (YYYY-MM-DD)
	fw     string // the framework reference
	err    string // why the file cannot be opened
}

// label names the item in the list.
func (it startItem) label(lang string) string {
	if it.sample != "" {
		return i18n.F(lang, "sample: %s", it.sample)
	}
	return termtext.CleanLine(filepath.Base(it.path)) // a file name may hold escapes
}

// detail says what the file holds, or why it cannot be opened.
func (it startItem) detail(lang string) string {
	switch {
	case it.err != "":
		return termtext.CleanLine(i18n.F(lang, "cannot open: %s", it.err))
	case it.sample != "":
		return termtext.CleanLine(i18n.F(lang, "%s · fictional", it.title))
	}
	return termtext.CleanLine(fmt.Sprintf("%s · %s · %s", it.title, dateText(lang, it.date), it.fw))
}

func newStartScreen(c *shared) *start {
	s := &start{c: c}
	s.relang()
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

func (s *start) relang() {
	lang := s.c.lang
	s.k.open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "open")))
	s.k.create = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", i18n.T(lang, "new country")))
	s.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up")))
	s.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down")))
	s.k.round = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", i18n.T(lang, "new round")))
}

func (s *start) allKeys() []key.Binding {
	return []key.Binding{s.k.up, s.k.down, s.k.open, s.k.create, s.k.round}
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
			s.items = append(s.items, startItem{path: p, err: firstLine(err.Error())})
			continue
		}
		f := d.File
		s.items = append(s.items, startItem{path: p, title: f.Title(), date: f.Assessment.Date, fw: f.Assessment.Framework})
	}
	for _, n := range countries.SampleNames() {
		d, err := countries.Sample(n)
		if err != nil {
			continue
		}
		s.items = append(s.items, startItem{sample: n, title: d.File.Title()})
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
	return []key.Binding{s.k.open, s.k.create, s.k.round, s.k.down}
}

func (s *start) update(msg tea.Msg) tea.Cmd {
	if s.form != nil {
		res, cmd := s.form.update(s.c.lang, msg)
		switch res {
		case formCancelled:
			s.form, s.roundFrom = nil, ""
		case formDone:
			if s.roundFrom != "" {
				return s.createRound()
			}
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
	case key.Matches(km, s.k.round) && len(s.items) > 0:
		return s.roundForm()
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
	lang := s.c.lang
	s.form = newForm(i18n.T(lang, "New country file"),
		textField(i18n.T(lang, "Country name"), "", i18n.T(lang, "Republic of X"), func(v string) string {
			if v == "" {
				return i18n.T(lang, "give the country's name")
			}
			return ""
		}),
		textField(i18n.T(lang, "ISO 3166 code"), "", i18n.T(lang, "three letters, e.g. KEN; XAA–XZZ for fictional"), func(v string) string {
			if !iso3166.Valid(strings.ToUpper(v)) {
				return i18n.T(lang, "not an ISO 3166 alpha-3 code (XAA–XZZ are free for fictional or sub-national units)")
			}
			return ""
		}),
		choiceField(i18n.T(lang, "Framework"), fwNames, 0),
		textField(i18n.T(lang, "Assessment date"), time.Now().Format(countries.DateLayout), i18n.T(lang, "YYYY-MM-DD"), checkDate(lang)),
		textField(i18n.T(lang, "File name"), "", i18n.T(lang, "empty: from the country's name (a second round: kenya-2027)"), checkFileName(lang, s.dir())),
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
	if n := fileName(f.value(4)); n != "" {
		path = filepath.Join(s.dir(), n)
	}
	if _, err := os.Stat(path); err == nil {
		f.err = i18n.F(s.c.lang, "%s already exists; open it from the list or choose another name", path)
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
	st, lang := s.c.st, s.c.lang
	if s.form != nil {
		return panel(st, "govplan", s.form.lines(st, lang, w-4), w, h)
	}
	body := wrap(i18n.T(lang, "Digital-government readiness, GovStack architecture and roadmap, offline."), w-2)
	for _, l := range wrap(i18n.T(lang, "Open a country file, try a fictional sample (a copy is saved in this folder), or start a new one."), w-2) {
		body = append(body, st.Faint.Render(l))
	}
	body = append(body, "")
	rows := h - 2 - len(body) - 3
	from, to := window(s.sel, len(s.items), max(1, rows))
	labelW := 0
	for _, it := range s.items {
		labelW = max(labelW, width(it.label(lang)))
	}
	labelW = min(labelW, w/3)
	if len(s.items) == 0 {
		body = append(body, i18n.T(lang, "No country files here yet: press n to create one."))
	}
	for i := from; i < to; i++ {
		it := s.items[i]
		line := "  " + pad(it.label(lang), labelW) + "  " + it.detail(lang)
		if i == s.sel {
			line = st.Selected.Render(pad("▸ "+pad(it.label(lang), labelW)+"  "+it.detail(lang), w-2))
		}
		body = append(body, line)
	}
	abs, _ := filepath.Abs(s.dir())
	body = append(body, "", st.Faint.Render(i18n.T(lang, "Folder: ")+termtext.CleanLine(abs)))
	return panel(st, stepTitle(lang, stepStart), body, w, h)
}

// looksLikeCountry tells a country file from other YAML by its top-level keys.
func looksLikeCountry(path string) bool {
	// Only regular files: opening a FIFO planted in the folder would wait for a writer forever.
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return false
	}
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
