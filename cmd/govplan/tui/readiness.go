package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/output/words"
)

// readiness is the step where the room answers the framework, one indicator at a time.
type readiness struct {
	c    *shared
	inds []*assess.Indicator // framework order
	sel  int                 // selected indicator
	ai   int                 // selected answer of that indicator (several ministries)

	mode     inputMode
	input    *textBox
	pick     *picker // the ministry list of m
	query    string  // last search
	agreeing bool    // the next answer is the one the room agreed on (g)
	auto     bool    // after an answer, move to the next unanswered indicator (A)
	k        readinessKeys

	tailLen int // lines of the card after the answer choices (for the compact layout)

	target *targetEdit // the open target form (targets.go)
}

type inputMode int

const (
	modeNone inputMode = iota
	modeNumber
	modeEvidence
	modeNotes
	modeSearch
	modeMinistry
)

type readinessKeys struct {
	up, down, pillarPrev, pillarNext, level, yes, no, na, clear, number, evidence, notes,
	confidence, ministry, addAnswer, nextAnswer, unanswered, search, disputed, agree, auto, target, areaTarget key.Binding
}

func newReadinessKeys(lang string) readinessKeys {
	return readinessKeys{
		up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", i18n.T(lang, "previous"))),
		down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", i18n.T(lang, "next"))),
		pillarPrev: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", i18n.T(lang, "previous area"))),
		pillarNext: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", i18n.T(lang, "next area"))),
		level:      key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-4", i18n.T(lang, "answer level"))),
		yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y/n", i18n.T(lang, "yes/no"))),
		no:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", i18n.T(lang, "no"))),
		na:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", i18n.T(lang, "n/a"))),
		clear:      key.NewBinding(key.WithKeys("x", "backspace", "delete"), key.WithHelp("x", i18n.T(lang, "clear answer"))),
		number:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "type a number"))),
		evidence:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", i18n.T(lang, "evidence"))),
		notes:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", i18n.T(lang, "notes"))),
		confidence: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", i18n.T(lang, "confidence"))),
		ministry:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", i18n.T(lang, "ministry"))),
		addAnswer:  key.NewBinding(key.WithKeys("+"), key.WithHelp("+", i18n.T(lang, "another ministry's answer"))),
		nextAnswer: key.NewBinding(key.WithKeys(">", "<"), key.WithHelp("</>", i18n.T(lang, "switch answer"))),
		unanswered: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", i18n.T(lang, "next unanswered"))),
		search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", i18n.T(lang, "search"))),
		disputed:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", i18n.T(lang, "next disputed"))),
		agree:      key.NewBinding(key.WithKeys("g"), key.WithHelp("g", i18n.T(lang, "record the agreed answer"))),
		auto:       key.NewBinding(key.WithKeys("A"), key.WithHelp("A", i18n.T(lang, "auto-advance on/off"))),
		target:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", i18n.T(lang, "target"))),
		areaTarget: key.NewBinding(key.WithKeys("T"), key.WithHelp("T", i18n.T(lang, "area target"))),
	}
}

func (r *readiness) relang() { r.k = newReadinessKeys(r.c.lang) }

func newReadinessScreen(c *shared) *readiness {
	r := &readiness{c: c, k: newReadinessKeys(c.lang)}
	r.inds = c.sess.fw.Indicators()
	r.jumpUnanswered(0)
	return r
}

// reopen follows the file after a reload or an undo: the framework may have changed, so the
// indicators are listed again and the same one stays selected when it is still there.
func (r *readiness) reopen() {
	id := ""
	if r.sel < len(r.inds) {
		id = r.inds[r.sel].ID
	}
	r.inds = r.c.sess.fw.Indicators()
	r.sel = 0
	for i, ind := range r.inds {
		if ind.ID == id {
			r.sel = i
		}
	}
	if r.mode == modeMinistry {
		r.mode, r.pick = modeNone, nil
	}
	r.answers() // clamps the selected answer
}

func (r *readiness) capturing() bool { return r.mode != modeNone || r.target != nil }

func (r *readiness) keys() []key.Binding {
	lang := r.c.lang
	if r.target != nil {
		return nil
	}
	if r.mode == modeEvidence || r.mode == modeNotes {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "save"))),
			key.NewBinding(key.WithKeys("alt+enter"), key.WithHelp("alt+enter", i18n.T(lang, "new line"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", i18n.T(lang, "cancel"))),
		}
	}
	if r.mode != modeNone {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", i18n.T(lang, "confirm"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", i18n.T(lang, "cancel"))),
		}
	}
	ind := r.ind()
	var ks []key.Binding
	switch ind.Kind {
	case assess.KindLevel:
		lv := r.k.level
		lv.SetHelp(fmt.Sprintf("%d-%d", r.c.sess.fw.Scale.Min, r.c.sess.fw.Scale.Max), i18n.T(lang, "answer"))
		ks = append(ks, lv)
	case assess.KindYesNo:
		ks = append(ks, r.k.yes)
	case assess.KindNumber:
		nb := r.k.number
		nb.SetHelp("0-9/enter", i18n.T(lang, "type the number"))
		ks = append(ks, nb)
	}
	ks = append(ks, r.k.na, r.k.evidence, r.k.target, r.k.ministry, r.k.down, r.k.unanswered)
	if r.c.sess.model.Score.Indicator(ind.ID).Disputed {
		ks = append(ks, r.k.agree)
	}
	return append(ks, r.k.disputed, r.k.search, r.c.keys.undo)
}

func (r *readiness) allKeys() []key.Binding {
	k := r.k
	return []key.Binding{k.up, k.down, k.pillarPrev, k.pillarNext, k.level, k.yes, k.no, k.number, k.na, k.clear,
		k.evidence, k.notes, k.confidence, k.ministry, k.addAnswer, k.nextAnswer, k.unanswered, k.disputed, k.agree, k.auto, k.search, k.target, k.areaTarget}
}

func (r *readiness) ind() *assess.Indicator {
	r.sel = max(0, min(r.sel, len(r.inds)-1))
	return r.inds[r.sel]
}

// kept reports whether an answer holds anything worth keeping in the file: a level, a value,
// n/a, a ministry, or words (evidence before an answer is normal in a workshop: "we'll check
// the gazette").
func kept(a assess.Answer) bool {
	return !a.Empty() || a.By != "" || a.Evidence != "" || a.Notes != "" || a.Confidence != "" || a.Source != ""
}

// answers returns the given answers of the selected indicator (one empty when none).
func (r *readiness) answers() assess.Answers {
	as := r.c.sess.doc.File.Answers[r.ind().ID]
	var out assess.Answers
	for _, a := range as {
		if kept(a) {
			out = append(out, a)
		}
	}
	if by := r.c.opts.Ministry; by != "" {
		// Bound to a ministry (govplan serve): its own answer is the one selected, shown empty
		// until it answers.
		r.ai = -1
		for i, a := range out {
			if a.By == by {
				r.ai = i
			}
		}
		if r.ai < 0 {
			out = append(out, assess.Answer{By: by})
			r.ai = len(out) - 1
		}
		return out
	}
	if len(out) == 0 {
		out = assess.Answers{{}}
	}
	if r.ai >= len(out) {
		r.ai = len(out) - 1
	}
	return out
}

func (r *readiness) selectIndicator(i int) {
	if i < 0 || i >= len(r.inds) {
		return
	}
	r.sel, r.ai = i, 0
}

// jumpUnanswered moves to the first unanswered indicator from `from` on (wrapping).
func (r *readiness) jumpUnanswered(from int) bool {
	f := r.c.sess.doc.File
	for k := 0; k < len(r.inds); k++ {
		i := (from + k) % len(r.inds)
		if len(f.Answers[r.inds[i].ID].Given()) == 0 {
			r.selectIndicator(i)
			return true
		}
	}
	return false
}

func (r *readiness) pillarIndex(i int) int {
	id := r.c.sess.fw.PillarOf(r.inds[i].ID).ID
	for pi, p := range r.c.sess.fw.Pillars {
		if p.ID == id {
			return pi
		}
	}
	return 0
}

func (r *readiness) firstOfPillar(pi int) int {
	target := r.c.sess.fw.Pillars[pi].ID
	for i := range r.inds {
		if r.c.sess.fw.PillarOf(r.inds[i].ID).ID == target {
			return i
		}
	}
	return 0
}

// edit changes the selected answer and saves the file; what says the change in the
// screen's language. It reports whether the change was saved (the reason is on screen when
// not).
func (r *readiness) edit(what string, change func(a *assess.Answer)) bool {
	if by := r.c.opts.Ministry; by != "" {
		return r.editOwn(by, what, change)
	}
	as := r.answers()
	a := as[r.ai]
	change(&a)
	as[r.ai] = a
	id := r.ind().ID
	// Drop answers left with nothing in them; keep at least nothing → {}.
	var keep assess.Answers
	for _, x := range as {
		if kept(x) {
			keep = append(keep, x)
		}
	}
	err := r.c.sess.change(func(d *countries.Doc) error { return d.SetAnswer(id, keep) })
	if err != nil {
		r.c.sayErr(err)
		return false
	}
	r.c.say(false, i18n.F(r.c.lang, "saved · %s: %s", id, what))
	return true
}

// answered gives an answer (level, yes/no, number, n/a): the agreed answer after g, and with
// auto-advance on, the next unanswered indicator follows.
func (r *readiness) answered(what string, change func(a *assess.Answer)) {
	if r.agreeing {
		r.agreeing = false
		r.agree(what, change)
		return
	}
	if r.edit(what, change) && r.auto {
		id := r.ind().ID
		if r.jumpUnanswered(r.sel + 1) {
			r.c.say(false, i18n.F(r.c.lang, "saved · %s: %s · next unanswered (A turns this off)", id, what))
		}
	}
}

// agree replaces the answers of a disputed indicator by the one the room agreed on. Nothing
// said is lost: the evidence of each ministry is kept, and the notes record the answers
// before the agreement (ctrl+z brings them back, except in the live room).
func (r *readiness) agree(what string, change func(a *assess.Answer)) {
	lang, fw, ind := r.c.lang, r.c.sess.fw, r.ind()
	as := r.answers()
	var a assess.Answer
	change(&a)
	var before, evidence, notes []string
	for _, x := range as {
		before = append(before, orRoom(lang, x.By)+" "+shortAnswer(fw, ind, x, lang))
		if x.Evidence != "" {
			evidence = append(evidence, orRoom(lang, x.By)+": "+x.Evidence)
		}
		if x.Notes != "" {
			notes = append(notes, orRoom(lang, x.By)+": "+x.Notes)
		}
		if x.Source != "" && a.Source == "" {
			a.Source = x.Source
		}
	}
	a.Evidence = strings.Join(evidence, "; ")
	a.Notes = strings.Join(append([]string{i18n.F(lang, "agreed in the room; before: %s", strings.Join(before, ", "))}, notes...), "; ")
	id := ind.ID
	if err := r.c.sess.change(func(d *countries.Doc) error { return d.SetAnswer(id, assess.Answers{a}) }); err != nil {
		r.c.sayErr(err)
		return
	}
	r.ai = 0
	r.c.say(false, r.c.undoable(i18n.F(lang, "saved · %s: agreed answer %s (the answers before are in the notes; ctrl+z undoes)", id, what),
		i18n.F(lang, "saved · %s: agreed answer %s (the answers before are in the notes)", id, what)))
}

// editOwn changes the answer of the ministry the screen is bound to. The change is made on the
// room's latest file, so answers other ministries gave a moment ago are kept.
func (r *readiness) editOwn(by, what string, change func(a *assess.Answer)) bool {
	id := r.ind().ID
	err := r.c.sess.change(func(d *countries.Doc) error {
		var a assess.Answer
		for _, x := range d.File.Answers[id] {
			if x.By == by {
				a = x
			}
		}
		if change == nil {
			return d.SetAnswerBy(id, by, nil)
		}
		change(&a)
		return d.SetAnswerBy(id, by, &a)
	})
	if err != nil {
		r.c.sayErr(err)
		return false
	}
	r.c.say(false, i18n.F(r.c.lang, "saved · %s: %s", id, what))
	return true
}

func (r *readiness) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelUp {
			r.selectIndicator(r.sel - 1)
		} else if msg.Mouse().Button == tea.MouseWheelDown {
			r.selectIndicator(r.sel + 1)
		}
		return nil
	case tea.PasteMsg:
		if r.input != nil && r.mode != modeNone && r.mode != modeMinistry {
			return r.input.Update(msg)
		}
	case tea.KeyPressMsg:
		if r.target != nil {
			return r.updateTarget(msg)
		}
		if r.mode == modeMinistry {
			return r.updatePick(msg)
		}
		if r.mode != modeNone {
			return r.updateInput(msg)
		}
		if r.agreeing && msg.String() == "esc" {
			r.agreeing = false
			r.c.say(false, i18n.T(r.c.lang, "cancelled; nothing changed"))
			return nil
		}
		return r.updateKey(msg)
	}
	return nil
}

func (r *readiness) startInput(mode inputMode, value, placeholder string) tea.Cmd {
	r.mode = mode
	w := r.cardInner()
	if mode == modeEvidence || mode == modeNotes {
		h := 3
		if r.c.h >= 36 {
			h = 6
		}
		r.input = newAreaBox(value, placeholder, w, h, r.c.opts.Color)
	} else {
		r.input = newLineBox(value, placeholder, w-width(i18n.T(r.c.lang, "Evidence: "))-2)
	}
	return r.input.Focus()
}

// cardInner is the width of the text inside the card at the current size.
func (r *readiness) cardInner() int {
	return r.c.w - r.leftWidth(r.c.w) - 2
}

// updatePick handles the ministry list of m.
func (r *readiness) updatePick(msg tea.KeyPressMsg) tea.Cmd {
	switch r.pick.update(msg) {
	case pickCancelled:
		r.mode, r.pick = modeNone, nil
		r.c.say(false, i18n.T(r.c.lang, "cancelled; nothing changed"))
	case pickChosen:
		by := r.pick.value()
		r.mode, r.pick = modeNone, nil
		r.edit(i18n.F(r.c.lang, "ministry %s", orRoom(r.c.lang, by)), func(a *assess.Answer) { a.By = by })
	}
	return nil
}

func (r *readiness) updateInput(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		r.mode = modeNone
		r.agreeing = false
		r.input.Blur()
		r.c.say(false, i18n.T(r.c.lang, "cancelled"))
		return nil
	case "enter":
		mode, v := r.mode, strings.TrimSpace(r.input.Value())
		// The field closes only when what it holds is saved: a refused save (the file
		// changed on disk, is read-only or gone) keeps the text on screen to try again.
		switch mode {
		case modeNumber:
			if v == "" {
				r.mode = modeNone
				r.agreeing = false
				return nil
			}
			f, err := parseNumber(r.c.lang, v)
			if err == nil {
				err = checkRange(r.c.lang, r.ind(), f, v)
			}
			if err != nil {
				r.c.say(true, i18n.F(r.c.lang, "%s Nothing was saved; correct it or press esc.", err.Error()))
				return nil
			}
			r.mode = modeNone
			r.answered(num(r.c.lang, f)+" "+unitWord(r.c.lang, r.ind().Unit), func(a *assess.Answer) { a.Value, a.Level, a.NA = assess.Number(f), nil, false })
			if r.c.statusBad {
				r.mode = modeNumber
				return nil
			}
		case modeEvidence:
			if !r.edit(i18n.T(r.c.lang, "evidence updated"), func(a *assess.Answer) { a.Evidence = v }) {
				return nil
			}
			r.mode = modeNone
		case modeNotes:
			if !r.edit(i18n.T(r.c.lang, "notes updated"), func(a *assess.Answer) { a.Notes = v }) {
				return nil
			}
			r.mode = modeNone
		case modeSearch:
			r.mode = modeNone
			r.query = v
			r.search(v)
		}
		r.input.Blur()
		return nil
	}
	return r.input.Update(msg)
}

func (r *readiness) search(q string) {
	if q == "" {
		return
	}
	q = strings.ToLower(q)
	for k := 1; k <= len(r.inds); k++ {
		i := (r.sel + k) % len(r.inds)
		ind := r.inds[i]
		if strings.Contains(ind.ID, q) || strings.Contains(strings.ToLower(ind.Question.In(r.c.lang)), q) {
			r.selectIndicator(i)
			r.c.say(false, i18n.F(r.c.lang, "found %q in %s (press / and enter for the next match)", q, ind.ID))
			return
		}
	}
	r.c.say(true, i18n.F(r.c.lang, "no indicator mentions %q", q))
}

func (r *readiness) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	fw, lang := r.c.sess.fw, r.c.lang
	ind := r.ind()
	k := r.k
	switch {
	case key.Matches(msg, k.up):
		r.selectIndicator(r.sel - 1)
	case key.Matches(msg, k.down):
		r.selectIndicator(r.sel + 1)
	case key.Matches(msg, k.pillarPrev):
		r.selectIndicator(r.firstOfPillar(max(0, r.pillarIndex(r.sel)-1)))
	case key.Matches(msg, k.pillarNext):
		r.selectIndicator(r.firstOfPillar(min(len(fw.Pillars)-1, r.pillarIndex(r.sel)+1)))
	case key.Matches(msg, k.unanswered):
		if !r.jumpUnanswered(r.sel + 1) {
			r.c.say(false, i18n.T(lang, "every indicator has an answer"))
		}
	case key.Matches(msg, k.target):
		return r.indicatorTargetForm()
	case key.Matches(msg, k.areaTarget):
		return r.pillarTargetForm()
	case key.Matches(msg, k.search):
		// The last query comes back selected: enter finds its next match, typing starts a
		// new one (it used to be appended to the old query).
		cmd := r.startInput(modeSearch, r.query, i18n.T(lang, "search questions and ids"))
		r.input.selectAll()
		return cmd
	case key.Matches(msg, k.disputed):
		if !r.nextDisputed() {
			r.c.say(false, i18n.T(lang, "no indicator is disputed"))
		}
	case key.Matches(msg, k.agree) && r.c.opts.Ministry != "":
		r.c.say(true, i18n.T(lang, "the facilitator records the answer the room agrees on"))
	case key.Matches(msg, k.agree):
		if !r.c.sess.model.Score.Indicator(ind.ID).Disputed {
			r.c.say(true, i18n.T(lang, "this indicator is not disputed; g records the answer a room agrees on after a dispute"))
			return nil
		}
		r.agreeing = true
		hint := i18n.T(lang, "press the level the room agreed on")
		switch ind.Kind {
		case assess.KindYesNo:
			hint = i18n.T(lang, "press y or n for the answer the room agreed on")
		case assess.KindNumber:
			hint = i18n.T(lang, "type the number the room agreed on, then enter")
		}
		r.c.say(false, i18n.F(lang, "Agreed answer: %s (it replaces the ministries' answers, which go to the notes); esc cancels.", hint))
	case key.Matches(msg, k.auto):
		r.auto = !r.auto
		if r.auto {
			r.c.say(false, i18n.T(lang, "auto-advance on: after each answer the next unanswered indicator comes up"))
		} else {
			r.c.say(false, i18n.T(lang, "auto-advance off"))
		}
	case key.Matches(msg, k.level) && ind.Kind == assess.KindLevel:
		l := int(msg.String()[0] - '0')
		if l < fw.Scale.Min || l > fw.Scale.Max {
			r.c.say(true, i18n.F(lang, "levels run %d to %d", fw.Scale.Min, fw.Scale.Max))
			return nil
		}
		r.answered(i18n.F(lang, "level %d %s", l, fw.LevelName(l, lang)), func(a *assess.Answer) { a.Level, a.Value, a.NA = assess.Int(l), nil, false })
	case key.Matches(msg, k.level) && ind.Kind == assess.KindNumber:
		return r.startInput(modeNumber, msg.String(), unitWord(lang, ind.Unit))
	case key.Matches(msg, k.number) && ind.Kind == assess.KindNumber:
		cur := ""
		if a := r.answers()[r.ai]; a.Value != nil {
			cur = numInput(lang, a.Value.Num)
		}
		cmd := r.startInput(modeNumber, cur, unitWord(lang, ind.Unit))
		r.input.selectAll()
		return cmd
	case key.Matches(msg, k.yes) && ind.Kind == assess.KindYesNo:
		r.answered(i18n.T(lang, "yes"), func(a *assess.Answer) { a.Value, a.Level, a.NA = assess.YesNo(true), nil, false })
	case key.Matches(msg, k.no) && ind.Kind == assess.KindYesNo:
		r.answered(i18n.T(lang, "no"), func(a *assess.Answer) { a.Value, a.Level, a.NA = assess.YesNo(false), nil, false })
	case key.Matches(msg, k.na):
		r.toggleNA()
	case key.Matches(msg, k.clear) && r.c.opts.Ministry != "":
		by := r.c.opts.Ministry
		if a := r.answers()[r.ai]; !kept(a) || a.By != by {
			r.c.say(false, i18n.T(lang, "nothing to clear here"))
			return nil
		}
		r.c.ask(i18n.F(lang, "Clear the answer of %s to %s (%s, with its evidence and notes)? (y/n)", by, ind.ID, shortAnswer(fw, ind, r.answers()[r.ai], lang)), func() tea.Cmd {
			r.editOwn(by, i18n.T(lang, "answer cleared"), nil)
			return nil
		})
	case (key.Matches(msg, k.ministry) || key.Matches(msg, k.addAnswer)) && r.c.opts.Ministry != "":
		r.c.say(true, i18n.F(lang, "you answer for %s; every answer you give is recorded as theirs", r.c.opts.Ministry))
	case key.Matches(msg, k.clear):
		as := r.answers()
		if !kept(as[r.ai]) {
			r.c.say(false, i18n.T(lang, "nothing to clear here"))
			return nil
		}
		id, ai := ind.ID, r.ai
		r.c.ask(i18n.F(lang, "Clear the answer of %s to %s (%s, with its evidence and notes)? (y/n)", orRoom(lang, as[ai].By), id, shortAnswer(fw, ind, as[ai], lang)), func() tea.Cmd {
			keep := append(append(assess.Answers{}, as[:ai]...), as[ai+1:]...)
			if err := r.c.sess.change(func(d *countries.Doc) error { return d.SetAnswer(id, keep) }); err != nil {
				r.c.sayErr(err)
				return nil
			}
			r.ai = max(0, ai-1)
			r.c.say(false, r.c.undoable(i18n.F(lang, "saved · %s: answer cleared (ctrl+z brings it back)", id), i18n.F(lang, "saved · %s: answer cleared", id)))
			return nil
		})
	case key.Matches(msg, k.evidence):
		return r.startInput(modeEvidence, r.answers()[r.ai].Evidence, i18n.T(lang, "e.g. National Digital Strategy 2023, section 4"))
	case key.Matches(msg, k.notes):
		return r.startInput(modeNotes, r.answers()[r.ai].Notes, i18n.T(lang, "what the room said"))
	case key.Matches(msg, k.confidence):
		next := map[string]string{"": "low", "low": "medium", "medium": "high", "high": ""}
		c := next[r.answers()[r.ai].Confidence]
		r.edit(i18n.F(lang, "confidence %s", orDash(words.Confidence(lang, c))), func(a *assess.Answer) { a.Confidence = c })
	case key.Matches(msg, k.ministry):
		return r.openMinistryPicker()
	case key.Matches(msg, k.addAnswer):
		r.addAnswer()
	case key.Matches(msg, k.nextAnswer):
		n := len(r.answers())
		if msg.String() == "<" {
			r.ai = (r.ai + n - 1) % n
		} else {
			r.ai = (r.ai + 1) % n
		}
	}
	return nil
}

// toggleNA marks the answer not applicable, or takes the mark off. Evidence and notes stay
// either way; a level or value given before is only replaced after a yes.
func (r *readiness) toggleNA() {
	lang, fw, ind := r.c.lang, r.c.sess.fw, r.ind()
	a := r.answers()[r.ai]
	if a.NA {
		r.edit(i18n.T(lang, "n/a taken off: not answered (evidence and notes kept)"), func(a *assess.Answer) { a.NA = false })
		return
	}
	set := func() {
		r.answered(i18n.T(lang, "not applicable (a again takes it off)"), func(a *assess.Answer) { a.NA, a.Level, a.Value = true, nil, nil })
	}
	if a.Level == nil && a.Value == nil {
		set()
		return
	}
	r.c.ask(i18n.F(lang, "Mark %s not applicable? It replaces the answer %s (evidence and notes stay). (y/n)", ind.ID, shortAnswer(fw, ind, a, lang)), func() tea.Cmd {
		set()
		return nil
	})
}

// openMinistryPicker lists who can give the selected answer: the room, or a ministry that
// has not answered this indicator yet (one answer per ministry keeps the file valid).
func (r *readiness) openMinistryPicker() tea.Cmd {
	lang := r.c.lang
	ids := r.c.sess.ministryIDs()
	if len(ids) == 0 {
		r.c.say(true, i18n.T(lang, "no ministries in this file yet: add them on the Context step (a)"))
		return nil
	}
	as := r.answers()
	cur := as[r.ai].By
	taken := map[string]bool{}
	for i, a := range as {
		if i != r.ai && a.By != "" {
			taken[a.By] = true
		}
	}
	labels := []string{i18n.T(lang, "room — the whole room, no single ministry")}
	values := []string{""}
	sel := 0
	names := map[string]string{}
	for _, m := range r.c.sess.doc.File.Ministries {
		names[m.ID] = m.Name.In(lang)
	}
	for _, id := range ids {
		if taken[id] {
			continue
		}
		if id == cur {
			sel = len(values)
		}
		labels = append(labels, id+"  "+names[id])
		values = append(values, id)
	}
	if len(values) == 1 && cur == "" {
		r.c.say(true, i18n.T(lang, "every ministry already answered this indicator; switch answers with < and >"))
		return nil
	}
	r.pick = newPicker(i18n.T(lang, "Who gives this answer? ↑/↓ and enter, or its number; esc cancels"), labels, values, sel)
	r.mode = modeMinistry
	return nil
}

// nextDisputed moves to the next indicator whose answers disagree (wrapping).
func (r *readiness) nextDisputed() bool {
	sc := r.c.sess.model.Score
	for k := 1; k <= len(r.inds); k++ {
		i := (r.sel + k) % len(r.inds)
		if sc.Indicator(r.inds[i].ID).Disputed {
			r.selectIndicator(i)
			r.c.say(false, i18n.F(r.c.lang, "%s is disputed: g records the answer the room agrees on", r.inds[i].ID))
			return true
		}
	}
	return false
}

// addAnswer adds an answer for the next ministry that has not answered this indicator.
func (r *readiness) addAnswer() {
	ids := r.c.sess.ministryIDs()
	as := r.answers()
	used := map[string]bool{}
	for _, a := range as {
		used[a.By] = true
	}
	next := ""
	for _, id := range ids {
		if !used[id] {
			next = id
			break
		}
	}
	if next == "" {
		r.c.say(true, i18n.T(r.c.lang, "every ministry of the file has an answer here; add ministries on the Context step for more"))
		return
	}
	if len(as) == 1 && !kept(as[0]) {
		as = nil
	}
	as = append(as, assess.Answer{By: next})
	id := r.ind().ID
	if err := r.c.sess.change(func(d *countries.Doc) error { return d.SetAnswer(id, as) }); err != nil {
		r.c.sayErr(err)
		return
	}
	r.ai = len(as) - 1
	r.c.say(false, i18n.F(r.c.lang, "saved · %s: added an answer for %s — now give its level", id, next))
}

// leftWidth is the width of the area list at a screen width w.
func (r *readiness) leftWidth(w int) int {
	switch {
	case w < 70:
		return 24
	case w >= 180:
		return 56
	case w >= 120:
		return 44
	}
	return 32
}

func (r *readiness) view(w, h int) string {
	leftW := r.leftWidth(w)
	left := r.pillarsPanel(leftW, h)
	right := r.cardPanel(w-leftW, h)
	return joinColumns(left, right)
}

// joinColumns puts two blocks of lines side by side.
func joinColumns(left, right string) string {
	l, rr := strings.Split(left, "\n"), strings.Split(right, "\n")
	n := max(len(l), len(rr))
	lw := 0
	for _, s := range l {
		lw = max(lw, width(s))
	}
	out := make([]string, n)
	for i := 0; i < n; i++ {
		a, b := "", ""
		if i < len(l) {
			a = l[i]
		}
		if i < len(rr) {
			b = rr[i]
		}
		out[i] = fit(a, lw) + b
	}
	return strings.Join(out, "\n")
}

func (r *readiness) pillarsPanel(w, h int) string {
	st, sess, lang := r.c.st, r.c.sess, r.c.lang
	sc := sess.model.Score
	cur := r.pillarIndex(r.sel)
	inner := w - 2
	barW := 4
	if inner >= 40 {
		barW = 10
	}
	// The bars are scores, not progress: a legend says so, and each bar has its number.
	var body []string
	for _, l := range wrap(i18n.T(lang, "bars: score /100 · answered"), inner) {
		body = append(body, st.Faint.Render(l))
	}
	countW := 0
	for _, ps := range sc.Pillars {
		countW = max(countW, len(fmt.Sprintf("%d/%d", ps.Answered, ps.Applicable)))
	}
	// The summary under the list is built first: it stays on screen, and the area list scrolls
	// in the rows left (16 areas do not fit at 80×24), keeping the selected area visible.
	foot := r.pillarsSummary(inner)
	rows := h - 2 - 1 - len(body) - len(foot) // borders, the panel's title, legend, summary
	from, to := window(cur, len(sc.Pillars), max(1, rows))
	if to-from < len(sc.Pillars) {
		// One row for "↓ n more" at the top of the list, two in the middle ("↑" and "↓").
		if from, to = window(cur, len(sc.Pillars), max(1, rows-1)); from > 0 {
			from, to = window(cur, len(sc.Pillars), max(1, rows-2))
		}
		if to == len(sc.Pillars) && from > 0 {
			from, to = window(cur, len(sc.Pillars), max(1, rows-1))
		}
		if from > 0 {
			body = append(body, st.Faint.Render(i18n.F(lang, "↑ %d more", from)))
		}
	}
	for i := from; i < to; i++ {
		ps := sc.Pillars[i]
		prefix := "  "
		if i == cur {
			prefix = "▸ "
		}
		count := fmt.Sprintf("%d/%d", ps.Answered, ps.Applicable)
		nameW := inner - 2 - barW - 1 - 3 - 1 - countW - 1
		name := shortName(ps.Pillar.Name.In(lang), ps.Pillar.ID, lang, nameW)
		var tgt *float64
		if ps.Target != nil {
			tgt = ps.Target.Score
		}
		line := prefix + pad(name, nameW) + " " + targetBar(ps.Score, tgt, barW) + " " + padLeft(pct(ps.Score), 3) + " " + padLeft(count, countW)
		if i == cur {
			line = st.Selected.Render(pad(line, inner))
		}
		body = append(body, line)
	}
	if to < len(sc.Pillars) {
		body = append(body, st.Faint.Render(i18n.F(lang, "↓ %d more", len(sc.Pillars)-to)))
	}
	return panel(st, i18n.T(lang, "Areas"), append(body, foot...), w, h)
}

// pillarsSummary is the overall score, answered and disputed counts under the area list.
func (r *readiness) pillarsSummary(inner int) []string {
	st, sess, lang := r.c.st, r.c.sess, r.c.lang
	sc := sess.model.Score
	var body []string
	o := sc.Overall
	band := "–"
	if o.Band != nil {
		band = o.Band.Name.In(lang)
	}
	body = append(body, "", st.Bold.Render(i18n.F(lang, "Overall %s/100 %s", pct(o.Score), band)), bar(o.Score, inner-1))
	body = append(body, i18n.F(lang, "%d of %d answered", o.Answered, o.Applicable))
	disputed := 0
	for _, is := range sc.Indicators {
		if is.Disputed {
			disputed++
		}
	}
	if disputed > 0 {
		body = append(body, st.Warn.Render(i18n.F(lang, "⚠ %d disputed", disputed)))
	}
	if len(sess.doc.File.Targets.Pillars) > 0 {
		body = append(body, st.Faint.Render(truncate(i18n.T(lang, "┃ area target (T sets it)"), inner)))
	}
	return body
}

func (r *readiness) cardPanel(w, h int) string {
	st, sess, lang := r.c.st, r.c.sess, r.c.lang
	fw := sess.fw
	ind := r.ind()
	is := sess.model.Score.Indicator(ind.ID)
	pl := fw.PillarOf(ind.ID)
	inner := w - 2
	if r.target != nil {
		return panel(st, stepTitle(lang, stepReadiness), r.target.form.lines(st, lang, inner), w, h)
	}
	pos, total := 0, 0
	for _, x := range pl.Indicators {
		total++
		if x.ID == ind.ID {
			pos = total
		}
	}
	state := i18n.T(lang, "not answered")
	switch {
	case is.Status == assess.StatusNA:
		state = i18n.T(lang, "n/a")
	case is.Disputed:
		state = st.Warn.Render(i18n.T(lang, "⚠ disputed"))
	case is.Status == assess.StatusAnswered:
		state = st.Good.Render(i18n.F(lang, "✓ answered %s/100", pct(is.Score)))
	}
	title := i18n.F(lang, "%s · %d of %d · %s", pl.Name.In(lang), pos, total, ind.ID)
	if width(title) > inner {
		// A long pillar name gives way to the indicator's place and id; when even its short
		// name does not fit, the id moves to the line below.
		rest := width(title) - width(pl.Name.In(lang))
		short := shortName(pl.Name.In(lang), pl.ID, lang, inner-rest)
		if width(short) <= inner-rest && !strings.HasSuffix(short, "…") {
			title = i18n.F(lang, "%s · %d of %d · %s", short, pos, total, ind.ID)
		} else {
			title = i18n.F(lang, "%s · %d of %d", shortName(pl.Name.In(lang), pl.ID, lang, inner-8), pos, total)
			state += " · " + ind.ID
		}
	}
	var body []string
	body = append(body, st.Faint.Render(state))
	for _, l := range wrap(ind.Question.In(lang), inner) {
		body = append(body, st.Bold.Render(l))
	}
	if help := ind.Help.In(lang); help != "" {
		for _, l := range wrap(help, inner) {
			body = append(body, st.Faint.Render(l))
		}
	}
	body = append(body, "")
	as := r.answers()
	sel := as[r.ai]
	switch ind.Kind {
	case assess.KindLevel:
		body = append(body, r.rubricLines(ind, as, sel, inner, 0)...)
	case assess.KindYesNo:
		yes, no := "  y  "+i18n.T(lang, "yes"), "  n  "+i18n.T(lang, "no")
		if sel.Value != nil && sel.Value.IsBool {
			if sel.Value.Bool {
				yes = st.Selected.Render("▸ y  " + i18n.T(lang, "yes"))
			} else {
				no = st.Selected.Render("▸ n  " + i18n.T(lang, "no"))
			}
		}
		body = append(body, yes, no)
	case assess.KindNumber:
		unit := unitWord(lang, ind.Unit)
		body = append(body, i18n.F(lang, "Unit: %s", unit))
		if len(ind.Thresholds) > 0 {
			var parts []string
			for i, t := range ind.Thresholds {
				lvl := fw.Scale.Min + i + 1
				op := "≥"
				if ind.Lower() {
					lvl, op = fw.Scale.Max-i, "≤"
				}
				parts = append(parts, fmt.Sprintf("%s%s → %d", op, num(lang, t), lvl))
			}
			body = append(body, st.Faint.Render(i18n.F(lang, "Levels: %s", strings.Join(parts, " · "))))
		} else if len(ind.Range) == 2 {
			dir := i18n.T(lang, "higher is better")
			if ind.Lower() {
				dir = i18n.T(lang, "lower is better")
			}
			body = append(body, st.Faint.Render(i18n.F(lang, "Scored linearly from %s to %s (%s)", num(lang, ind.Range[0]), num(lang, ind.Range[1]), dir)))
		}
		v := "–"
		if sel.Value != nil {
			v = num(lang, sel.Value.Num) + " " + unit
		}
		body = append(body, i18n.F(lang, "Value: %s", st.Bold.Render(v)))
	}
	tailStart := len(body)
	if sel.NA {
		// Said plainly: a toggles it, and an n/a answer is left out of the score.
		body = append(body, st.Warn.Render(truncate(i18n.T(lang, "Marked not applicable: left out of the score (a takes the mark off)"), inner)))
	}
	if r.mode == modeMinistry && r.pick != nil {
		body = append(body, "")
		body = append(body, r.pick.lines(st, inner, max(3, min(len(r.pick.labels)+1, h/2)))...)
	} else if r.mode != modeNone {
		var label string
		switch r.mode {
		case modeNumber:
			label = i18n.T(lang, "Number: ")
		case modeEvidence:
			label = i18n.T(lang, "Evidence: ")
		case modeNotes:
			label = i18n.T(lang, "Notes: ")
		case modeSearch:
			label = i18n.T(lang, "Search: ")
		}
		if r.input.multi {
			r.input.SetWidth(inner)
			body = append(body, "", st.Input.Render(label)+st.Faint.Render(i18n.T(lang, "enter saves · alt+enter new line · esc cancels")))
			body = append(body, strings.Split(r.input.View(), "\n")...)
		} else {
			r.input.SetWidth(inner - width(label) - 1)
			body = append(body, "", st.Input.Render(label)+r.input.View())
		}
	}
	body = append(body, "")
	if len(as) > 1 || sel.By != "" {
		var parts []string
		for i, a := range as {
			s := i18n.F(lang, "%s: %s", orRoom(lang, a.By), shortAnswer(fw, ind, a, lang))
			if i == r.ai {
				s = st.Selected.Render("▸" + s)
			}
			parts = append(parts, s)
		}
		line := i18n.F(lang, "Answers: %s", strings.Join(parts, " · "))
		if is.Disputed {
			line += st.Warn.Render("  " + i18n.T(lang, "⚠ disputed"))
		}
		body = append(body, line)
	}
	// Evidence and notes wrap on up to two lines each (the rest is cut with "…").
	clip := func(text string) []string {
		ls := wrap(text, inner)
		if len(ls) > 2 {
			ls = []string{ls[0], truncate(ls[1]+" …", inner)}
			if width(ls[1]) == inner {
				ls[1] = truncate(strings.TrimSuffix(ls[1], "…"), inner-1) + "…"
			}
		}
		return ls
	}
	body = append(body, clip(i18n.F(lang, "Evidence: %s", orDash(sel.Evidence)))...)
	if sel.Notes != "" {
		body = append(body, clip(i18n.F(lang, "Notes: %s", sel.Notes))...)
	}
	who := orRoom(lang, sel.By)
	if sel.By == "" && len(sess.doc.File.Ministries) > 0 {
		who = i18n.T(lang, "room (the whole room; m names a ministry)")
	}
	meta := i18n.F(lang, "Confidence: %s · Ministry: %s", orDash(words.Confidence(lang, sel.Confidence)), who)
	body = append(body, wrap(meta, inner)...)
	body = append(body, wrap(r.targetLine(), inner)...)
	var gates []string
	for _, g := range sess.model.Score.Gates() {
		if g.Indicator != ind.ID {
			continue
		}
		name := g.BB
		if b := sess.cat.Block(g.BB); b != nil {
			name = b.Name.In(lang)
		}
		state := words.Gate(lang, g.State)
		if g.State != assess.GateUnknown {
			state += " " + gateMark(g.State)
		}
		gates = append(gates, fmt.Sprintf("%s\u00a0≥\u00a0%d (%s)", name, g.Min, state))
	}
	if len(gates) > 0 {
		body = append(body, wrap(i18n.F(lang, "Gates: %s", strings.Join(gates, " · ")), inner)...)
	}
	r.tailLen = len(body) - tailStart
	// Room to spare: list the area's questions with where each stands.
	if spare := h - 3 - len(body); spare >= len(pl.Indicators)+2 {
		body = append(body, "", st.Faint.Render(i18n.T(lang, "In this area:")))
		for _, x := range pl.Indicators {
			xs := sess.model.Score.Indicator(x.ID)
			m := "·"
			switch {
			case xs.Disputed:
				m = "⚠"
			case xs.Status == assess.StatusAnswered:
				m = "✓"
			case xs.Status == assess.StatusNA:
				m = i18n.T(lang, "n/a")
			}
			line := pad(m, 4) + truncate(x.Question.In(lang), inner-5)
			if x.ID == ind.ID {
				line = st.Bold.Render(line)
			}
			body = append(body, line)
		}
	}
	// Too tall for the screen: fewer lines per level (the chosen one stays whole), no help.
	if len(body) > h-3 && ind.Kind == assess.KindLevel {
		tail := body[len(body)-r.tailLen:]
		var head []string
		head = append(head, st.Faint.Render(state))
		for _, l := range wrap(ind.Question.In(lang), inner) {
			head = append(head, st.Bold.Render(l))
		}
		for per := 3; per >= 1; per-- {
			rub := r.rubricLines(ind, as, sel, inner, per)
			body = append(append(append([]string{}, head...), rub...), tail...)
			if len(body) <= h-3 {
				break
			}
		}
	}
	return panel(st, title, body, w, h)
}

// rubricLines draws the levels with their rubric text, at most per lines for each level but
// the chosen one (0: no limit).
func (r *readiness) rubricLines(ind *assess.Indicator, as assess.Answers, sel assess.Answer, inner int, per int) []string {
	st, fw, lang := r.c.st, r.c.sess.fw, r.c.lang
	nameW := 0
	for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
		nameW = max(nameW, width(fw.LevelName(l, lang)))
	}
	var body []string
	for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
		chosen := sel.Level != nil && *sel.Level == l
		mark := "  "
		if chosen {
			mark = "▸ "
		}
		var who []string
		for _, a := range as {
			if a.Level != nil && *a.Level == l && len(as) > 1 {
				who = append(who, orRoom(lang, a.By))
			}
		}
		head := fmt.Sprintf("%s%d %s  ", mark, l, pad(fw.LevelName(l, lang), nameW))
		text := ind.Rubric[l].In(lang)
		if len(who) > 0 {
			text = "[" + strings.Join(who, ", ") + "] " + text
		}
		// Too narrow for a column of text beside the level names (long names in French or
		// Spanish at 80 columns): the text follows the name and goes on under it, indented.
		indent := width(head)
		var lines []string
		if inner-indent < 26 {
			head = fmt.Sprintf("%s%d %s  ", mark, l, fw.LevelName(l, lang))
			indent = 4
			lines = wrap(strings.Repeat("x", width(head)-indent)+" "+text, inner-indent)
			lines[0] = strings.TrimLeft(strings.TrimPrefix(lines[0], strings.Repeat("x", width(head)-indent)), " ")
		} else {
			lines = wrap(text, max(10, inner-indent))
		}
		if per > 0 && !chosen && len(lines) > per {
			lines = lines[:per]
			lines[per-1] = truncate(lines[per-1]+" …", max(10, inner-indent))
		}
		for i, tl := range lines {
			if i == 0 {
				tl = head + tl
			} else {
				tl = strings.Repeat(" ", indent) + tl
			}
			if chosen {
				tl = st.Selected.Render(pad(tl, inner))
			}
			body = append(body, tl)
		}
	}
	return body
}

// orRoom names who gave an answer: a ministry id, or the room as a whole.
func orRoom(lang, by string) string {
	if by == "" {
		return i18n.T(lang, "room")
	}
	return by
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// shortAnswer shows one answer in a few words.
func shortAnswer(fw *assess.Framework, ind *assess.Indicator, a assess.Answer, lang string) string {
	switch {
	case a.NA:
		return i18n.T(lang, "n/a")
	case a.Level != nil:
		return fmt.Sprintf("%d %s", *a.Level, fw.LevelName(*a.Level, lang))
	case a.Value != nil && a.Value.IsBool:
		return words.YesNo(lang, a.Value.Bool)
	case a.Value != nil:
		return num(lang, a.Value.Num)
	}
	return i18n.T(lang, "not answered")
}

// shortName fits a pillar's name in w cells: the whole name, else its part before the first
// "and" or comma ("Cybersecurity, privacy and resilience" → "Cybersecurity"), else (in English)
// the capitalised id, or its first words (other languages put the noun first: "Coopération
// internationale" → "Coopération"); a cut name only as a last resort.
func shortName(name, id, lang string, w int) string {
	if width(name) <= w {
		return name
	}
	head := name
	for _, sep := range []string{",", " " + i18n.T(lang, "and") + " "} {
		if i := strings.Index(head, sep); i > 0 {
			head = head[:i]
		}
	}
	if width(head) <= w {
		return head
	}
	if lang == i18n.Default && id != "" && width(id) <= w {
		return strings.ToUpper(id[:1]) + id[1:]
	}
	// The longest run of its first words that fits, not ending on a short word ("Accès aux
	// services en ligne" → "Accès aux services").
	words := strings.Fields(head)
	for n := len(words); n > 0; n-- {
		s := strings.Join(words[:n], " ")
		if width(s) <= w && (n == 1 || len([]rune(words[n-1])) > 3) {
			return s
		}
	}
	return truncate(name, w)
}
