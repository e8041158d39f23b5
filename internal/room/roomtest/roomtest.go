// Package roomtest is the set-up the live-room tests share: a room file with many ministries,
// and a delegate's SSH session with a terminal (golang.org/x/crypto/ssh) that waits for text
// on its screen. Only tests import it.
package roomtest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/govplan/govplan/countries"
	gossh "golang.org/x/crypto/ssh"
)

// File writes the bakana sample with n extra ministries m01..mNN and returns its path.
func File(tb testing.TB, n int) string {
	tb.Helper()
	s, err := countries.Sample("bakana")
	if err != nil {
		tb.Fatal(err)
	}
	var add strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&add, "  - {id: m%02d, name: Ministry %02d}\n", i, i)
	}
	src := strings.Replace(string(s.Src()), "ministries:\n", "ministries:\n"+add.String(), 1)
	path := filepath.Join(tb.TempDir(), "room.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Dial logs in to the workshop at addr as user with a passcode.
func Dial(addr, user, pass string) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.Password(pass)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// Client is one delegate's SSH session with a 120×40 terminal.
type Client struct {
	Conn *gossh.Client
	Sess *gossh.Session
	in   io.WriteCloser
	mu   sync.Mutex
	out  bytes.Buffer
}

// Connect logs in as user and waits until the screen shows marker.
func Connect(tb testing.TB, addr, user, pass, marker string) *Client {
	tb.Helper()
	conn, err := Dial(addr, user, pass)
	if err != nil {
		tb.Fatalf("%s: %v", user, err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		tb.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		tb.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	outR, _ := sess.StdoutPipe()
	c := &Client{Conn: conn, Sess: sess, in: in}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := outR.Read(buf)
			if n > 0 {
				c.mu.Lock()
				c.out.Write(buf[:n])
				c.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	if err := sess.Shell(); err != nil {
		tb.Fatal(err)
	}
	c.Wait(tb, marker, 30*time.Second, false)
	return c
}

// WaitFor waits until the screen shows s. The renderer sends only the cells that changed, so
// the client resizes its window now and then to have the whole screen drawn again, and reads
// the output without its escape sequences.
func (c *Client) WaitFor(tb testing.TB, s string, d time.Duration) {
	tb.Helper()
	c.Wait(tb, s, d, true)
}

// Wait is WaitFor; resize false never resizes.
func (c *Client) Wait(tb testing.TB, s string, d time.Duration, resize bool) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for i := 0; time.Now().Before(deadline); i++ {
		if strings.Contains(c.Screen(), s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
		if resize && i%10 == 9 {
			_ = c.Sess.WindowChange(40, 120+(i/10)%2)
		}
	}
	tb.Fatalf("no %q on screen after %s", s, d)
}

// Screen is everything received so far, without escape sequences.
func (c *Client) Screen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(c.out.String())
}

// Received is how many bytes arrived so far.
func (c *Client) Received() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.Len()
}

// Send types keys.
func (c *Client) Send(keys string) error {
	_, err := io.WriteString(c.in, keys)
	return err
}

// Quit presses q and waits for the session to end: every key before it was handled.
func (c *Client) Quit(tb testing.TB) {
	tb.Helper()
	_ = c.Send("q")
	done := make(chan error, 1)
	go func() { done <- c.Sess.Wait() }()
	select {
	case <-done:
	case <-time.After(8 * time.Minute): // generous: -race on a busy 2-core machine is slow
		if os.Getenv("GOVPLAN_LOAD_DEBUG") != "" {
			buf := make([]byte, 8<<20)
			_ = os.WriteFile("/tmp/room-stacks.txt", buf[:runtime.Stack(buf, true)], 0o644)
		}
		tb.Error("the session did not end after q")
	}
	c.Conn.Close()
}
