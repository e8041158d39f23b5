package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/room"
	"github.com/govplan/govplan/internal/room/roomtest"
	gossh "golang.org/x/crypto/ssh"
)

const testPass = "2468-1357"

// startWorkshop serves path on a loopback port in this process.
func startWorkshop(t testing.TB, path string) (*workshop, string) {
	t.Helper()
	r, err := room.Open(path, "")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWorkshop(r, workshopOptions{listen: ln.Addr().String(), passcode: testPass,
		hostKey: filepath.Join(t.TempDir(), "host_key"), lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = w.srv.Serve(ln) }()
	t.Cleanup(func() { w.stop(); r.Close() })
	return w, ln.Addr().String()
}

// client is one delegate's SSH session with a terminal.
type client = roomtest.Client

func dial(addr, user, pass string) (*gossh.Client, error) { return roomtest.Dial(addr, user, pass) }

// connect logs in as user (with the test passcode) and waits for the first screen.
func connect(t testing.TB, addr, user string) *client {
	t.Helper()
	marker := "answering as " + user
	if user == Observer {
		marker = "read-only view"
	}
	return roomtest.Connect(t, addr, user, testPass, marker)
}

func roomFile(t testing.TB, n int) string { return roomtest.File(t, n) }

// searchable returns level indicators whose id is found by the search key and by no other
// indicator before it: no other id or question contains it.
func searchable(fw *assess.Framework, n int) []string {
	var out []string
	inds := fw.Indicators()
	for _, ind := range inds {
		if ind.Kind != assess.KindLevel {
			continue
		}
		unique := true
		for _, o := range inds {
			if o != ind && (strings.Contains(o.ID, ind.ID) || strings.Contains(strings.ToLower(o.Question.In("en")), ind.ID)) {
				unique = false
			}
		}
		if unique {
			out = append(out, ind.ID)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// answerKeys selects an indicator by searching its id (ctrl+u clears the last search) and
// gives it a level.
func answerKeys(id string, level int) string { return "/\x15" + id + "\r" + fmt.Sprint(level) }

// TestWorkshopUnderLoad has 30 delegates answer 20 questions each at once, with random pauses
// (6 × 5 without GOVPLAN_E2E=1).
// Every answer must be in the file, under its ministry, and the file valid.
func TestWorkshopUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	sessions, answers := loadSize()
	path := roomFile(t, sessions)
	w, addr := startWorkshop(t, path)
	ids := searchable(w.room.Framework, answers)
	if len(ids) < answers {
		t.Fatalf("only %d searchable level indicators", len(ids))
	}
	clients := make([]*client, sessions)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			clients[i] = connect(t, addr, fmt.Sprintf("m%02d", i+1))
		}(i)
	}
	wg.Wait()
	if got := len(w.room.People()); got != sessions {
		t.Fatalf("%d people in the room, want %d", got, sessions)
	}
	for i, c := range clients {
		wg.Add(1)
		go func(i int, c *client) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(int64(i)))
			for k, id := range ids {
				if err := c.Send(answerKeys(id, (i+k)%5)); err != nil {
					t.Errorf("m%02d: %v", i+1, err)
					return
				}
				time.Sleep(time.Duration(rnd.Intn(30)) * time.Millisecond)
			}
			c.Quit(t)
		}(i, c)
	}
	wg.Wait()
	doc, fw, err := countries.Open(path, "")
	if err != nil {
		t.Fatalf("the file is not valid after the load: %v", err)
	}
	missing := 0
	for i := 0; i < sessions; i++ {
		by := fmt.Sprintf("m%02d", i+1)
		for k, id := range ids {
			found := false
			for _, a := range doc.File.Answers[id] {
				if a.By == by && a.Level != nil && *a.Level == (i+k)%5 {
					found = true
				}
			}
			if !found {
				missing++
				if missing < 10 {
					t.Errorf("%s's answer %d to %s is not in the file", by, (i+k)%5, id)
				}
			}
		}
	}
	if missing > 0 {
		if os.Getenv("GOVPLAN_LOAD_DEBUG") != "" {
			t.Logf("screen of m01: %q", clients[0].Screen())
		}
		t.Fatalf("%d of %d answers missing", missing, sessions*answers)
	}
	_ = fw
	// Sessions that ended are gone from the room.
	deadline := time.Now().Add(10 * time.Second)
	for len(w.room.People()) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := len(w.room.People()); n != 0 {
		t.Errorf("%d sessions still listed after every delegate left", n)
	}
}

// TestClientKilledMidKeystroke drops a delegate's connection in the middle of typing a search;
// the room forgets the session and keeps working for the others.
func TestClientKilledMidKeystroke(t *testing.T) {
	path := roomFile(t, 0)
	w, addr := startWorkshop(t, path)
	a := connect(t, addr, "finance")
	b := connect(t, addr, "ict")
	if err := a.Send("/leadership.str"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	a.Conn.Conn.Close() // the laptop lid shuts
	deadline := time.Now().Add(10 * time.Second)
	for len(w.room.People()) != 1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if ps := w.room.People(); len(ps) != 1 || ps[0].User != "ict" {
		t.Fatalf("people after the drop: %+v", ps)
	}
	id := searchable(w.room.Framework, 1)[0]
	if err := b.Send(answerKeys(id, 3)); err != nil {
		t.Fatal(err)
	}
	b.WaitFor(t, "saved · "+id, 10*time.Second)
	b.Quit(t)
	doc, _, err := countries.Open(path, "")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range doc.File.Answers[id] {
		found = found || (x.By == "ict" && x.Level != nil && *x.Level == 3)
	}
	if !found {
		t.Errorf("ict's answer after the drop is not in the file: %+v", doc.File.Answers[id])
	}
}

// TestFailedLoginsRefused tries 100 wrong passcodes and unknown names; the server refuses
// each and still lets the right one in.
func TestFailedLoginsRefused(t *testing.T) {
	path := roomFile(t, 0)
	w, addr := startWorkshop(t, path)
	for i := 0; i < 100; i++ {
		user, pass := "finance", fmt.Sprintf("%04d-0000", i)
		if i%4 == 0 {
			user, pass = "intruder", testPass
		}
		if c, err := dial(addr, user, pass); err == nil {
			c.Close()
			t.Fatalf("attempt %d (%s) got in", i, user)
		}
	}
	if n := w.failed.Load(); n < 100 {
		t.Errorf("%d refusals logged, want 100", n)
	}
	c := connect(t, addr, "finance")
	c.Quit(t)
	o := connect(t, addr, "observer")
	_ = o.Send("2")
	o.WaitFor(t, "not saved: this is a read-only view", 10*time.Second)
	o.Quit(t)
}

// loadSize is 30 sessions × 20 answers with GOVPLAN_E2E=1 (CI sets it), 6 × 5 otherwise so
// go test stays quick; GOVPLAN_LOAD=SxA sets it.
func loadSize() (int, int) {
	var s, a int
	if _, err := fmt.Sscanf(os.Getenv("GOVPLAN_LOAD"), "%dx%d", &s, &a); err == nil && s > 0 && a > 0 {
		return s, a
	}
	if os.Getenv("GOVPLAN_E2E") != "" {
		return 30, 20
	}
	return 6, 5
}

// buildBinary builds govplan once for the tests that run it as a separate process.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "govplan-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "govplan")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// serveProcess runs `govplan serve --headless` on a free loopback port and waits until it
// listens.
func serveProcess(t *testing.T, path string) (*exec.Cmd, string) {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", path, "--headless", "--listen", addr, "--passcode", testPass,
		"--host-key", filepath.Join(t.TempDir(), "host_key"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return cmd, addr
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the server did not start listening on %s", addr)
	return nil, ""
}

func answerOf(t *testing.T, path, id, by string) *int {
	t.Helper()
	doc, _, err := countries.Open(path, "")
	if err != nil {
		t.Fatalf("the file is not valid: %v", err)
	}
	for _, a := range doc.File.Answers[id] {
		if a.By == by {
			return a.Level
		}
	}
	return nil
}

// TestServerKilledLosesNothingShownAsSaved answers questions until each shows as saved, then
// kills the server with SIGKILL in the middle of the next answer: every answer shown as saved
// is in the file, and the file is valid.
func TestServerKilledLosesNothingShownAsSaved(t *testing.T) {
	path := roomFile(t, 0)
	cmd, addr := serveProcess(t, path)
	c := connect(t, addr, "finance")
	ids := searchable(mustFramework(t, path), 6)
	for k, id := range ids[:5] {
		if err := c.Send(answerKeys(id, k%5)); err != nil {
			t.Fatal(err)
		}
		c.WaitFor(t, "saved · "+id, 20*time.Second)
	}
	_ = c.Send(answerKeys(ids[5], 4)[:6]) // the next search half typed
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, _ = cmd.Process.Wait()
	for k, id := range ids[:5] {
		if l := answerOf(t, path, id, "finance"); l == nil || *l != k%5 {
			t.Errorf("%s: shown as saved at level %d, file has %v", id, k%5, l)
		}
	}
}

// TestServerStopsGracefully: SIGINT (ctrl+c) ends the sessions, keeps every answer and exits 0.
func TestServerStopsGracefully(t *testing.T) {
	path := roomFile(t, 0)
	cmd, addr := serveProcess(t, path)
	c := connect(t, addr, "ict")
	id := searchable(mustFramework(t, path), 1)[0]
	_ = c.Send(answerKeys(id, 1))
	c.WaitFor(t, "saved · "+id, 20*time.Second)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after ctrl+c: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not stop after ctrl+c")
	}
	if l := answerOf(t, path, id, "ict"); l == nil || *l != 1 {
		t.Errorf("answer after stop: %v", l)
	}
	_ = c.Sess.Wait() // the session was closed by the server
}

func mustFramework(t *testing.T, path string) *assess.Framework {
	t.Helper()
	_, fw, err := countries.Open(path, "")
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// freshRoomFile writes a new country file (every indicator unanswered) with n ministries.
func freshRoomFile(b testing.TB, n int) string {
	b.Helper()
	fw, _, err := assess.Resolve("govstack-readiness")
	if err != nil {
		b.Fatal(err)
	}
	src, err := countries.New(fw, countries.Country{Name: "Republic of Bench", ISO3: "XBE"}, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	var add strings.Builder
	add.WriteString("ministries:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&add, "  - {id: m%02d, name: Ministry %02d}\n", i, i)
	}
	text := string(src)
	if !strings.Contains(text, "ministries: []\n") {
		b.Fatal("the new file has no empty ministries list to fill")
	}
	text = strings.Replace(text, "ministries: []\n", add.String(), 1)
	path := filepath.Join(b.TempDir(), "bench.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// outputs returns how many bytes each client has received.
func outputs(cs []*client) []int {
	n := make([]int, len(cs))
	for i, c := range cs {
		n[i] = c.Received()
	}
	return n
}

// quiet waits until no client has received anything for d.
func quiet(cs []*client, d time.Duration) {
	prev := outputs(cs)
	for {
		time.Sleep(d)
		cur := outputs(cs)
		same := true
		for i := range cur {
			same = same && cur[i] == prev[i]
		}
		if same {
			return
		}
		prev = cur
	}
}

// BenchmarkWorkshop holds 30 SSH sessions. Each iteration one delegate answers (or marks n/a)
// its question, which changes the answered count on every screen; it measures the time from
// the keypress until every one of the 30 screens has received its update (p95 reported), and
// then how many answers a second the room saves when all 30 answer at once.
func BenchmarkWorkshop(b *testing.B) {
	const held = 30
	path := freshRoomFile(b, held)
	w, addr := startWorkshop(b, path)
	ids := searchable(w.room.Framework, held)
	if len(ids) < held {
		b.Skipf("only %d searchable indicators", len(ids))
	}
	cs := make([]*client, held)
	for i := range cs {
		cs[i] = connect(b, addr, fmt.Sprintf("m%02d", i+1))
		_ = cs[i].Send("/\x15" + ids[i] + "\r")
	}
	quiet(cs, 300*time.Millisecond)
	var lat []time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		t := n % held
		k := "2"
		if (n/held)%2 == 1 {
			// Clear it again: x asks, y confirms (the keypress timed).
			_ = cs[t].Send("x")
			quiet(cs, 60*time.Millisecond)
			k = "y"
		}
		before := outputs(cs)
		start := time.Now()
		_ = cs[t].Send(k)
		for {
			cur := outputs(cs)
			all := true
			for i := range cur {
				all = all && cur[i] > before[i]
			}
			if all {
				break
			}
			if time.Since(start) > 30*time.Second {
				var stale []int
				for i := range cur {
					if cur[i] <= before[i] {
						stale = append(stale, i)
					}
				}
				b.Fatalf("iteration %d (m%02d pressed %s): screens %v not updated after 30 s", n, t+1, k, stale)
			}
			time.Sleep(200 * time.Microsecond)
		}
		lat = append(lat, time.Since(start))
		quiet(cs, 60*time.Millisecond) // let the frame settle before the next keypress
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	}
	b.ReportMetric(held, "sessions")

	// Throughput: every delegate answers 5 more questions as fast as it can.
	const each = 5
	start := time.Now()
	v0 := w.room.State().Version
	var wg sync.WaitGroup
	for i, c := range cs {
		wg.Add(1)
		go func(i int, c *client) {
			defer wg.Done()
			for k := 0; k < each; k++ {
				_ = c.Send(answerKeys(ids[(i+k+1)%held], k%5))
			}
			c.Quit(b)
		}(i, c)
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	b.ReportMetric(float64(held*each)/secs, "answers/s")
	b.ReportMetric(float64(w.room.State().Version-v0), "saves")
}

// TestServeOpensTheRoomViewInATerminal runs govplan serve on a terminal (a pty), as the
// facilitator does: the room view comes up with the passcode, and q stops the server with the
// file saved. (Regression: a wrapped stdout once made serve think it had no terminal.)
func TestServeOpensTheRoomViewInATerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	_ = pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 130})
	path := roomFile(t, 0)
	var out bytes.Buffer
	var mu sync.Mutex
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	done := make(chan int, 1)
	var errOut bytes.Buffer
	go func() {
		done <- run([]string{"serve", path, "--listen", "127.0.0.1:0", "--passcode", testPass,
			"--host-key", filepath.Join(t.TempDir(), "key")}, tty, tty, &errOut)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		ok := strings.Contains(ansi.Strip(out.String()), "Passcode: "+testPass)
		mu.Unlock()
		if ok {
			break
		}
		if time.Now().After(deadline) {
			mu.Lock()
			t.Fatalf("no room view with the passcode; stderr %q, screen %q", errOut.String(), ansi.Strip(out.String()))
		}
		time.Sleep(50 * time.Millisecond)
	}
	_, _ = ptmx.Write([]byte("q"))
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("q did not stop the server")
	}
}
