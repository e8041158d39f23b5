package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/govplan/govplan/cmd/govplan/tui"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/ident"
	"github.com/govplan/govplan/internal/room"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"
)

// Observer is the user name of the read-only view.
const Observer = "observer"

// serveOptions are the flags of `govplan serve`.
type serveOptions struct {
	listen         string
	authorizedKeys string
	passcode       string
	hostKey        string
	headless       bool
}

func (a *app) serveCmd() *cobra.Command {
	var o serveOptions
	lang := a.lang
	c := &cobra.Command{
		Use:   "serve " + i18n.T(lang, "FILE [--listen ADDR] [--authorized-keys FILE]"),
		Short: i18n.T(lang, "Run a live workshop: every ministry answers into one file from its own laptop over SSH"),
		Long: localHelp(
			i18n.T(lang, "serve opens the country file and lets the delegates connect with any SSH client: ssh <ministry-id>@<this laptop> -p PORT gives the workshop screens bound to that ministry (its answers are recorded as its own); ssh observer@... gives a read-only view for donors or a projector. Every edit goes through one writer that saves the file atomically, and every screen shows it at once. Your own screen is the room view: who is connected, what each ministry and each area has answered, the open disputes, and the last save."),
			i18n.T(lang, "Delegates log in with the passcode shown on your screen, or with a key listed in --authorized-keys. It listens on this computer only (127.0.0.1:2222) unless --listen says otherwise: use --listen 0.0.0.0:2222 for the room's network. ctrl+c stops it; everything shown as saved is in the file."),
		),
		Example: `  govplan serve bakana.yaml --listen 0.0.0.0:2222
  ssh finance@192.168.43.10 -p 2222        # on a delegate's laptop
  ssh observer@192.168.43.10 -p 2222       # read-only, for the projector
  govplan serve bakana.yaml --authorized-keys delegates.pub --headless`,
		Args: a.exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runServe(args[0], o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.listen, "listen", "127.0.0.1:2222", i18n.T(lang, "address and port to listen on (0.0.0.0:2222 for every network of this computer)"))
	f.StringVar(&o.authorizedKeys, "authorized-keys", "", i18n.T(lang, "an authorized_keys file: any key listed may log in (as any ministry or observer) and the passcode is off"))
	f.StringVar(&o.passcode, "passcode", "", i18n.T(lang, "the passcode delegates type (default: a new random one, shown on screen)"))
	f.StringVar(&o.hostKey, "host-key", "", i18n.T(lang, "the server's SSH host key (default: made once and kept in the user config folder)"))
	f.BoolVar(&o.headless, "headless", false, i18n.T(lang, "no room view: print the passcode and a line per event, stop on ctrl+c or SIGTERM"))
	return c
}

// workshop is the SSH server of a live room.
type workshop struct {
	room     *room.Room
	srv      *ssh.Server
	passcode string
	lang     string
	log      io.Writer
	failed   atomic.Int64
}

// workshopOptions configure a workshop server.
type workshopOptions struct {
	listen         string
	passcode       string // empty with authorized keys
	authorizedKeys string
	hostKey        string
	lang           string
	log            io.Writer
}

// newWorkshop builds the SSH server around an open room.
func newWorkshop(r *room.Room, o workshopOptions) (*workshop, error) {
	w := &workshop{room: r, passcode: o.passcode, lang: o.lang, log: o.log}
	if w.log == nil {
		w.log = io.Discard
	}
	opts := []ssh.Option{
		wish.WithAddress(o.listen),
		wish.WithHostKeyPath(o.hostKey),
		wish.WithIdleTimeout(8 * time.Hour),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(w.program),
			w.checkUser,
		),
	}
	if o.authorizedKeys != "" {
		keys, err := readAuthorizedKeys(o.authorizedKeys)
		if err != nil {
			return nil, err
		}
		opts = append(opts, wish.WithPublicKeyAuth(func(ctx ssh.Context, key ssh.PublicKey) bool {
			for _, k := range keys {
				if ssh.KeysEqual(key, k) {
					return true
				}
			}
			w.refused(ctx, "key not listed")
			return false
		}))
	} else {
		opts = append(opts,
			wish.WithKeyboardInteractiveAuth(w.keyboardAuth),
			wish.WithPasswordAuth(func(ctx ssh.Context, pass string) bool {
				if w.userProblem(ctx.User()) != "" || !w.passcodeOK(pass) {
					w.refused(ctx, "wrong passcode or user")
					return false
				}
				return true
			}))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, err
	}
	w.srv = srv
	return w, nil
}

// readAuthorizedKeys reads every key of an authorized_keys file.
func readAuthorizedKeys(path string) ([]ssh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var keys []ssh.PublicKey
	line := 0
	for sc := bufio.NewScanner(bytes.NewReader(data)); sc.Scan(); {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(t))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not an SSH public key: %v", path, line, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s: no SSH public key in the file", path)
	}
	return keys, nil
}

func (w *workshop) refused(ctx ssh.Context, why string) {
	w.failed.Add(1)
	fmt.Fprintf(w.log, "%s refused %s@%s: %s\n", time.Now().Format("15:04:05"), ctx.User(), ctx.RemoteAddr(), why)
}

// keyboardAuth asks for the passcode; an unknown user name is told which names exist.
func (w *workshop) keyboardAuth(ctx ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
	if msg := w.userProblem(ctx.User()); msg != "" {
		_, _ = ch("govplan", msg, nil, nil)
		w.refused(ctx, "unknown user")
		return false
	}
	ans, err := ch("govplan", i18n.T(w.lang, "govplan workshop: type the passcode shown on the facilitator's screen."), []string{i18n.T(w.lang, "Passcode: ")}, []bool{false})
	if err != nil || len(ans) != 1 || !w.passcodeOK(ans[0]) {
		w.refused(ctx, "wrong passcode")
		return false
	}
	return true
}

// passcodeOK compares in constant time, ignoring spaces and dashes.
func (w *workshop) passcodeOK(s string) bool {
	norm := func(s string) string { return strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)) }
	return w.passcode != "" && subtle.ConstantTimeCompare([]byte(norm(s)), []byte(norm(w.passcode))) == 1
}

// userProblem says why a user name cannot log in (empty when it can): it must be a ministry
// of the file or observer.
func (w *workshop) userProblem(user string) string {
	u := ident.Norm(user)
	if u == Observer {
		return ""
	}
	ids := w.room.State().Ministries
	for _, id := range ids {
		if id == u {
			return ""
		}
	}
	return i18n.F(w.lang, "govplan: %q is not a ministry of this workshop. Log in as one of: %s, or %s for a read-only view (ssh finance@HOST -p PORT).",
		user, strings.Join(ids, ", "), Observer)
}

// checkUser ends a session whose user is not a ministry or observer (public-key logins reach
// here without the name check of the passcode prompt).
func (w *workshop) checkUser(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		if msg := w.userProblem(s.User()); msg != "" {
			wish.Fatalln(s, msg)
			return
		}
		if _, _, ok := s.Pty(); !ok {
			wish.Fatalln(s, i18n.T(w.lang, "govplan: the workshop screens need a terminal; connect with ssh -t"))
			return
		}
		next(s)
	}
}

// program makes the workshop screens for one session, bound to its ministry.
func (w *workshop) program(s ssh.Session) *tea.Program {
	user := ident.Norm(s.User())
	lang := sessionLang(s.Environ(), w.lang)
	opts := tui.Options{Path: w.room.Path, Lang: lang, Room: w.room, Remote: true, Color: true}
	if user == Observer {
		opts.ReadOnly = true
	} else {
		opts.Ministry = user
	}
	m, err := tui.New(opts)
	if err != nil {
		wish.Fatalln(s, "govplan: "+err.Error())
		return nil
	}
	p := tea.NewProgram(m, bm.MakeOptions(s)...)
	leave := w.room.Join(user, s.RemoteAddr().String())
	stop := w.room.Subscribe(func() { p.Send(tui.RoomChangedMsg{}) })
	fmt.Fprintf(w.log, "%s %s connected from %s\n", time.Now().Format("15:04:05"), user, s.RemoteAddr())
	go func() {
		<-s.Context().Done()
		stop()
		leave()
		fmt.Fprintf(w.log, "%s %s left\n", time.Now().Format("15:04:05"), user)
	}()
	return p
}

// sessionLang takes the language from the client's GOVPLAN_LANG or LANG when it sends one.
func sessionLang(env []string, def string) string {
	for _, k := range []string{"GOVPLAN_LANG=", "LC_ALL=", "LANG="} {
		for _, e := range env {
			if v, ok := strings.CutPrefix(e, k); ok && v != "" && v != "C" && v != "POSIX" {
				if l := v[:min(2, len(v))]; i18n.Supported(l) {
					return l
				}
			}
		}
	}
	return def
}

// newPasscode makes an 8-digit passcode written 1234-5678.
func newPasscode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(100_000_000))
	if err != nil {
		return "", err
	}
	s := fmt.Sprintf("%08d", n.Int64())
	return s[:4] + "-" + s[4:], nil
}

// defaultHostKey is where the host key is kept: the user config folder.
func defaultHostKey() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	dir = filepath.Join(dir, "govplan")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, "ssh_host_ed25519_key"), nil
}

func (a *app) runServe(path string, o serveOptions) error {
	if !o.headless && !a.isTerminal() {
		return inputMsg(i18n.T(a.lang, "the workshop screens need a terminal; in scripts use govplan serve --headless"))
	}
	r, err := room.Open(path, a.catalogDir)
	if err != nil {
		return inputError(err)
	}
	defer r.Close()
	if o.hostKey == "" {
		if o.hostKey, err = defaultHostKey(); err != nil {
			return err
		}
	}
	pass := ""
	if o.authorizedKeys == "" {
		pass = o.passcode
		if pass == "" {
			if pass, err = newPasscode(); err != nil {
				return err
			}
		}
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return inputMsg(i18n.F(a.lang, "cannot listen on %s: %s", o.listen, err))
	}
	var logw io.Writer = a.errOut
	if !o.headless {
		logw = io.Discard // the room view owns the terminal
	}
	w, err := newWorkshop(r, workshopOptions{listen: o.listen, passcode: pass, authorizedKeys: o.authorizedKeys, hostKey: o.hostKey, lang: a.lang, log: logw})
	if err != nil {
		ln.Close()
		return inputError(err)
	}
	served := make(chan error, 1)
	go func() { served <- w.srv.Serve(ln) }()

	banner := w.banner(ln.Addr().String(), path, o.authorizedKeys)
	if o.headless {
		for _, l := range banner {
			fmt.Fprintln(a.out, l)
		}
		ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer cancel()
		select {
		case <-ctx.Done():
		case err := <-served:
			if err != nil && !errors.Is(err, ssh.ErrServerClosed) {
				return err
			}
		}
	} else {
		if err := a.roomView(r, path, banner); err != nil {
			w.stop()
			return err
		}
	}
	w.stop()
	r.Close()
	fmt.Fprintln(a.out, i18n.F(a.lang, "workshop stopped; every answer is in %s", path))
	return nil
}

// isTerminal reports whether the command runs in a terminal (input and output).
func (a *app) isTerminal() bool {
	in, inOK := a.in.(*os.File)
	out, outOK := a.raw().(*os.File)
	return inOK && outOK && term.IsTerminal(in.Fd()) && term.IsTerminal(out.Fd())
}

// stop closes the listener, ends every session and waits a little for them to finish.
func (w *workshop) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := w.srv.Shutdown(ctx); err != nil {
		_ = w.srv.Close()
	}
}

// banner is what the facilitator reads out: how to connect.
func (w *workshop) banner(addr, path, keys string) []string {
	lang := w.lang
	host, port, _ := net.SplitHostPort(addr)
	shown := host
	if host == "0.0.0.0" || host == "::" || host == "" {
		shown = "<" + i18n.T(lang, "this laptop's address") + ">"
	}
	out := []string{
		i18n.F(lang, "govplan workshop on %s · %s", addr, path),
		i18n.F(lang, "Delegates type: ssh <ministry>@%s -p %s   (ministries: %s; %s for a read-only view)", shown, port, strings.Join(w.room.State().Ministries, ", "), Observer),
	}
	if keys != "" {
		out = append(out, i18n.F(lang, "Log-in: keys listed in %s", keys))
	} else {
		out = append(out, i18n.F(lang, "Passcode: %s", w.passcode))
	}
	if host == "127.0.0.1" || host == "::1" || host == "localhost" {
		out = append(out, i18n.T(lang, "Listening on this computer only; use --listen 0.0.0.0:2222 to let the room connect."))
	}
	return out
}

// roomView runs the facilitator's screen in this terminal until ctrl+c or q.
func (a *app) roomView(r *room.Room, path string, banner []string) error {
	in, _ := a.in.(*os.File)
	out, _ := a.raw().(*os.File)
	m, err := tui.New(tui.Options{Path: path, Dir: filepath.Dir(path), Lang: a.lang, CatalogDir: a.catalogDir, Color: os.Getenv("NO_COLOR") == "",
		Room: r, RoomView: true, Banner: banner, Remote: true})
	if err != nil {
		return inputError(err)
	}
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out))
	stop := r.Subscribe(func() { p.Send(tui.RoomChangedMsg{}) })
	defer stop()
	_, err = p.Run()
	return err
}
