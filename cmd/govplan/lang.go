package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/govplan/govplan/internal/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// langArg finds the language of texts before cobra parses the command line, so that help and
// flag descriptions are built in it: the last --lang on the line (up to a lone "--"), else the
// environment (envLang).
func langArg(args []string) string {
	lang := ""
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if v, ok := strings.CutPrefix(arg, "--lang="); ok {
			lang = v
		} else if arg == "--lang" && i+1 < len(args) {
			lang = args[i+1]
			i++
		}
	}
	if lang == "" {
		return envLang()
	}
	return lang
}

// envLang is the language the environment asks for: GOVPLAN_LANG, else the POSIX locale
// (LC_ALL, then LC_MESSAGES, then LANG). A locale govplan has no messages for ("C", "de_DE")
// means English without a warning, as nobody asked govplan for it; GOVPLAN_LANG is checked
// and warned about like --lang.
func envLang() string {
	if v := os.Getenv("GOVPLAN_LANG"); v != "" {
		return v
	}
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(key)
		if v == "" {
			continue
		}
		if code := langCode(v); i18n.Supported(code) {
			return code
		}
		return i18n.Default
	}
	return i18n.Default
}

// langCode reduces a language tag or locale to its language: "fr-FR", "fr_FR.UTF-8" and
// "fr@euro" are "fr".
func langCode(lang string) string {
	code := strings.ToLower(strings.TrimSpace(lang))
	for _, sep := range []string{".", "_", "-", "@"} {
		code, _, _ = strings.Cut(code, sep)
	}
	return code
}

// setLang makes lang the language of texts: "fr-FR" or "fr_FR.UTF-8" become "fr"; a
// language without messages falls back to English with one warning on w (in English, as
// the person asked for a language govplan cannot speak).
func (a *app) setLang(lang string, w io.Writer) {
	code := langCode(lang)
	switch {
	case code == "":
		code = i18n.Default
	case !i18n.Supported(code):
		if a.warnedLang != lang {
			fmt.Fprintf(w, "warning: language %q is not available (languages: %s); using English\n", lang, strings.Join(i18n.Languages(), ", "))
			a.warnedLang = lang
		}
		code = i18n.Default
	}
	a.lang = code
}

// inputMsg is a bad-input error with a message already in the language of texts.
func inputMsg(msg string) error { return inputError(errors.New(msg)) }

// Argument checks with messages in the language of texts (cobra's are English only).

func (a *app) noArgs() cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			msg := i18n.F(a.lang, "unknown command %q for %q (see %s --help)", args[0], cmd.CommandPath(), cmd.CommandPath())
			if cmd.HasAvailableSubCommands() {
				cmd.SuggestionsMinimumDistance = 2
				if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
					msg += "\n" + i18n.F(a.lang, "Did you mean %s?", strings.Join(s, ", "))
				}
			}
			return inputMsg(msg)
		}
		return nil
	}
}

// subcommand names a command without the program name ("catalog blocks"), as messages
// already start with "govplan:".
func subcommand(cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

func (a *app) maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return inputMsg(i18n.N(a.lang, "%s takes at most %d arguments, got %d: %s", subcommand(cmd), n, len(args), strings.Join(args, " ")))
		}
		return nil
	}
}

func (a *app) exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return inputMsg(i18n.N(a.lang, "%s takes %d arguments, got %d (usage: %s)", subcommand(cmd), n, len(args), a.useLine(cmd)))
		}
		return nil
	}
}

func (a *app) minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return inputMsg(i18n.N(a.lang, "%s needs at least %d arguments (usage: %s)", subcommand(cmd), n, a.useLine(cmd)))
		}
		return nil
	}
}

// flagError says what is wrong with a flag in the language of texts; pflag's messages are
// recognised by their English form.
func (a *app) flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	if v, ok := strings.CutPrefix(msg, "unknown flag: "); ok {
		msg = i18n.F(a.lang, "unknown flag: %s", v)
	} else if v, ok := strings.CutPrefix(msg, "unknown shorthand flag: "); ok {
		msg = i18n.F(a.lang, "unknown shorthand flag: %s", v)
	} else if v, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		msg = i18n.F(a.lang, "flag needs an argument: %s", v)
	} else if m := invalidFlagArg.FindStringSubmatch(msg); m != nil {
		why := m[3]
		if strings.Contains(why, "strconv.Parse") {
			why = i18n.T(a.lang, "expected a number")
		}
		msg = i18n.F(a.lang, "invalid value %s for --%s: %s", m[1], m[2], why)
	}
	return inputMsg(i18n.F(a.lang, "%s (see %s --help)", msg, c.CommandPath()))
}

var invalidFlagArg = regexp.MustCompile(`^invalid argument (".*") for "(?:-\w, )?--([\w-]+)" flag: (.*)$`)

// cobraError translates the errors cobra makes itself after parsing (required flags).
func (a *app) cobraError(err error) error {
	if v, ok := strings.CutPrefix(err.Error(), "required flag(s) "); ok {
		v = strings.TrimSuffix(v, " not set")
		return inputMsg(i18n.F(a.lang, "required flags not set: %s", v))
	}
	return err
}

// localHelp folds paragraphs into a command's long description, each wrapped at 92 columns.
func localHelp(paragraphs ...string) string {
	out := make([]string, len(paragraphs))
	for i, p := range paragraphs {
		out[i] = wrap(p, 92, "")
	}
	return strings.Join(out, "\n\n")
}

// usage prints a command's usage in the language of texts (cobra's own template is English).
func (a *app) usage(c *cobra.Command) error {
	lang := a.lang
	w := c.OutOrStderr()
	fmt.Fprint(w, i18n.T(lang, "Usage:"))
	if c.Runnable() {
		fmt.Fprintf(w, "\n  %s", a.useLine(c))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s %s", c.CommandPath(), i18n.T(lang, "[command]"))
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(w, "\n\n%s\n  %s", i18n.T(lang, "Aliases:"), c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n\n%s\n%s", i18n.T(lang, "Examples:"), c.Example)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n%s", i18n.T(lang, "Commands:"))
		width := 11
		for _, sub := range c.Commands() {
			width = max(width, len(sub.Name()))
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(w, "\n  %-*s %s", width, sub.Name(), a.short(sub))
			}
		}
	}
	a.localizeHelpFlag(c)
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\n\n%s\n%s", i18n.T(lang, "Flags:"), a.flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\n\n%s\n%s", i18n.T(lang, "Global flags:"), a.flagUsages(c.InheritedFlags()))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n%s", i18n.F(lang, "Use \"%s [command] --help\" for more about a command.", c.CommandPath()))
	}
	fmt.Fprintln(w)
	return nil
}

// help prints a command's description and usage.
func (a *app) help(c *cobra.Command, _ []string) {
	w := c.OutOrStdout()
	text := c.Long
	if c.Name() == "completion" && c.Parent() == c.Root() {
		text = localHelp(i18n.F(a.lang, "Generate the autocompletion script for %s for the specified shell. See each sub-command's help for details on how to use the generated script.", c.Root().Name()))
	}
	if text == "" {
		text = a.short(c)
	}
	if text = strings.TrimRight(text, " \n"); text != "" {
		fmt.Fprintf(w, "%s\n\n", text)
	}
	if c.Runnable() || c.HasSubCommands() {
		c.SetOut(w)
		_ = a.usage(c)
	}
}

// useLine is the command's usage line with "[flags]" in the language of texts.
func (a *app) useLine(c *cobra.Command) string {
	line := c.CommandPath()
	if _, rest, ok := strings.Cut(c.Use, " "); ok {
		line += " " + rest
	}
	if c.HasAvailableFlags() && !strings.Contains(line, "[flags]") {
		line += " " + i18n.T(a.lang, "[flags]")
	}
	return line
}

// short is a command's one-line description; cobra's own commands (help, completion) are
// translated here as cobra writes them in English.
func (a *app) short(c *cobra.Command) string {
	switch {
	case c.Short == "Help about any command":
		return i18n.T(a.lang, "Help about any command")
	case c.Short == "Generate the autocompletion script for the specified shell":
		return i18n.T(a.lang, "Generate the autocompletion script for the specified shell")
	case strings.HasPrefix(c.Short, "Generate the autocompletion script for "):
		return i18n.F(a.lang, "Generate the autocompletion script for %s", c.Name())
	}
	return c.Short
}

// localizeHelpFlag describes -h in the language of texts (cobra adds it in English).
func (a *app) localizeHelpFlag(c *cobra.Command) {
	c.InitDefaultHelpFlag()
	if f := c.Flags().Lookup("help"); f != nil {
		f.Usage = i18n.F(a.lang, "help for %s", c.Name())
	}
}

var flagDefault = regexp.MustCompile(` \(default (.*)\)$`)

// flagUsages lists flags as pflag does, with "(default …)" in the language of texts.
func (a *app) flagUsages(fs *pflag.FlagSet) string {
	lines := strings.Split(strings.TrimRight(fs.FlagUsages(), " \n"), "\n")
	for i, l := range lines {
		if m := flagDefault.FindStringSubmatchIndex(l); m != nil {
			lines[i] = l[:m[0]] + " " + i18n.F(a.lang, "(default %s)", l[m[2]:m[3]])
		}
	}
	return strings.Join(lines, "\n")
}
