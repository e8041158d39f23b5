package main

import (
	"sync"
	"testing"
	"time"
)

// A delegate whose terminal is resized while the session starts (a window dragged while ssh
// connects): charm.land/ssh writes the new size into the session's terminal record while the
// bubbletea middleware reads it. The workshop holds window changes back until the session's
// screen runs, so -race finds nothing and the screen still takes the last size.
func TestResizeWhileTheSessionStarts(t *testing.T) {
	_, addr := startWorkshop(t, roomFile(t, 1))
	conn, err := dial(addr, "m01", testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, nil); err != nil {
		t.Fatal(err)
	}
	out, _ := sess.StdoutPipe()
	go func() {
		buf := make([]byte, 32<<10)
		for {
			if _, err := out.Read(buf); err != nil {
				return
			}
		}
	}()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			_ = sess.WindowChange(40+i%3, 120+i%5)
			time.Sleep(time.Millisecond)
		}
	}()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	sess.Close()
}
