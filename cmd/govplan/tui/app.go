package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/internal/i18n"
)

// Options start the UI.
type Options struct {
	Path       string // open this country file (govplan assess FILE); empty: the start screen
	Dir        string // folder the start screen lists and new files go to
	Lang       string
	CatalogDir string
	Color      bool
	// Export writes outputs for the export step; ExportParts lists what it can write.
	Export      Exporter
	ExportParts []ExportPart

	// Live room (govplan serve). Room, when set, takes every edit to its single writer and the
	// screens follow its file; Path names that file.
	Room     Room
	Ministry string // bound to this ministry: its answers are recorded by it
	ReadOnly bool   // look, never change (the observer)
	Remote   bool   // a delegate's session: no start, compare or export screens (they touch the server's disk)
	RoomView bool   // the facilitator's screen: open on the room view
	Banner   []string
}

// step is a step of the engagement flow.
type step int

const (
	stepStart step = iota
	stepContext
	stepReadiness
	stepNeeds
	stepArchitecture
	stepRoadmap
	stepExport
	stepCompare
	stepRoom
	stepCount
)

// stepNames name the steps in code and test files; stepTitle gives the name on screen.
var stepNames = [stepCount]string{"Start", "Context", "Readiness", "Needs", "Architecture", "Roadmap", "Export", "Compare", "Room"}

// screen is one step's model. update handles a message; view draws it in w×h cells; keys are
// its short help; capturing reports that it is taking typed text (global keys are off).
type screen interface {
	update(msg tea.Msg) tea.Cmd
	view(w, h int) string
	keys() []key.Binding
	capturing() bool
}

// shared is what every screen sees: size, styles, keys, language, the session, the status.
type shared struct {
	st        Styles
	keys      globalKeys
	lang      string
	opts      Options
	w, h      int
	sess      *session
	status    string
	statusBad bool
}

// say sets the status line (a message already in the screen's language); bad marks an error.
func (c *shared) say(bad bool, msg string) {
	c.status, c.statusBad = msg, bad
}

// sayErr shows err (nil clears nothing).
func (c *shared) sayErr(err error) {
	if err != nil {
		c.say(true, err.Error())
	}
}

type globalKeys struct {
	next, prev, help, quit, reload, lang key.Binding
}

// newGlobalKeys builds the keys of every screen, their help in lang.
func newGlobalKeys(lang string) globalKeys {
	return globalKeys{
		next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", i18n.T(lang, "next step"))),
		prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", i18n.T(lang, "previous step"))),
		help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", i18n.T(lang, "all keys"))),
		quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", i18n.T(lang, "quit"))),
		reload: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", i18n.T(lang, "reload file"))),
		lang:   key.NewBinding(key.WithKeys("ctrl+l", "f2"), key.WithHelp("ctrl+l/F2", i18n.T(lang, "switch language"))),
	}
}

// relanger is a screen that keeps texts built in a language (key help, lists) and rebuilds
// them when the language changes.
type relanger interface{ relang() }

// Model is the root of the UI. It routes messages to the current step and draws the title,
// status and help bars around it.
type Model struct {
	c        *shared
	step     step
	screens  [stepCount]screen
	showHelp bool

	// Remote sessions draw at most once a frame: keys that come in a burst (a paste, a fast
	// typist over SSH) and room changes are drawn together.
	lastDraw     time.Time
	drawn        tea.View
	holdDraw     bool
	framePending bool
}

// frameGap is the shortest time between two draws of a remote session.
const frameGap = 40 * time.Millisecond

// frameMsg draws a remote session's screen after a held draw.
type frameMsg struct{}

// New builds the UI model. With opts.Path it opens the file on the readiness step.
func New(opts Options) (*Model, error) {
	c := &shared{st: NewStyles(opts.Color), lang: opts.Lang, opts: opts, w: 80, h: 24}
	if c.lang == "" || !i18n.Supported(c.lang) {
		c.lang = i18n.Default
	}
	c.lang = baseLang(c.lang)
	c.keys = newGlobalKeys(c.lang)
	m := &Model{c: c}
	if !opts.Remote {
		m.screens[stepStart] = newStartScreen(c)
		m.screens[stepCompare] = newCompareScreen(c)
	}
	if opts.Path != "" {
		if err := m.open(opts.Path); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// openedMsg asks the root to open a country file.
type openedMsg struct{ path string }

// diskTickMsg checks now and then whether someone else changed the file.
type diskTickMsg struct{}

func diskTick() tea.Cmd {
	return tea.Tick(2*time.Second, func(time.Time) tea.Msg { return diskTickMsg{} })
}

func (m *Model) open(path string) error {
	var s *session
	var err error
	if r := m.c.opts.Room; r != nil {
		s, err = roomSession(r, path, m.c.lang, m.c.opts.ReadOnly)
	} else {
		s, err = openSession(path, m.c.opts.CatalogDir, m.c.lang)
	}
	if err != nil {
		return err
	}
	m.c.sess = s
	m.screens[stepContext] = newContextScreen(m.c)
	m.screens[stepReadiness] = newReadinessScreen(m.c)
	m.screens[stepNeeds] = newNeedsScreen(m.c)
	m.screens[stepArchitecture] = newArchitectureScreen(m.c)
	m.screens[stepRoadmap] = newRoadmapScreen(m.c)
	if !m.c.opts.Remote {
		m.screens[stepExport] = newExportScreen(m.c)
	}
	m.step = stepReadiness
	if len(s.doc.File.Ministries) == 0 && !m.c.opts.ReadOnly {
		m.step = stepContext // a new file: say who is in the room first
	}
	if m.c.opts.RoomView {
		m.screens[stepRoom] = newRoomScreen(m.c, m)
		m.step = stepRoom
	}
	m.c.say(false, i18n.F(m.c.lang, "opened %s", path))
	return nil
}

// Init starts the on-disk check.
func (m *Model) Init() tea.Cmd {
	if m.c.opts.RoomView {
		return tea.Batch(diskTick(), roomTick())
	}
	return diskTick()
}

// Update handles global keys and messages and hands the rest to the current step.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if !m.c.opts.Remote {
		return m.update(msg)
	}
	if _, ok := msg.(frameMsg); ok {
		m.framePending, m.holdDraw = false, false
		return m, nil
	}
	model, cmd := m.update(msg)
	if time.Since(m.lastDraw) < frameGap {
		m.holdDraw = true
		if !m.framePending {
			m.framePending = true
			cmd = tea.Batch(cmd, tea.Tick(frameGap, func(time.Time) tea.Msg { return frameMsg{} }))
		}
	}
	return model, cmd
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.w, m.c.h = msg.Width, msg.Height
		return m, nil
	case diskTickMsg:
		if m.c.sess != nil && !m.c.sess.changedOnDisk {
			m.c.sess.checkDisk()
			if m.c.sess.changedOnDisk {
				m.c.say(true, i18n.T(m.c.lang, "The file changed on disk (another editor?). Nothing is saved until you reload: ctrl+r."))
			}
		}
		return m, diskTick()
	case roomTickMsg:
		return m, roomTick()
	case RoomChangedMsg:
		if s := m.c.sess; s != nil {
			s.sync()
		}
		return m, nil
	case batchMsg:
		_, cmd := m.update(msg.msg)
		return m, tea.Batch(cmd, msg.next)
	case openedMsg:
		if err := m.open(msg.path); err != nil {
			m.c.sayErr(err)
		}
		return m, nil
	case tea.KeyPressMsg:
		cur := m.screens[m.step]
		if m.showHelp {
			m.showHelp = false
			return m, nil
		}
		if cur == nil || !cur.capturing() {
			switch {
			case key.Matches(msg, m.c.keys.quit):
				return m, tea.Quit
			case key.Matches(msg, m.c.keys.help):
				m.showHelp = true
				return m, nil
			case key.Matches(msg, m.c.keys.next):
				m.move(1)
				return m, nil
			case key.Matches(msg, m.c.keys.prev):
				m.move(-1)
				return m, nil
			case key.Matches(msg, m.c.keys.reload) && m.c.sess != nil:
				if err := m.c.sess.reload(); err != nil {
					m.c.sayErr(err)
				} else {
					m.c.say(false, i18n.F(m.c.lang, "reloaded %s from disk", m.c.sess.doc.Path))
				}
				return m, nil
			case key.Matches(msg, m.c.keys.lang):
				m.setLang(nextLang(m.c.lang))
				return m, nil
			}
		} else if msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
	}
	if cur := m.screens[m.step]; cur != nil {
		return m, cur.update(msg)
	}
	return m, nil
}

// setLang switches every text on screen to lang. The session rebuilds the match and the plan
// in that language; the answers and the file do not change.
func (m *Model) setLang(lang string) {
	m.c.lang = lang
	m.c.keys = newGlobalKeys(lang)
	if s := m.c.sess; s != nil {
		s.lang = lang
		s.rebuild()
	}
	for _, s := range m.screens {
		if r, ok := s.(relanger); ok {
			r.relang()
		}
	}
	m.c.say(false, i18n.F(lang, "Language: %s. Answers and the file are unchanged.", langName(lang)))
}

// baseLang reduces "fr-FR" to "fr", the code the language switch cycles through.
func baseLang(lang string) string {
	for _, l := range i18n.Languages() {
		if strings.HasPrefix(strings.ToLower(lang), l) {
			return l
		}
	}
	return i18n.Default
}

// move goes to the next or previous step that is available.
func (m *Model) move(d int) {
	for s := m.step + step(d); s >= 0 && s < stepCount; s += step(d) {
		if m.screens[s] != nil {
			m.step = s
			m.c.status = ""
			if rs, ok := m.screens[s].(interface{ enter() }); ok {
				rs.enter()
			}
			return
		}
	}
}

// View draws the title bar, the step, the status line and the help bar.
func (m *Model) View() tea.View {
	if m.holdDraw && m.drawn.Content != "" {
		return m.drawn
	}
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "govplan"
	if m.c.opts.Remote {
		m.lastDraw, m.drawn = time.Now(), v
	}
	return v
}

func (m *Model) render() string {
	w, h := max(m.c.w, 20), max(m.c.h, 8)
	status := m.statusLines(w)
	body := h - 2 - len(status)
	var content string
	if m.showHelp {
		content = m.helpView(w, body)
	} else if cur := m.screens[m.step]; cur != nil {
		content = cur.view(w, body)
	}
	lines := strings.Split(content, "\n")
	for len(lines) < body {
		lines = append(lines, "")
	}
	lines = lines[:body]
	for i := range lines {
		lines[i] = fit(lines[i], w)
	}
	lines = append(append([]string{m.titleBar(w)}, lines...), status...)
	return strings.Join(append(lines, m.helpBar(w)), "\n")
}

func (m *Model) titleBar(w int) string {
	st := m.c.st
	info := " govplan"
	if s := m.c.sess; s != nil {
		f := s.doc.File
		switch {
		case s.changedOnDisk:
			info += " " + i18n.T(m.c.lang, "⚠ CHANGED ON DISK (ctrl+r)")
		case !s.savedAt.IsZero():
			info += " · " + i18n.F(m.c.lang, "saved %s", s.savedAt.Format("15:04:05"))
		}
		switch {
		case m.c.opts.Ministry != "":
			info += " · " + i18n.F(m.c.lang, "answering as %s", m.c.opts.Ministry)
		case m.c.opts.ReadOnly:
			info += " · " + i18n.T(m.c.lang, "read-only view")
		}
		info += fmt.Sprintf(" · %s · %s · %s %s", f.Country.Name, dateText(m.c.lang, f.Assessment.Date), s.fw.ID, s.fw.Version)
	}
	// The steps from the current one on, as many as fit, like "Readiness ▸ Needs ▸ …".
	var avail []step
	for i := range stepNames {
		if m.screens[i] != nil {
			avail = append(avail, step(i))
		}
	}
	minInfo := min(width(info), max(24, w/2))
	budget := w - minInfo - 2
	var parts []string
	prefix, used := "", 0
	if avail[0] != m.step {
		prefix, used = st.Step.Render(" ‹"), 2
	}
	for _, sp := range avail {
		if sp < m.step {
			continue
		}
		label := " " + stepTitle(m.c.lang, sp) + " "
		if used+width(label)+3 > budget && sp != m.step {
			parts = append(parts, st.Step.Render(" …"))
			break
		}
		if sp == m.step {
			parts = append(parts, st.StepOn.Render(label))
		} else {
			parts = append(parts, st.Step.Render(label))
		}
		used += width(label) + 1
	}
	right := prefix + strings.Join(parts, st.Step.Render("▸"))
	room := w - width(right) - 1
	left := st.Title.Render(pad(truncate(info, room), room) + " ")
	return fit(left+right, w)
}

// statusLines draws the status: one line, or two when a long message (French and Spanish
// ones run longer) would be cut.
func (m *Model) statusLines(w int) []string {
	if m.c.status == "" {
		return []string{strings.Repeat(" ", w)}
	}
	prefix := " ✓ "
	style := m.c.st.Good
	if m.c.statusBad {
		prefix, style = " ⚠ ", m.c.st.Error
	}
	ls := wrap(m.c.status, w-3)
	if len(ls) == 1 || m.c.h < 16 {
		return []string{style.Render(pad(prefix+m.c.status, w))}
	}
	second := strings.Join(ls[1:], " ")
	return []string{style.Render(pad(prefix+ls[0], w)), style.Render(pad("   "+second, w))}
}

func (m *Model) helpBar(w int) string {
	var parts []string
	if cur := m.screens[m.step]; cur != nil {
		for _, b := range cur.keys() {
			parts = append(parts, m.c.st.HelpKey.Render(b.Help().Key)+" "+b.Help().Desc)
		}
	}
	// The screen's keys as many as fit, then "tab step" when it fits; "? help" and "q quit"
	// always show (? lists every key).
	lang := m.c.lang
	var tail []string
	if cur := m.screens[m.step]; cur != nil && cur.capturing() {
		tail = []string{m.c.st.HelpKey.Render("ctrl+c") + " " + i18n.T(lang, "quit")}
	} else {
		parts = append(parts, m.c.st.HelpKey.Render("tab")+" "+i18n.T(lang, "step"))
		tail = []string{m.c.st.HelpKey.Render("?") + " " + i18n.T(lang, "help"), m.c.st.HelpKey.Render("q") + " " + i18n.T(lang, "quit")}
	}
	end := strings.Join(tail, " · ")
	line := " "
	for _, p := range parts {
		if width(line)+3+width(p)+3+width(end) > w {
			break
		}
		if line != " " {
			line += " · "
		}
		line += p
	}
	if line != " " {
		line += " · "
	}
	return m.c.st.Help.Render(fit(line+end, w))
}

func (m *Model) helpView(w, h int) string {
	lang := m.c.lang
	lines := []string{m.c.st.Bold.Render(i18n.T(lang, "Keys")), ""}
	add := func(title string, bs []key.Binding) {
		lines = append(lines, m.c.st.PanelHead.Render(title))
		kw := 0
		for _, b := range bs {
			kw = max(kw, width(b.Help().Key))
		}
		for _, b := range bs {
			lines = append(lines, "  "+pad(b.Help().Key, kw)+"  "+b.Help().Desc)
		}
		lines = append(lines, "")
	}
	if cur := m.screens[m.step]; cur != nil {
		if full, ok := cur.(interface{ allKeys() []key.Binding }); ok {
			add(stepTitle(lang, m.step), full.allKeys())
		} else {
			add(stepTitle(lang, m.step), cur.keys())
		}
	}
	g := m.c.keys
	split := len(lines)
	add(i18n.T(lang, "Everywhere"), []key.Binding{g.next, g.prev, g.reload, g.lang, g.help, g.quit})
	for _, l := range wrap(i18n.T(lang, "Every change is saved to the country file at once. Press any key to close."), w/2-2) {
		lines = append(lines, m.c.st.Faint.Render(l))
	}
	if len(lines) <= h {
		return strings.Join(lines, "\n")
	}
	// Too tall: two columns, the keys "everywhere" on the right when they fit there.
	if split > h || len(lines)-split > h {
		split = h
	}
	left := make([]string, split)
	for i, l := range lines[:split] {
		left[i] = fit(l, w/2)
	}
	right := lines[split:]
	for len(right) > 0 && right[0] == "" {
		right = right[1:]
	}
	return joinColumns(strings.Join(left, "\n"), strings.Join(right, "\n"))
}
