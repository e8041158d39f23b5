package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/atomicfile"
	"github.com/govplan/govplan/internal/i18n"
)

// ExportPart is one kind of output the export step can write.
type ExportPart struct {
	ID      string                   // passed to the exporter
	Label   func(lang string) string // what it is, in the screen's language
	Default bool                     // chosen unless the user unticks it
}

// Exporter writes the chosen parts of a model into dir and reports each file written. The
// model's Lang is the language chosen on screen, for the texts of the outputs.
type Exporter func(m *countries.Model, dir string, parts []string, wrote func(path string)) error

// exportScreen chooses outputs and a folder, writes them with progress, and lists the paths.
type exportScreen struct {
	c       *shared
	sel     int
	chosen  map[string]bool
	folder  textinput.Model
	editing bool
	running bool
	written []string
	err     string
	// While running, the files go into stage (a hidden folder inside dir) and move into dir
	// when the export has succeeded: a failed or abandoned export leaves nothing behind.
	stage, dir string
	created    bool // dir did not exist before this export
	cancelled  bool
	k          struct{ toggle, folder, run, up, down key.Binding }
}

// exportProgressMsg reports a file written; exportDoneMsg the end.
type exportProgressMsg struct{ path string }
type exportDoneMsg struct{ err error }

func newExportScreen(c *shared) *exportScreen {
	e := &exportScreen{c: c, chosen: map[string]bool{}, folder: textinput.New()}
	for _, p := range c.opts.ExportParts {
		e.chosen[p.ID] = p.Default
	}
	e.folder.SetValue(filepath.Join(c.opts.Dir, "out"))
	e.relang()
	return e
}

func (e *exportScreen) relang() {
	lang := e.c.lang
	e.k.toggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", i18n.T(lang, "choose")))
	e.k.folder = key.NewBinding(key.WithKeys("f"), key.WithHelp("f", i18n.T(lang, "folder")))
	e.k.run = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "export")))
	e.k.up = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "up")))
	e.k.down = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "down")))
}

func (e *exportScreen) capturing() bool { return e.editing }

func (e *exportScreen) keys() []key.Binding {
	if e.editing {
		return nil
	}
	return []key.Binding{e.k.toggle, e.k.folder, e.k.run, e.k.down}
}

func (e *exportScreen) allKeys() []key.Binding {
	return []key.Binding{e.k.up, e.k.down, e.k.toggle, e.k.folder, e.k.run}
}

func (e *exportScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case exportProgressMsg:
		if e.running {
			e.written = append(e.written, msg.path)
		}
		return nil
	case exportDoneMsg:
		if !e.running {
			return nil
		}
		e.running = false
		err := msg.err
		if err == nil {
			err = e.moveIntoPlace()
		}
		os.RemoveAll(e.stage)
		if err != nil {
			e.removeCreatedDir()
			e.written = nil
			e.err = i18n.F(e.c.lang, "the export failed, so nothing was written to %s: %s", e.dir, atomicfile.Reason(e.c.lang, err))
			e.c.say(true, e.err)
		} else {
			e.c.say(false, i18n.F(e.c.lang, "exported %d files to %s", len(e.written), e.dir))
		}
		return nil
	case tea.PasteMsg:
		if e.editing {
			var cmd tea.Cmd
			e.folder, cmd = e.folder.Update(msg)
			return cmd
		}
	case tea.KeyPressMsg:
		if e.editing {
			switch msg.String() {
			case "enter", "esc":
				e.editing = false
				e.folder.Blur()
				return nil
			}
			var cmd tea.Cmd
			e.folder, cmd = e.folder.Update(msg)
			return cmd
		}
		parts := e.c.opts.ExportParts
		switch {
		case key.Matches(msg, e.k.up):
			e.sel = max(0, e.sel-1)
		case key.Matches(msg, e.k.down):
			e.sel = min(len(parts)-1, e.sel+1)
		case e.running:
			e.c.say(true, i18n.T(e.c.lang, "an export is writing; wait for it to finish"))
		case key.Matches(msg, e.k.toggle) && len(parts) > 0:
			e.chosen[parts[e.sel].ID] = !e.chosen[parts[e.sel].ID]
		case key.Matches(msg, e.k.folder):
			e.editing = true
			return e.folder.Focus()
		case key.Matches(msg, e.k.run):
			return e.start()
		}
	}
	return nil
}

// start runs the exporter in the background on a snapshot of the file; each file written
// arrives as a message.
func (e *exportScreen) start() tea.Cmd {
	lang := e.c.lang
	if e.c.opts.Export == nil {
		e.c.say(true, i18n.T(lang, "export is not available in this build"))
		return nil
	}
	if e.c.sess.model.Plan == nil {
		e.c.say(true, i18n.F(lang, "the plan cannot be built, so it cannot be exported: %s", e.c.sess.planErr))
		return nil
	}
	var parts []string
	for _, p := range e.c.opts.ExportParts {
		if e.chosen[p.ID] {
			parts = append(parts, p.ID)
		}
	}
	if len(parts) == 0 {
		e.c.say(true, i18n.T(lang, "choose at least one output (space)"))
		return nil
	}
	// The export reads its own copy of the file and model: edits, a language switch or a
	// what-if made while it runs neither race with it nor mix into it.
	m, err := e.c.sess.snapshot()
	if err != nil {
		e.c.sayErr(err)
		return nil
	}
	dir := expandHome(strings.TrimSpace(e.folder.Value()))
	if dir == "" {
		dir = "."
	}
	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, os.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.c.say(true, i18n.F(lang, "cannot use the folder %s: %s", dir, atomicfile.Reason(lang, err)))
		return nil
	}
	stage, err := os.MkdirTemp(dir, ".govplan-export-*")
	if err != nil {
		e.c.say(true, i18n.F(lang, "cannot write in the folder %s: %s", dir, atomicfile.Reason(lang, err)))
		return nil
	}
	e.running, e.written, e.err, e.cancelled = true, nil, "", false
	e.stage, e.dir, e.created = stage, dir, created
	ch := make(chan tea.Msg, 64)
	export := e.c.opts.Export
	go func() {
		err := export(m, stage, parts, func(p string) { ch <- exportProgressMsg{finalPath(stage, dir, p)} })
		ch <- exportDoneMsg{err}
		close(ch)
	}()
	return waitFor(ch)
}

// finalPath is where a file written into stage ends up in dir.
func finalPath(stage, dir, p string) string {
	if rel, err := filepath.Rel(stage, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.Join(dir, rel)
	}
	return p
}

// moveIntoPlace moves the files of a finished export from the stage into the folder, all or
// nothing: when one move fails, the files already moved are taken back and the ones they
// replaced restored.
func (e *exportScreen) moveIntoPlace() error {
	g, err := atomicfile.Adopt(e.dir, e.stage)
	if err != nil {
		return err
	}
	return g.Commit(true)
}

// removeCreatedDir removes the folder when this export created it and left it empty.
func (e *exportScreen) removeCreatedDir() {
	if e.created {
		os.Remove(e.dir) // only succeeds when empty
	}
}

// discard abandons a running export (the program is quitting): its half-written files go.
func (e *exportScreen) discard() {
	if !e.running {
		return
	}
	e.running, e.cancelled = false, true
	os.RemoveAll(e.stage)
	e.removeCreatedDir()
}

// waitFor turns a channel of messages into a chain of commands.
func waitFor(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		if _, done := msg.(exportDoneMsg); done {
			return msg
		}
		return batchMsg{msg, waitFor(ch)}
	}
}

// batchMsg delivers a message and keeps listening.
type batchMsg struct {
	msg  tea.Msg
	next tea.Cmd
}

func (e *exportScreen) view(w, h int) string {
	st, lang := e.c.st, e.c.lang
	body := []string{i18n.T(lang, "Choose what to write, the folder, then press enter."), ""}
	for i, p := range e.c.opts.ExportParts {
		label := p.ID
		if p.Label != nil {
			label = p.Label(lang)
		}
		for j, l := range wrap(label, w-6) {
			if j == 0 {
				l = mark(e.chosen[p.ID]) + " " + l
			} else {
				l = "    " + l
			}
			if i == e.sel {
				l = st.Selected.Render(pad(l, w-2))
			}
			body = append(body, l)
		}
	}
	body = append(body, "")
	folder := i18n.T(lang, "Folder: ") + e.folder.Value()
	if e.editing {
		folder = st.Input.Render(i18n.T(lang, "Folder: ")) + e.folder.View()
	}
	body = append(body, folder, "")
	if e.running {
		body = append(body, st.Warn.Render(i18n.N(lang, "Writing… %d files so far", len(e.written))))
	}
	// The files written, the last ones when they do not all fit (the folder has them all).
	written := e.written
	if room := h - 3 - len(body) - 2; len(written) > max(1, room) {
		skip := len(written) - max(1, room-1)
		body = append(body, st.Faint.Render("  "+i18n.F(lang, "… and %d more before these, all in %s", skip, e.dir)))
		written = written[skip:]
	}
	for _, p := range written {
		body = append(body, "  "+st.Good.Render("✓ ")+p)
	}
	if e.err != "" {
		body = append(body, st.Error.Render("⚠ "+e.err))
	}
	return panel(st, stepTitle(lang, stepExport), body, w, h)
}
