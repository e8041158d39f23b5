package tui

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"charm.land/huh/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
)

// RunAccessible answers a country file's open indicators in huh's accessible mode: plain
// prompts, one per line, for screen readers. Every answer is saved at once.
func RunAccessible(path, catalogDir, lang string, in io.Reader, out io.Writer) error {
	lang = baseLang(lang)
	// When the input ends (EOF), huh's accessible prompts return their default choice: that
	// must not be saved as an answer, so reading stops there.
	inEOF := newEOFReader(in)
	in = inEOF
	s, err := openSession(path, catalogDir, lang)
	if err != nil {
		return err
	}
	fw := s.fw
	open := s.doc.File.Unanswered(fw)
	fmt.Fprintln(out, i18n.F(lang, "%s: %d of %d indicators still to answer. Answer each, or choose skip. Every answer is saved at once.",
		s.doc.File.Title(), len(open), len(fw.Indicators())))
	for i, id := range open {
		ind := fw.Indicator(id)
		fmt.Fprintln(out)
		fmt.Fprintln(out, i18n.F(lang, "%s · %d of %d · %s", fw.PillarOf(id).Name.In(lang), i+1, len(open), id))
		if help := ind.Help.In(lang); help != "" {
			fmt.Fprintln(out, help)
		}
		var choice string
		opts := []huh.Option[string]{}
		switch ind.Kind {
		case assess.KindLevel:
			for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
				opts = append(opts, huh.NewOption(fmt.Sprintf("%d %s: %s", l, fw.LevelName(l, lang), ind.Rubric[l].In(lang)), strconv.Itoa(l)))
			}
		case assess.KindYesNo:
			opts = append(opts, huh.NewOption(i18n.T(lang, "yes"), "yes"), huh.NewOption(i18n.T(lang, "no"), "no"))
		case assess.KindNumber:
			opts = append(opts, huh.NewOption(i18n.F(lang, "type a number (%s)", unitWord(lang, ind.Unit)), "number"))
		}
		opts = append(opts, huh.NewOption(i18n.T(lang, "not applicable"), "na"), huh.NewOption(i18n.T(lang, "skip for now"), "skip"), huh.NewOption(i18n.T(lang, "stop here"), "stop"))
		form := huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title(ind.Question.In(lang)).Options(opts...).Value(&choice))).
			WithAccessible(true).WithInput(in).WithOutput(out)
		if err := form.Run(); err != nil {
			if errors.Is(err, huh.ErrUserAborted) || errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if inEOF.eof {
			return nil
		}
		var a assess.Answer
		switch choice {
		case "stop":
			return nil
		case "skip":
			continue
		case "na":
			a.NA = true
		case "yes", "no":
			a.Value = assess.YesNo(choice == "yes")
		case "number":
			var text string
			nf := huh.NewForm(huh.NewGroup(huh.NewInput().Title(i18n.F(lang, "Number in %s", unitWord(lang, ind.Unit))).Value(&text).Validate(func(v string) error {
				if _, err := parseNumber(lang, v); err != nil {
					return errors.New(i18n.T(lang, "type a number, such as 63.5"))
				}
				return nil
			}))).WithAccessible(true).WithInput(in).WithOutput(out)
			if err := nf.Run(); err != nil || inEOF.eof {
				return nil
			}
			f, err := parseNumber(lang, text)
			if err != nil {
				return nil
			}
			a.Value = assess.Number(f)
		default:
			l, _ := strconv.Atoi(choice)
			a.Level = assess.Int(l)
		}
		if err := s.change(func(d *countries.Doc) error { return d.SetAnswer(id, assess.Answers{a}) }); err != nil {
			return err
		}
		fmt.Fprintln(out, i18n.F(lang, "Saved. Overall score now %s of 100.", pct(s.model.Score.Overall.Score)))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, i18n.T(lang, "Every indicator has an answer now."))
	return nil
}

// eofReader hands its input over one line at a time (each huh prompt reads with its own
// scanner, which would otherwise swallow the next answers too) and notes when it ends.
type eofReader struct {
	r   *bufio.Reader
	eof bool
}

func newEOFReader(r io.Reader) *eofReader { return &eofReader{r: bufio.NewReader(r)} }

func (e *eofReader) Read(p []byte) (int, error) {
	line, err := e.r.ReadSlice('\n')
	n := copy(p, line)
	if n < len(line) {
		// The rest of a long line comes with the next reads.
		e.r = bufio.NewReader(io.MultiReader(bytes.NewReader(line[n:]), e.r))
		err = nil
	}
	if err == bufio.ErrBufferFull {
		err = nil
	}
	if err == io.EOF {
		e.eof = true
	}
	return n, err
}
