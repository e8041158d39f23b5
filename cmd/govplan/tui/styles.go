// Package tui is govplan's workshop terminal UI: one model per step of the engagement flow
// (start, readiness, needs, architecture, roadmap, export, compare) over a shared session
// that saves every change to the country file at once.
package tui

import (
	"charm.land/lipgloss/v2"
)

// Styles is the one theme of the UI, parsed once. With colour off (NO_COLOR, or tests) it
// keeps only bold, faint and reverse, and meaning never rests on colour: marks and words
// carry it everywhere.
type Styles struct {
	Title     lipgloss.Style // the title bar
	Step      lipgloss.Style // a step name in the title bar
	StepOn    lipgloss.Style // the current step
	Help      lipgloss.Style // the help bar
	HelpKey   lipgloss.Style
	Panel     lipgloss.Style // a bordered panel
	PanelHead lipgloss.Style
	Selected  lipgloss.Style // the highlighted row
	Faint     lipgloss.Style
	Bold      lipgloss.Style
	Good      lipgloss.Style // met, reuse, answered
	Warn      lipgloss.Style // disputed, partial, unknown
	Bad       lipgloss.Style // unmet, build
	Critical  lipgloss.Style
	Input     lipgloss.Style
	Error     lipgloss.Style
}

// NewStyles builds the theme; color false gives the plain one.
func NewStyles(color bool) Styles {
	border := lipgloss.RoundedBorder()
	s := Styles{
		Title:     lipgloss.NewStyle().Bold(true),
		Step:      lipgloss.NewStyle(),
		StepOn:    lipgloss.NewStyle().Bold(true).Reverse(true),
		Help:      lipgloss.NewStyle().Faint(true),
		HelpKey:   lipgloss.NewStyle().Bold(true),
		Panel:     lipgloss.NewStyle().Border(border),
		PanelHead: lipgloss.NewStyle().Bold(true),
		Selected:  lipgloss.NewStyle().Reverse(true),
		Faint:     lipgloss.NewStyle().Faint(true),
		Bold:      lipgloss.NewStyle().Bold(true),
		Good:      lipgloss.NewStyle(),
		Warn:      lipgloss.NewStyle().Bold(true),
		Bad:       lipgloss.NewStyle().Bold(true),
		Critical:  lipgloss.NewStyle().Bold(true),
		Input:     lipgloss.NewStyle().Underline(true),
		Error:     lipgloss.NewStyle().Bold(true),
	}
	if !color {
		return s
	}
	accent := lipgloss.Color("#5FAFFF")
	s.Title = s.Title.Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#1F4E79"))
	s.StepOn = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#1F4E79")).Background(lipgloss.Color("#FFFFFF"))
	s.Step = s.Step.Foreground(lipgloss.Color("#D0E4F5")).Background(lipgloss.Color("#1F4E79"))
	s.Panel = s.Panel.BorderForeground(lipgloss.Color("#6C7A89"))
	s.PanelHead = s.PanelHead.Foreground(accent)
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#2E6DA4"))
	s.HelpKey = s.HelpKey.Foreground(accent)
	s.Good = s.Good.Foreground(lipgloss.Color("#5FD787"))
	s.Warn = s.Warn.Foreground(lipgloss.Color("#FFAF5F"))
	s.Bad = s.Bad.Foreground(lipgloss.Color("#FF6B6B"))
	s.Critical = s.Critical.Foreground(lipgloss.Color("#FF8787"))
	s.Input = s.Input.Foreground(accent)
	s.Error = s.Error.Foreground(lipgloss.Color("#FF6B6B"))
	return s
}
