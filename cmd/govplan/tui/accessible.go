package tui

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/termtext"
)

// RunAccessible answers a country file's open indicators with plain prompts, one per line,
// for screen readers and braille displays: no colours, no cursor movement, nothing to
// decode. Every answer is saved at once.
//
// The commands never change from one question to the next: the answer itself is typed (the
// level, y or n, the number), and s skips, a marks not applicable, q stops. An empty line
// is never taken as an answer, and the end of the input (ctrl+D) stops without saving
// anything more.
func RunAccessible(path, catalogDir, lang string, in io.Reader, out io.Writer) error {
	lang = baseLang(lang)
	s, err := openSession(path, catalogDir, lang)
	if err != nil {
		return err
	}
	p := &prompter{in: bufio.NewReader(in), out: out, lang: lang}
	fw := s.fw
	open := s.doc.File.Unanswered(fw)
	p.say(i18n.F(lang, "%s: %d of %d indicators still to answer. Answer each, or choose skip. Every answer is saved at once.",
		s.doc.File.Title(), len(open), len(fw.Indicators())))
	p.say(i18n.T(lang, "On every question: s skips it, a marks it not applicable, q stops. An empty line answers nothing."))
	for i, id := range open {
		ind := fw.Indicator(id)
		p.say("")
		p.say(i18n.F(lang, "%s · %d of %d · %s", fw.PillarOf(id).Name.In(lang), i+1, len(open), id))
		p.say(ind.Question.In(lang))
		if help := ind.Help.In(lang); help != "" {
			p.say(help)
		}
		a, cmd, err := p.ask(fw, ind)
		if err != nil {
			return err
		}
		switch cmd {
		case cmdStop:
			p.say(i18n.T(lang, "Stopped. Every answer given is saved."))
			return nil
		case cmdSkip:
			continue
		}
		if err := s.change(func(d *countries.Doc) error { return d.SetAnswer(id, assess.Answers{a}) }); err != nil {
			p.say(err.Error())
			return err
		}
		p.say(i18n.F(lang, "Saved. Overall score now %s of 100.", pct(s.model.Score.Overall.Score)))
	}
	p.say("")
	p.say(i18n.T(lang, "Every indicator has an answer now."))
	return nil
}

// prompter reads one line per answer and writes plain lines.
type prompter struct {
	in   *bufio.Reader
	out  io.Writer
	lang string
}

type promptCmd int

const (
	cmdAnswer promptCmd = iota
	cmdSkip
	cmdStop
)

func (p *prompter) say(line string) { fmt.Fprintln(p.out, termtext.Clean(line)) }

// line reads the next line; ok is false at the end of the input.
func (p *prompter) line() (string, bool) {
	text, err := p.in.ReadString('\n')
	if err != nil && text == "" {
		return "", false
	}
	return strings.TrimSpace(text), true
}

// ask puts one indicator's question until it gets an answer or a command. The end of the
// input is a stop.
func (p *prompter) ask(fw *assess.Framework, ind *assess.Indicator) (assess.Answer, promptCmd, error) {
	lang := p.lang
	var how string
	switch ind.Kind {
	case assess.KindLevel:
		for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
			p.say(fmt.Sprintf("%d %s: %s", l, fw.LevelName(l, lang), ind.Rubric[l].In(lang)))
		}
		how = i18n.F(lang, "Type the level, %d to %d.", fw.Scale.Min, fw.Scale.Max)
	case assess.KindYesNo:
		how = i18n.F(lang, "Type y for %s or n for %s.", i18n.T(lang, "yes"), i18n.T(lang, "no"))
	case assess.KindNumber:
		how = i18n.F(lang, "Type the number, in %s.", unitWord(lang, ind.Unit))
		if lo, hi, ok := validRange(ind); ok {
			how = i18n.F(lang, "Type the number, in %s, from %s to %s.", unitWord(lang, ind.Unit), num(lang, lo), num(lang, hi))
		}
	}
	prompt := how + " " + i18n.T(lang, "Or s skip, a not applicable, q stop.")
	for {
		fmt.Fprint(p.out, prompt+" ")
		text, ok := p.line()
		if !ok {
			p.say("")
			return assess.Answer{}, cmdStop, nil
		}
		low := strings.ToLower(text)
		switch {
		case low == "":
			p.say(i18n.T(lang, "Nothing typed, nothing saved."))
			continue
		case low == "s" || low == strings.ToLower(i18n.T(lang, "skip")):
			p.say(i18n.T(lang, "Skipped."))
			return assess.Answer{}, cmdSkip, nil
		case low == "q" || low == strings.ToLower(i18n.T(lang, "stop")):
			return assess.Answer{}, cmdStop, nil
		case low == "a" || low == "n/a" || low == strings.ToLower(i18n.T(lang, "n/a")):
			return assess.Answer{NA: true}, cmdAnswer, nil
		}
		switch ind.Kind {
		case assess.KindLevel:
			l, err := strconv.Atoi(low)
			if err == nil && l >= fw.Scale.Min && l <= fw.Scale.Max {
				return assess.Answer{Level: assess.Int(l)}, cmdAnswer, nil
			}
			p.say(i18n.F(lang, "%q is not a level; levels run %d to %d.", text, fw.Scale.Min, fw.Scale.Max))
		case assess.KindYesNo:
			if v, ok := yesNoWord(lang, low); ok {
				return assess.Answer{Value: assess.YesNo(v)}, cmdAnswer, nil
			}
			p.say(i18n.F(lang, "%q is neither y nor n.", text))
		case assess.KindNumber:
			f, err := parseNumber(lang, text)
			if err == nil {
				err = checkRange(lang, ind, f, text)
			}
			if err == nil {
				return assess.Answer{Value: assess.Number(f)}, cmdAnswer, nil
			}
			p.say(err.Error())
		}
	}
}

// yesNoWord reads y/n, yes/no, and the words for them in lang (oui, sí …).
func yesNoWord(lang, w string) (bool, bool) {
	switch w {
	case "y", "yes", strings.ToLower(i18n.T(lang, "yes")):
		return true, true
	case "n", "no", strings.ToLower(i18n.T(lang, "no")):
		return false, true
	}
	if lang == "es" && w == "si" {
		return true, true
	}
	return false, false
}
