package tui

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
)

// RunAccessible answers a country file's open indicators in huh's accessible mode: plain
// prompts, one per line, for screen readers. Every answer is saved at once.
func RunAccessible(path, catalogDir, lang string, in io.Reader, out io.Writer) error {
	s, err := openSession(path, catalogDir, lang)
	if err != nil {
		return err
	}
	fw := s.fw
	open := s.doc.File.Unanswered(fw)
	fmt.Fprintf(out, "%s: %d of %d indicators still to answer. Answer each, or choose skip. Every answer is saved at once.\n",
		s.doc.File.Title(), len(open), len(fw.Indicators()))
	for i, id := range open {
		ind := fw.Indicator(id)
		fmt.Fprintf(out, "\n%d of %d · %s · %s\n", i+1, len(open), fw.PillarOf(id).Name.In(lang), id)
		var choice string
		opts := []huh.Option[string]{}
		switch ind.Kind {
		case assess.KindLevel:
			for l := fw.Scale.Min; l <= fw.Scale.Max; l++ {
				opts = append(opts, huh.NewOption(fmt.Sprintf("%d %s: %s", l, fw.LevelName(l, lang), ind.Rubric[l].In(lang)), strconv.Itoa(l)))
			}
		case assess.KindYesNo:
			opts = append(opts, huh.NewOption("yes", "yes"), huh.NewOption("no", "no"))
		case assess.KindNumber:
			opts = append(opts, huh.NewOption("type a number ("+ind.Unit+")", "number"))
		}
		opts = append(opts, huh.NewOption("not applicable", "na"), huh.NewOption("skip for now", "skip"), huh.NewOption("stop here", "stop"))
		form := huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title(ind.Question.In(lang)).Options(opts...).Value(&choice))).
			WithAccessible(true).WithInput(in).WithOutput(out)
		if err := form.Run(); err != nil {
			if errors.Is(err, huh.ErrUserAborted) || errors.Is(err, io.EOF) {
				return nil
			}
			return err
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
			nf := huh.NewForm(huh.NewGroup(huh.NewInput().Title("Number in " + ind.Unit).Value(&text).Validate(func(v string) error {
				_, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					return fmt.Errorf("type a number, such as 63.5")
				}
				return nil
			}))).WithAccessible(true).WithInput(in).WithOutput(out)
			if err := nf.Run(); err != nil {
				return nil
			}
			f, _ := strconv.ParseFloat(strings.TrimSpace(text), 64)
			a.Value = assess.Number(f)
		default:
			l, _ := strconv.Atoi(choice)
			a.Level = assess.Int(l)
		}
		if err := s.change(func(d *countries.Doc) error { return d.SetAnswer(id, assess.Answers{a}) }); err != nil {
			return err
		}
		fmt.Fprintf(out, "Saved. Overall score now %s of 100.\n", pct(s.model.Score.Overall.Score))
	}
	fmt.Fprintln(out, "\nEvery indicator has an answer now.")
	return nil
}
