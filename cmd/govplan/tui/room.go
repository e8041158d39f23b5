package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// roomScreen is the facilitator's view of the live room (govplan serve): who is connected,
// what each ministry and each area has answered, the open disputes, and the last save.
type roomScreen struct {
	c   *shared
	m   *Model
	sel int // selected dispute
	k   roomKeys
}

type roomKeys struct{ up, down, jump, agree, yes key.Binding }

func newRoomKeys(lang string) roomKeys {
	return roomKeys{
		up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "previous dispute"))),
		down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "next dispute"))),
		jump:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "open it on Readiness"))),
		agree: key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-4", i18n.T(lang, "record the agreed level"))),
		yes:   key.NewBinding(key.WithKeys("y", "n"), key.WithHelp("y/n", i18n.T(lang, "record the agreed yes/no"))),
	}
}

func newRoomScreen(c *shared, m *Model) *roomScreen {
	return &roomScreen{c: c, m: m, k: newRoomKeys(c.lang)}
}

func (r *roomScreen) relang()         { r.k = newRoomKeys(r.c.lang) }
func (r *roomScreen) capturing() bool { return false }
func (r *roomScreen) keys() []key.Binding {
	return []key.Binding{r.k.down, r.k.jump, r.k.agree, r.k.yes}
}

// roomTickMsg redraws the room view every second (the time since the last save).
type roomTickMsg struct{}

func roomTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return roomTickMsg{} })
}

// disputes lists the disputed indicators in framework order.
func (r *roomScreen) disputes() []assess.IndicatorScore {
	var out []assess.IndicatorScore
	for _, is := range r.c.sess.model.Score.Indicators {
		if is.Disputed {
			out = append(out, is)
		}
	}
	return out
}

func (r *roomScreen) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	ds := r.disputes()
	lang := r.c.lang
	switch {
	case key.Matches(km, r.k.up):
		r.sel = max(0, r.sel-1)
	case key.Matches(km, r.k.down):
		r.sel = min(max(0, len(ds)-1), r.sel+1)
	case len(ds) == 0:
		if key.Matches(km, r.k.jump, r.k.agree, r.k.yes) {
			r.c.say(false, i18n.T(lang, "no open disputes"))
		}
	case key.Matches(km, r.k.jump):
		r.jump(ds[min(r.sel, len(ds)-1)].Indicator.ID)
	case key.Matches(km, r.k.agree, r.k.yes):
		r.agree(ds[min(r.sel, len(ds)-1)].Indicator, km.String())
	}
	return nil
}

// jump opens an indicator on the readiness step.
func (r *roomScreen) jump(id string) {
	rs, ok := r.m.screens[stepReadiness].(*readiness)
	if !ok {
		return
	}
	for i, ind := range rs.inds {
		if ind.ID == id {
			rs.selectIndicator(i)
		}
	}
	r.m.step = stepReadiness
	r.c.say(false, i18n.F(r.c.lang, "%s: the answers disagree; tab back to the room view with shift+tab", id))
}

// agree records the answer the room agreed on for a disputed indicator, as g does on the
// readiness step: one answer, the earlier ones kept in its notes.
func (r *roomScreen) agree(ind *assess.Indicator, k string) {
	fw, lang := r.c.sess.fw, r.c.lang
	rs, ok := r.m.screens[stepReadiness].(*readiness)
	if !ok {
		return
	}
	for i, x := range rs.inds {
		if x.ID == ind.ID {
			rs.selectIndicator(i)
		}
	}
	switch {
	case ind.Kind == assess.KindLevel && k[0] >= '0' && k[0] <= '9':
		l := int(k[0] - '0')
		if l < fw.Scale.Min || l > fw.Scale.Max {
			r.c.say(true, i18n.F(lang, "levels run %d to %d", fw.Scale.Min, fw.Scale.Max))
			return
		}
		rs.agree(i18n.F(lang, "level %d %s", l, fw.LevelName(l, lang)), func(a *assess.Answer) { a.Level, a.Value, a.NA = assess.Int(l), nil, false })
	case ind.Kind == assess.KindYesNo && (k == "y" || k == "n"):
		v := k == "y"
		rs.agree(words.YesNo(lang, v), func(a *assess.Answer) { a.Value, a.Level, a.NA = assess.YesNo(v), nil, false })
	default:
		r.c.say(true, i18n.T(lang, "open it with enter and record the agreed answer on Readiness"))
	}
}

func (r *roomScreen) view(w, h int) string {
	st, lang, sess := r.c.st, r.c.lang, r.c.sess
	var top []string
	for _, b := range r.c.opts.Banner {
		top = append(top, " "+b)
	}
	saved := i18n.T(lang, "not saved yet in this session")
	if !sess.savedAt.IsZero() {
		saved = i18n.F(lang, "last save %s ago", time.Since(sess.savedAt).Truncate(time.Second))
	}
	if sess.changedOnDisk {
		saved = st.Error.Render(i18n.T(lang, "⚠ the file changed on disk: nothing is saved until you reload it (ctrl+r)"))
	}
	top = append(top, " "+saved)
	top = append(top, "")

	colW := max(20, (w-2)/3)
	// Who is connected.
	var people []string
	sessions := 0
	if r.c.opts.Room != nil {
		count := map[string]int{}
		var order []string
		for _, p := range r.c.opts.Room.People() {
			if count[p.User] == 0 {
				order = append(order, p.User)
			}
			count[p.User]++
			sessions++
		}
		for _, u := range order {
			line := u
			if count[u] > 1 {
				line += fmt.Sprintf(" ×%d", count[u])
			}
			people = append(people, line)
		}
	}
	if len(people) == 0 {
		people = []string{st.Faint.Render(i18n.T(lang, "nobody yet"))}
	}
	// Answered per ministry: indicators it answered of those it owns (all when it owns none).
	f, fw := sess.doc.File, sess.fw
	var perMin []string
	for _, m := range f.Ministries {
		owned, done, any := 0, 0, 0
		for _, ind := range fw.Indicators() {
			mine := false
			for _, o := range ind.Owners {
				mine = mine || o == m.ID
			}
			answered := false
			for _, a := range f.Answers[ind.ID].Given() {
				answered = answered || a.By == m.ID
			}
			if mine {
				owned++
			}
			if answered && mine {
				done++
			}
			if answered {
				any++
			}
		}
		of := owned
		if of == 0 { // it owns nothing: count every indicator
			of, done = len(fw.Indicators()), any
		}
		frac := float64(min(done, of)) / float64(max(1, of))
		perMin = append(perMin, fmt.Sprintf("%s %s %d/%d", pad(truncate(m.ID, 14), 14), bar(&frac, 8), done, of))
	}
	// Answered per area.
	var perArea []string
	for _, p := range sess.model.Score.Pillars {
		frac := 0.0
		if p.Applicable > 0 {
			frac = float64(p.Answered) / float64(p.Applicable)
		}
		perArea = append(perArea, fmt.Sprintf("%s %s %d/%d", pad(truncate(p.Pillar.Name.In(lang), colW-16), colW-16), bar(&frac, 6), p.Answered, p.Applicable))
	}
	rows := max(len(people), len(perMin), len(perArea))
	ds := r.disputes()
	gridH := min(rows+3, max(5, h-len(top)-len(ds)-4))
	grid := joinColumns(joinColumns(
		panel(st, i18n.F(lang, "Connected · %d", sessions), people, colW, gridH),
		panel(st, i18n.T(lang, "Answered per ministry"), perMin, colW, gridH)),
		panel(st, i18n.T(lang, "Answered per area"), perArea, w-2*colW, gridH))

	var dl []string
	r.sel = min(r.sel, max(0, len(ds)-1))
	for i, is := range ds {
		var parts []string
		for _, a := range is.Answers.Given() {
			parts = append(parts, orRoom(lang, a.By)+" "+shortAnswer(fw, is.Indicator, a, lang))
		}
		line := fmt.Sprintf("%s  %s", pad(is.Indicator.ID, 34), strings.Join(parts, " · "))
		if i == r.sel {
			line = st.StepOn.Render("▸ " + line)
		} else {
			line = "  " + line
		}
		dl = append(dl, line)
	}
	if len(ds) == 0 {
		dl = []string{st.Faint.Render(i18n.T(lang, "no open disputes"))}
	}
	disp := panel(st, i18n.F(lang, "Open disputes · %d", len(ds)), dl, w, max(3, h-len(top)-gridH))
	return strings.Join(top, "\n") + "\n" + grid + "\n" + disp
}
