package main

import (
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// charm.land/ssh writes a "window-change" into the session's terminal record without a lock,
// while Session.Pty (called by checkUser and by the bubbletea middleware as a session starts)
// copies that record: a data race whenever a delegate's window is resized while ssh connects.
// The workshop therefore holds a connection's window changes back while one of its sessions
// is starting, and lets them through, in order, once the session's screen runs (or its
// handler ends). The screen then gets the last size as usual.

// resizeGate counts a connection's sessions that are starting.
type resizeGate struct {
	mu       sync.Mutex
	cond     *sync.Cond
	starting int
	waiting  []*gateToken // accepted, not yet claimed by a handler
}

// gateToken is one starting session; done lets the connection's window changes through.
type gateToken struct {
	g    *resizeGate
	once sync.Once
}

func (t *gateToken) done() {
	t.once.Do(func() {
		t.g.mu.Lock()
		t.g.starting--
		t.g.mu.Unlock()
		t.g.cond.Broadcast()
	})
}

type gateKey struct{}

// gateOf returns the connection's gate, made on first use.
func gateOf(ctx ssh.Context) *resizeGate {
	ctx.Lock()
	defer ctx.Unlock()
	if g, ok := ctx.Value(gateKey{}).(*resizeGate); ok {
		return g
	}
	g := &resizeGate{}
	g.cond = sync.NewCond(&g.mu)
	ctx.SetValue(gateKey{}, g)
	return g
}

// claim takes the token of a session that starts (the oldest accepted); nil when none.
func (g *resizeGate) claim() *gateToken {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.waiting) == 0 {
		return nil
	}
	t := g.waiting[0]
	g.waiting = g.waiting[1:]
	return t
}

// gatedSessions wraps the session channel handler so that window changes wait while a
// session of the connection starts.
func gatedSessions(next ssh.ChannelHandler) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
		next(srv, conn, gatedChannel{NewChannel: nc, g: gateOf(ctx)}, ctx)
	}
}

type gatedChannel struct {
	gossh.NewChannel
	g *resizeGate
}

// Accept passes the channel's requests on. From the request that starts the session (shell,
// exec, subsystem) until its screen runs, a window change waits; one before it is applied
// before the session's handler starts, which is safe.
func (c gatedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	g := c.g
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		var t *gateToken
		defer func() {
			if t != nil {
				t.done() // a session that never ran holds nothing back
			}
		}()
		for r := range reqs {
			switch r.Type {
			case "shell", "exec", "subsystem":
				if t == nil {
					t = &gateToken{g: g}
					g.mu.Lock()
					g.starting++
					g.waiting = append(g.waiting, t)
					g.mu.Unlock()
				}
			case "window-change":
				g.mu.Lock()
				for g.starting > 0 {
					g.cond.Wait()
				}
				g.mu.Unlock()
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// tokenSession is a session with the token its screen releases when it runs.
type tokenSession struct {
	ssh.Session
	t *gateToken
}

// startedModel lets the connection's window changes through once the screen runs: by then
// the middleware has read the session's terminal.
type startedModel struct {
	tea.Model
	started func()
}

func (m startedModel) Init() tea.Cmd {
	m.started()
	return m.Model.Init()
}
