package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/colorprofile"
	"github.com/govplan/govplan/internal/i18n"
)

const (
	// progressEvery is the least time between two redraws (at most 10 a second).
	progressEvery = 100 * time.Millisecond
	// progressAfter is how long work runs before a line is drawn: quick commands show none.
	progressAfter = 300 * time.Millisecond
)

// progressLine is a one-line progress bar on stderr for long work: compare, import and
// export. It draws only when stderr is a terminal and -q is not given; otherwise every method
// does nothing, so scripts and logs never see it. Work done within progressAfter shows no line;
// the line is redrawn in place at most ten times a second and erased by Done, so the messages that follow start on a clean line.
// Its methods are safe for concurrent use.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer // stderr; nil: draw nothing
	color io.Writer // stderr through colorprofile, for the bar's colours
	lang  string
	label string
	total int
	done  int
	start time.Time
	last  time.Time // when the line was last drawn
	drawn bool
	now   func() time.Time
	bar   progress.Model
}

// progress starts a progress line for total steps of the work label says ("Reading files").
// total may be 0 when unknown: the line then counts without a bar.
func (a *app) progress(label string, total int) *progressLine {
	p := &progressLine{lang: a.lang, label: label, total: total, now: a.clock,
		bar: progress.New(progress.WithWidth(24), progress.WithoutPercentage(), progress.WithFillCharacters('█', '░'))}
	if p.now == nil {
		p.now = time.Now
	}
	p.start = p.now()
	if !a.quiet && a.progressTerminal() {
		// The bar's colours are downsampled to what the terminal shows (none with NO_COLOR).
		p.w, p.color = a.rawErr, colorprofile.NewWriter(a.rawErr, os.Environ())
	}
	return p
}

// progressTerminal reports whether progress may be drawn: stderr is a terminal.
func (a *app) progressTerminal() bool {
	if a.errTerminal != nil {
		return a.errTerminal()
	}
	return a.rawErr != nil && isTerminal(a.rawErr)
}

// Add records n more steps done and redraws the line when the last draw is old enough.
func (p *progressLine) Add(n int) {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	t := p.now()
	if t.Sub(p.start) < progressAfter {
		return
	}
	if !p.drawn || t.Sub(p.last) >= progressEvery || p.done == p.total {
		p.last = t
		p.draw()
	}
}

// draw writes the line over the previous one: label, bar, count.
func (p *progressLine) draw() {
	// \r returns to the line's start, ESC[K erases what a longer earlier line left.
	fmt.Fprint(p.w, "\r"+p.label+" ")
	count := i18n.Int(p.lang, float64(p.done))
	if p.total > 0 {
		fmt.Fprint(p.color, p.bar.ViewAs(float64(p.done)/float64(p.total)))
		count = " " + count + "/" + i18n.Int(p.lang, float64(p.total))
	}
	fmt.Fprint(p.w, count+"\x1b[K")
	p.drawn = true
}

// Done erases the line (when one was drawn); the cursor is left at the start of an empty line.
func (p *progressLine) Done() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
