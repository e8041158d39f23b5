package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/buildinfo"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/termtext"
	"github.com/govplan/govplan/internal/yamlx"
	"github.com/govplan/govplan/output/report"
	"github.com/spf13/cobra"
)

// Exit codes (design §6).
const (
	exitOK      = 0
	exitFailure = 1
	exitInput   = 2
)

// app holds what every command shares: its I/O and the global flags.
type app struct {
	in     io.Reader
	out    io.Writer // stdout through a termtext.Writer: text from files cannot reach the terminal raw
	errOut io.Writer // stderr, filtered the same way
	// rawOut is stdout itself, for the TUI and for bytes that are not text (a PNG).
	rawOut io.Writer

	shown, hidden int // problem lines printed and held back (floodShown)

	lang       string // the language of texts, a supported code ("en", "fr", "es")
	langFlag   string // --lang as given
	warnedLang string // the unsupported language already warned about
	catalogDir string
	quiet      bool // -q: no messages or progress on stderr, only warnings and errors

	// rawErr is stderr itself, for the progress line (its carriage returns and erase codes
	// are not text from files); errTerminal, when set (tests), says whether it is a terminal.
	rawErr      io.Writer
	errTerminal func() bool
	clock       func() time.Time // nil: time.Now
}

// raw returns stdout unfiltered (a.out when the app was built without it, as in tests).
func (a *app) raw() io.Writer {
	if a.rawOut != nil {
		return a.rawOut
	}
	return a.out
}

// exitError carries an exit code with an error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// inputError marks err as bad input or usage (exit 2).
func inputError(err error) error {
	if err == nil {
		return nil
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	return &exitError{code: exitInput, err: err}
}

func run(args []string, in io.Reader, out, errOut io.Writer) int {
	return runWith(args, in, out, errOut, nil)
}

// runWith is run with the app adjusted by tune first (tests: a terminal, a clock).
func runWith(args []string, in io.Reader, out, errOut io.Writer, tune func(*app)) int {
	stdout, stderr := termtext.NewWriter(out), termtext.NewWriter(errOut)
	a := &app{in: in, out: stdout, errOut: stderr, rawOut: out, rawErr: errOut}
	if tune != nil {
		tune(a)
	}
	// Help and flag descriptions are built in the language asked for, so it is found before
	// cobra parses the line; --lang sets it again once parsed.
	a.setLang(langArg(args), errOut)
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err != nil {
		err = a.cobraError(err)
		a.printError(err)
	}
	a.flushHidden()
	if werr := stdout.Err(); werr != nil {
		// Output that could not be written (a full disk, /dev/full) is a failure, never a
		// silent success.
		fmt.Fprintln(stderr, i18n.F(a.lang, "govplan: cannot write the output: %s", yamlx.OSReason(werr)))
		if err == nil {
			return exitFailure
		}
	}
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isUsageError(err) {
		return exitInput
	}
	return exitFailure
}

// isUsageError recognises the errors cobra returns for a wrong command line.
func isUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "required flag", "if any flags in the group"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// errReported is returned when the errors were already printed.
var errReported = errors.New("errors reported")

func (a *app) printError(err error) {
	if errors.Is(err, errReported) {
		return
	}
	for _, e := range yamlx.AsErrors(unwrapExit(err)) {
		if a.shown >= floodShown {
			a.hidden++ // not formatted: a flood can hold hundreds of thousands
			continue
		}
		line := e.In(a.lang)
		if e.File == "" && e.Line == 0 {
			line = "govplan: " + line
		}
		a.problemLine(line)
	}
}

// floodShown is how many problem lines (errors and warnings) a run prints in full; the rest
// are counted and summed up in one line at the end (design: a flood shows at most 60 lines).
const floodShown = 50

// problemLine prints one error or warning line, or counts it once floodShown were printed.
func (a *app) problemLine(line string) {
	if a.shown < floodShown {
		fmt.Fprintln(a.errOut, line)
		a.shown++
		return
	}
	a.hidden++
}

// flushHidden says how many problem lines were not printed.
func (a *app) flushHidden() {
	if a.hidden > 0 {
		fmt.Fprintln(a.errOut, i18n.F(a.lang, "... and %d more problems not shown (govplan validate --format json FILE lists them all)", a.hidden))
		a.hidden = 0
	}
}

func unwrapExit(err error) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.err
	}
	return err
}

func (a *app) warn(ws yamlx.Errors) {
	for _, w := range ws {
		if a.shown >= floodShown {
			a.hidden++
			continue
		}
		w := *w
		w.Warning = true
		a.problemLine(w.In(a.lang))
	}
}

func (a *app) rootCmd() *cobra.Command {
	lang := a.lang
	root := &cobra.Command{
		Use:   "govplan",
		Short: i18n.T(lang, "Digital-government readiness, GovStack architecture and roadmap planning"),
		Long: localHelp(
			i18n.T(lang, "govplan takes a country through a digital-government readiness assessment, matches its priority services to GovStack building blocks and products, plans a costed roadmap, and exports workbooks, diagrams and reports. Everything is plain YAML files and works offline."),
			i18n.T(lang, "With no command it opens the workshop terminal UI."),
		),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          a.noArgs(),
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if a.langFlag == "" {
				a.langFlag = envLang()
			}
			a.setLang(a.langFlag, a.errOut)
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runTUI("")
		},
	}
	root.PersistentFlags().StringVar(&a.langFlag, "lang", "",
		i18n.F(lang, "language of texts: %s (default: GOVPLAN_LANG, else LC_ALL, LC_MESSAGES or LANG, else English)", strings.Join(i18n.Languages(), ", ")))
	root.PersistentFlags().BoolVarP(&a.quiet, "quiet", "q", false, i18n.T(lang, "print no messages or progress on stderr, only warnings and errors"))
	root.Version = buildinfo.Read().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.PersistentFlags().StringVar(&a.catalogDir, "catalog", "", i18n.T(lang, "folder with your own catalog YAML, merged over the built-in catalog"))
	root.SetFlagErrorFunc(a.flagError)
	root.SetUsageFunc(a.usage)
	root.SetHelpFunc(a.help)
	root.AddCommand(
		a.assessCmd(),
		a.validateCmd(),
		a.scoreCmd(),
		a.initCmd(),
		a.catalogCmd(),
		a.matchCmd(),
		a.roadmapCmd(),
		a.exportCmd(),
		a.reportCmd(),
		a.diagramCmd(),
		a.demoCmd(),
		a.compareCmd(),
		a.importCmd(),
		a.questionnaireCmd(),
		a.serveCmd(),
		a.versionCmd(),
		a.migrateCmd(),
	)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	a.registerCompletions(root)
	addExamples(root)
	return root
}

// wrapArgs makes cobra's argument-count errors exit with code 2.
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			return inputError(check(cmd, args))
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// note prints a message for the person at the terminal on stderr, unless -q: what was
// written, what to do next. Data goes to stdout; messages never do.
func (a *app) note(msg string) {
	if !a.quiet {
		fmt.Fprintln(a.errOut, msg)
	}
}

// writeJSON prints v as one indented JSON document that opens with schema_version and
// govplan_version (report.Header), however v is built.
func (a *app) writeJSON(v any) error {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	body := withHeader(bytes.TrimSpace(raw.Bytes()))
	var out bytes.Buffer
	if err := json.Indent(&out, body, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := a.out.Write(out.Bytes())
	return err
}

// writeList prints a list as a document: {"schema_version": …, key: [...]}.
func (a *app) writeList(key string, list any) error {
	return a.writeJSON(map[string]any{key: list})
}

// withHeader puts the header's keys first in a JSON object that lacks them.
func withHeader(body []byte) []byte {
	if len(body) < 2 || body[0] != '{' || bytes.Contains(body[:min(len(body), 64)], []byte(`"schema_version"`)) {
		return body
	}
	h, _ := json.Marshal(report.NewHeader())
	rest := body[1:]
	if len(rest) > 1 { // not "{}"
		h[len(h)-1] = ','
	} else {
		h = h[:len(h)-1]
	}
	return append(h, rest...)
}

// countryFlags are the flags of commands that take one country file.
type countryFlags struct {
	sample    string
	framework string
}

func (f *countryFlags) register(c *cobra.Command, lang string) {
	c.Flags().StringVar(&f.sample, "sample", "", i18n.T(lang, "use an embedded sample country instead of a file (see govplan catalog samples)"))
	c.Flags().StringVar(&f.framework, "framework", "", i18n.T(lang, "framework to score with: an embedded id[@version] or a template file path"))
}

// loadCountry opens the country named by args or --sample with its framework, and prints the
// file's warnings.
func (a *app) loadCountry(args []string, f countryFlags) (*countries.Doc, *assess.Framework, error) {
	var doc *countries.Doc
	var err error
	switch {
	case f.sample != "" && len(args) > 0:
		return nil, nil, inputMsg(i18n.T(a.lang, "give a country file or --sample, not both"))
	case f.sample != "":
		doc, err = countries.Sample(f.sample)
	case len(args) == 1 && args[0] == "-":
		var data []byte
		if data, err = a.readStdin(); err == nil {
			doc, err = countries.Parse(stdinName, data)
		}
	case len(args) == 1:
		doc, err = countries.Load(args[0])
	default:
		return nil, nil, inputMsg(i18n.F(a.lang, "name a country file (or use --sample NAME; samples: %s)", strings.Join(countries.SampleNames(), ", ")))
	}
	if err != nil {
		return nil, nil, inputError(err)
	}
	fw, err := doc.Framework(f.framework)
	if err != nil {
		return nil, nil, inputError(err)
	}
	if err := doc.Check(fw); err != nil {
		return nil, nil, inputError(err)
	}
	return doc, fw, nil
}

// stdinName names standard input in messages ("<stdin>:12:3: …").
const stdinName = "<stdin>"

// readStdin reads a file given as "-", refusing one larger than the limit for files.
func (a *app) readStdin() ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(a.in, yamlx.MaxFileSize+1))
	if err != nil {
		return nil, yamlx.Errorf(stdinName, "cannot read: %s", yamlx.OSReason(err))
	}
	if len(data) > yamlx.MaxFileSize {
		return nil, yamlx.Errorf(stdinName, "file is larger than the %d MiB limit", yamlx.MaxFileSize>>20)
	}
	return data, nil
}

// loadModel opens a country file, checks it against its framework and the catalog, and builds
// the scorecard and the match.
func (a *app) loadModel(args []string, f countryFlags) (*countries.Model, error) {
	prefetchCatalog()
	doc, fw, err := a.loadCountry(args, f)
	if err != nil {
		return nil, err
	}
	cat, err := a.catalog()
	if err != nil {
		return nil, err
	}
	if err := countries.CheckGates(fw, cat); err != nil {
		return nil, inputError(err)
	}
	if err := doc.CheckCatalog(cat); err != nil {
		return nil, inputError(err)
	}
	return countries.Build(doc, fw, cat, a.lang), nil
}

// loadPlan is loadModel with the roadmap planned as the file says.
func (a *app) loadPlan(args []string, f countryFlags) (*countries.Model, error) {
	return a.loadPlanWith(args, f, countries.PlanOptions{})
}

// loadPlanWith is loadModel with the roadmap planned with opts over the file's plan settings.
func (a *app) loadPlanWith(args []string, f countryFlags, opts countries.PlanOptions) (*countries.Model, error) {
	m, err := a.loadModel(args, f)
	if err != nil {
		return nil, err
	}
	if err := m.Replan(opts); err != nil {
		return nil, inputError(err)
	}
	return m, nil
}

// prefetchCatalog parses the built-in catalog on another core while the country file and its
// framework are parsed (catalog.Default parses once; a later call waits for this one). It
// takes about a quarter of the time of score, match and roadmap on a sample.
func prefetchCatalog() { go catalog.Default() }

// catalog loads the built-in catalog with --catalog merged over it.
func (a *app) catalog() (*catalog.Catalog, error) {
	cat, err := catalog.Load(a.catalogDir)
	if err != nil {
		return nil, inputError(err)
	}
	return cat, nil
}

// formatFlag validates a --format value against the allowed ones.
func (a *app) formatFlag(v string, allowed ...string) error {
	for _, f := range allowed {
		if v == f {
			return nil
		}
	}
	return inputMsg(i18n.F(a.lang, "--format %q is not one of %s", v, strings.Join(allowed, ", ")))
}
