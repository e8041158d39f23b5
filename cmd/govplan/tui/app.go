package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/termtext"
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
	stepFunding
	stepExport
	stepCompare
	stepRoom
	stepCount
)

// stepNames name the steps in code and test files; stepTitle gives the name on screen.
var stepNames = [stepCount]string{"Start", "Context", "Readiness", "Needs", "Architecture", "Roadmap", "Funding", "Export", "Compare", "Room"}

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
	confirm   *confirmation // a yes/no question waiting for its answer
}

// undoable returns withUndo where ctrl+z takes a change back, else without: in the live room
// other delegates' answers come in between, so there is no undo and no text may promise one.
func (c *shared) undoable(withUndo, without string) string {
	if c.sess != nil && c.sess.room != nil {
		return without
	}
	return withUndo
}

// confirmation is a yes/no question shown in the status line: y runs yes; any other key
// (n, esc, …) cancels. Deletes ask first, and can still be undone with ctrl+z.
type confirmation struct {
	question string
	yes      func() tea.Cmd
}

// ask puts a yes/no question to the user; yes runs only when y is pressed.
func (c *shared) ask(question string, yes func() tea.Cmd) {
	c.confirm = &confirmation{question: question, yes: yes}
}

// say sets the status line (a message already in the screen's language); bad marks an error.
func (c *shared) say(bad bool, msg string) {
	// A message can quote a file name, an error or a value from a file: shown clean.
	c.status, c.statusBad = termtext.Clean(msg), bad
}

// sayErr shows err (nil clears nothing).
func (c *shared) sayErr(err error) {
	if err != nil {
		c.say(true, err.Error())
	}
}

type globalKeys struct {
	next, prev, help, quit, reload, lang, undo, redo, saveAs key.Binding
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
		undo:   key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", i18n.T(lang, "undo the last change (several steps)"))),
		redo:   key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", i18n.T(lang, "redo"))),
		saveAs: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", i18n.T(lang, "save as (a new file name)"))),
	}
}

// relanger is a screen that keeps texts built in a language (key help, lists) and rebuilds
// them when the language changes.
type relanger interface{ relang() }

// reopener is a screen that keeps selections into the file (an index in a list) and checks
// them again after the file changed under it: a reload, an undo. Screens without it are
// built afresh.
type reopener interface{ reopen() }

// minWidth and minHeight are the smallest terminal the screens are drawn in; below, a
// message asks for a bigger window.
const minWidth, minHeight = 60, 16

// Model is the root of the UI. It routes messages to the current step and draws the title,
// status and help bars around it.
type Model struct {
	c        *shared
	step     step
	screens  [stepCount]screen
	showHelp bool
	saveAs   *textinput.Model // the "save as" prompt, when open

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

// fileScreens build the steps that show the open file.
var fileScreens = map[step]func(c *shared) screen{
	stepContext:      func(c *shared) screen { return newContextScreen(c) },
	stepReadiness:    func(c *shared) screen { return newReadinessScreen(c) },
	stepNeeds:        func(c *shared) screen { return newNeedsScreen(c) },
	stepArchitecture: func(c *shared) screen { return newArchitectureScreen(c) },
	stepRoadmap:      func(c *shared) screen { return newRoadmapScreen(c) },
	stepFunding:      func(c *shared) screen { return newFundingScreen(c) },
}

// reopen brings every screen in line with the file after it changed under them (reload,
// undo): selections are checked again, or the screen is built afresh.
func (m *Model) reopen() {
	for st, build := range fileScreens {
		if r, ok := m.screens[st].(reopener); ok {
			r.reopen()
		} else if m.screens[st] != nil {
			m.screens[st] = build(m.c)
		}
	}
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
	for st, build := range fileScreens {
		m.screens[st] = build(m.c)
	}
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
	if newer := s.newerFramework(); newer != nil {
		m.c.say(false, i18n.F(m.c.lang, "opened %s · it is on %s; %s is built in: M on %s moves it", path, s.fw.Ref(), newer.Ref(), stepTitle(m.c.lang, stepContext)))
	}
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
			switch {
			case m.c.sess.changedOnDisk && m.c.sess.gone():
				m.c.say(true, i18n.F(m.c.lang, "%s was deleted or moved. Nothing is lost on screen: ctrl+s saves it under a name.", m.c.sess.doc.Path))
			case m.c.sess.changedOnDisk:
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
	case exportProgressMsg, exportDoneMsg:
		// The export runs on whatever step is shown: its news always reaches its screen.
		if e := m.screens[stepExport]; e != nil {
			return m, e.update(msg)
		}
		return m, nil
	case tea.PasteMsg:
		return m, m.paste(msg)
	case tea.KeyPressMsg:
		ref := ""
		if s := m.c.sess; s != nil {
			ref = s.fw.Ref()
		}
		cmd := m.key(msg)
		if s := m.c.sess; s != nil && ref != "" && s.fw.Ref() != ref {
			m.reopen() // the file moved to another framework version (M on Context)
		}
		return m, cmd
	}
	if cur := m.screens[m.step]; cur != nil {
		return m, cur.update(msg)
	}
	return m, nil
}

// paste hands a bracketed paste (the whole text at once) to the open text field.
func (m *Model) paste(msg tea.PasteMsg) tea.Cmd {
	msg.Content = termtext.Clean(msg.Content) // a paste holding escapes goes in as text only
	if m.saveAs != nil {
		var cmd tea.Cmd
		*m.saveAs, cmd = m.saveAs.Update(msg)
		return cmd
	}
	if cur := m.screens[m.step]; cur != nil && cur.capturing() {
		return cur.update(msg)
	}
	m.c.say(true, i18n.T(m.c.lang, "nothing to paste into: open a text field first (e evidence, o notes, / search)"))
	return nil
}

// key handles a key press: a pending question, the save-as prompt, the help, the keys of
// every screen, then the current screen.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	lang := m.c.lang
	if q := m.c.confirm; q != nil {
		m.c.confirm = nil
		if msg.String() == "y" || msg.String() == "Y" {
			return q.yes()
		}
		m.c.say(false, i18n.T(lang, "cancelled; nothing changed"))
		return nil
	}
	if m.saveAs != nil {
		return m.saveAsKey(msg)
	}
	cur := m.screens[m.step]
	if m.showHelp {
		m.showHelp = false
		return nil
	}
	sess := m.c.sess
	// Keys that type nothing work even in a text field: what is typed stays.
	switch {
	case key.Matches(msg, m.c.keys.saveAs) && sess != nil:
		return m.openSaveAs()
	case key.Matches(msg, m.c.keys.reload) && sess != nil:
		if err := sess.reload(); err != nil {
			m.c.sayErr(err)
		} else {
			m.reopen()
			m.c.say(false, i18n.F(lang, "reloaded %s from disk", sess.doc.Path))
		}
		return nil
	case msg.String() == "ctrl+c":
		return m.quit()
	}
	if cur != nil && cur.capturing() {
		return cur.update(msg)
	}
	switch {
	case key.Matches(msg, m.c.keys.quit):
		return m.quit()
	case key.Matches(msg, m.c.keys.help):
		m.showHelp = true
		return nil
	case key.Matches(msg, m.c.keys.next):
		m.move(1)
		return nil
	case key.Matches(msg, m.c.keys.prev):
		m.move(-1)
		return nil
	case key.Matches(msg, m.c.keys.lang):
		m.setLang(nextLang(lang))
		return nil
	case (key.Matches(msg, m.c.keys.undo) || key.Matches(msg, m.c.keys.redo)) && sess != nil && sess.room != nil:
		m.c.say(true, i18n.T(lang, "undo is off in the live room (other delegates' answers come in between): change the answer again instead"))
		return nil
	case (key.Matches(msg, m.c.keys.undo) || key.Matches(msg, m.c.keys.redo)) && sess != nil:
		undo := key.Matches(msg, m.c.keys.undo)
		var line string
		var ok bool
		var err error
		if undo {
			line, ok, err = sess.undo()
		} else {
			line, ok, err = sess.redo()
		}
		switch {
		case err != nil:
			m.c.sayErr(err)
		case !ok && undo:
			m.c.say(false, i18n.T(lang, "nothing to undo"))
		case !ok:
			m.c.say(false, i18n.T(lang, "nothing to redo"))
		default:
			m.reopen()
			if undo {
				m.c.say(false, i18n.F(lang, "undone and saved (%d more to undo) · line %s", len(sess.undos), line))
			} else {
				m.c.say(false, i18n.F(lang, "redone and saved · line %s", line))
			}
		}
		return nil
	}
	if cur != nil {
		return cur.update(msg)
	}
	return nil
}

// quit ends the program, asking first when an export is still writing or a text field holds
// typing that is not saved.
func (m *Model) quit() tea.Cmd {
	lang := m.c.lang
	e, _ := m.screens[stepExport].(*exportScreen)
	switch {
	case e != nil && e.running:
		m.c.ask(i18n.T(lang, "An export is still writing. Quit and discard it? (y/n)"), func() tea.Cmd {
			e.discard()
			return tea.Quit
		})
		return nil
	case m.screens[m.step] != nil && m.screens[m.step].capturing():
		m.c.ask(i18n.T(lang, "Quit? What you are typing is not saved yet. (y/n)"), func() tea.Cmd { return tea.Quit })
		return nil
	}
	return tea.Quit
}

// Close removes what an unfinished export left behind; the program calls it after the
// screens end.
func (m *Model) Close() {
	if e, ok := m.screens[stepExport].(*exportScreen); ok {
		e.discard()
	}
}

// openSaveAs opens the prompt for a new file name, proposed beside the current file.
func (m *Model) openSaveAs() tea.Cmd {
	in := textinput.New()
	p := m.c.sess.doc.Path
	in.SetValue(strings.TrimSuffix(p, filepath.Ext(p)) + "-copy" + filepath.Ext(p))
	in.SetWidth(max(20, m.c.w-20))
	in.CursorEnd()
	m.saveAs = &in
	m.c.say(false, i18n.T(m.c.lang, "Save the work on screen under a new name: enter saves, esc cancels."))
	return m.saveAs.Focus()
}

func (m *Model) saveAsKey(msg tea.KeyPressMsg) tea.Cmd {
	lang := m.c.lang
	switch msg.String() {
	case "esc":
		m.saveAs = nil
		m.c.say(false, i18n.T(lang, "cancelled; nothing changed"))
		return nil
	case "enter":
		if err := m.c.sess.saveAs(m.saveAs.Value()); err != nil {
			m.c.say(true, i18n.F(lang, "not saved: %s", err.Error()))
			return nil
		}
		m.saveAs = nil
		m.c.say(false, i18n.F(lang, "saved as %s; every change now goes to this file", m.c.sess.doc.Path))
		return nil
	case "ctrl+c":
		return m.quit()
	}
	var cmd tea.Cmd
	*m.saveAs, cmd = m.saveAs.Update(msg)
	return cmd
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
	// Every piece of outside text is cleaned where it enters; the frame is cleaned once more
	// (keeping only colours), so nothing that slipped through reaches the terminal raw.
	v := tea.NewView(termtext.KeepStyles(m.render()))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "govplan"
	if m.c.opts.Remote {
		m.lastDraw, m.drawn = time.Now(), v
	}
	return v
}

func (m *Model) render() string {
	if m.c.w < minWidth || m.c.h < minHeight {
		return m.tooSmall()
	}
	w, h := m.c.w, m.c.h
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

// tooSmall asks for a bigger window (nothing is lost: the screens come back at once).
func (m *Model) tooSmall() string {
	w, h := max(m.c.w, 1), max(m.c.h, 1)
	msg := wrap(i18n.F(m.c.lang, "The terminal is too small (%d×%d): govplan needs at least %d×%d. Make the window bigger or the font smaller; nothing is lost.",
		m.c.w, m.c.h, minWidth, minHeight), max(4, w-2))
	var lines []string
	for i := 0; i < h; i++ {
		l := ""
		if k := i - (h-len(msg))/2; k >= 0 && k < len(msg) {
			l = " " + msg[k]
		}
		lines = append(lines, fit(l, w))
	}
	return strings.Join(lines, "\n")
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
	if m.saveAs != nil {
		return []string{m.c.st.Input.Render(" "+i18n.T(m.c.lang, "Save as: ")) + fit(m.saveAs.View(), w-width(" "+i18n.T(m.c.lang, "Save as: ")))}
	}
	if q := m.c.confirm; q != nil {
		return []string{m.c.st.Warn.Render(pad(" ? "+q.question, w))}
	}
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
	if m.c.confirm != nil {
		return m.c.st.Help.Render(fit(" "+m.c.st.HelpKey.Render("y")+" "+i18n.T(lang, "yes")+" · "+i18n.T(lang, "any other key: no"), w))
	}
	if m.saveAs != nil {
		return m.c.st.Help.Render(fit(" "+m.c.st.HelpKey.Render("enter")+" "+i18n.T(lang, "save")+" · "+m.c.st.HelpKey.Render("esc")+" "+i18n.T(lang, "cancel"), w))
	}
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
	everywhere := []key.Binding{g.next, g.prev, g.undo, g.redo, g.reload, g.saveAs, g.lang, g.help, g.quit}
	saved := i18n.T(lang, "Every change is saved to the country file at once, and ctrl+z takes it back. Press any key to close.")
	if m.c.sess != nil && m.c.sess.room != nil {
		// In the live room other delegates' answers come in between: no undo.
		everywhere = []key.Binding{g.next, g.prev, g.reload, g.saveAs, g.lang, g.help, g.quit}
		saved = i18n.T(lang, "Every change is saved to the room's file at once. Press any key to close.")
	}
	add(i18n.T(lang, "Everywhere"), everywhere)
	for _, l := range wrap(saved, w/2-2) {
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
