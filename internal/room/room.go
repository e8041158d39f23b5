// Package room is the live workshop's single source of truth: one country file, one writer
// goroutine that applies every session's edit in turn and saves it atomically, and the list
// of who is connected. Sessions read snapshots and are told when a new one is there.
package room

import (
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
)

// ErrChangedOnDisk is returned by Edit after someone outside the room changed the file;
// nothing is saved until the facilitator reloads it.
var ErrChangedOnDisk = countries.ErrChangedOnDisk

// ErrClosed is returned by Edit once the room is closing.
var ErrClosed = errors.New("the workshop server is stopping; nothing more is saved")

// State is what every screen shows of the room: the file's text and when it was saved.
type State struct {
	Src           []byte // the file as last saved (never changed in place)
	Version       uint64 // grows with every save or reload
	SavedAt       time.Time
	ChangedOnDisk bool
	Ministries    []string // the file's ministry ids, in order
}

// Person is one connected session.
type Person struct {
	ID    int
	User  string // a ministry id or "observer"
	Addr  string
	Since time.Time
}

// Room owns one country file for many sessions.
type Room struct {
	Path      string
	Framework *assess.Framework
	Catalog   *catalog.Catalog

	edits chan request
	quit  chan struct{}
	done  chan struct{}

	mu     sync.RWMutex
	state  State
	people map[int]Person
	subs   map[int]chan struct{}
	nextID int
	closed bool
	now    func() time.Time
	// DiskCheck is how often the writer looks for outside edits.
	diskCheck time.Duration
	views     map[string]*view // per language, for the current version
}

// View is the file of one State parsed, scored, matched and planned (default plan options),
// built once per version and language and shared by every screen: nobody may change it.
type View struct {
	State
	Model   *countries.Model
	PlanErr string
}

type view struct {
	version uint64
	once    sync.Once
	v       *View
	err     error
}

// View returns the shared model of the latest state in lang.
func (r *Room) View(lang string) (*View, error) {
	r.mu.Lock()
	st := r.state
	e := r.views[lang]
	if e == nil || e.version != st.Version {
		e = &view{version: st.Version}
		r.views[lang] = e
	}
	r.mu.Unlock()
	e.once.Do(func() {
		doc, err := countries.Parse(r.Path, st.Src)
		if err == nil {
			doc.Path = r.Path
			err = doc.Check(r.Framework)
		}
		if err != nil {
			e.err = err
			return
		}
		m := countries.Build(doc, r.Framework, r.Catalog, lang)
		v := &View{State: st, Model: m}
		if err := m.Replan(countries.PlanOptions{}); err != nil {
			v.PlanErr = err.Error()
		}
		e.v = v
	})
	return e.v, e.err
}

type request struct {
	edit   func(*countries.Doc) error
	reload bool
	reply  chan error
}

// Open loads the file with its framework and the catalog and starts the writer.
func Open(path, catalogDir string) (*Room, error) {
	doc, fw, err := countries.Open(path, "")
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Load(catalogDir)
	if err != nil {
		return nil, err
	}
	if err := doc.CheckCatalog(cat); err != nil {
		return nil, err
	}
	r := &Room{Path: path, Framework: fw, Catalog: cat, edits: make(chan request), quit: make(chan struct{}), done: make(chan struct{}),
		people: map[int]Person{}, subs: map[int]chan struct{}{}, now: time.Now, diskCheck: time.Second, views: map[string]*view{}}
	r.state = State{Src: append([]byte(nil), doc.Src()...), Version: 1, Ministries: ministryIDs(doc)}
	go r.writer(doc)
	return r, nil
}

// writer is the one goroutine that changes and saves the file.
func (r *Room) writer(doc *countries.Doc) {
	defer close(r.done)
	tick := time.NewTicker(r.diskCheck)
	defer tick.Stop()
	for {
		select {
		case <-r.quit:
			// Edits already handed over were answered; nothing is pending.
			return
		case req := <-r.edits:
			// Take every edit already waiting too and save them together: one atomic write
			// for the lot, and nobody is told "saved" before it is on disk.
			batch := []request{req}
		more:
			for len(batch) < maxBatch {
				select {
				case x := <-r.edits:
					batch = append(batch, x)
				default:
					break more
				}
			}
			r.applyBatch(doc, batch)
		case <-tick.C:
			r.mu.RLock()
			cod := r.state.ChangedOnDisk
			r.mu.RUnlock()
			if !cod {
				if changed, err := doc.ChangedOnDisk(); err == nil && changed {
					r.update(func(s *State) { s.ChangedOnDisk = true })
				}
			}
		}
	}
}

// maxBatch is the most edits saved in one write.
const maxBatch = 64

// applyBatch applies edits in order, saves once, and answers each: an edit that fails is
// undone alone; when the save fails every edit of the batch is undone and gets the error.
func (r *Room) applyBatch(doc *countries.Doc, batch []request) {
	var applied []request
	for _, req := range batch {
		if req.reload {
			// A reload drops edits not yet saved, so save what came before it first.
			r.save(doc, applied)
			applied = nil
			req.reply <- r.reload(doc)
			continue
		}
		if err := r.applyOne(doc, req); err != nil {
			req.reply <- err
			continue
		}
		applied = append(applied, req)
	}
	r.save(doc, applied)
}

// applyOne makes one edit in memory; on failure the document is as it was.
func (r *Room) applyOne(doc *countries.Doc, req request) error {
	r.mu.RLock()
	cod := r.state.ChangedOnDisk
	r.mu.RUnlock()
	if cod {
		return ErrChangedOnDisk
	}
	before := append([]byte(nil), doc.Src()...)
	if err := req.edit(doc); err != nil {
		r.restore(doc, before)
		return err
	}
	if err := doc.Check(r.Framework); err != nil {
		r.restore(doc, before)
		return err
	}
	return nil
}

// save writes the document and answers the applied edits.
func (r *Room) save(doc *countries.Doc, applied []request) {
	if len(applied) == 0 {
		return
	}
	err := doc.Save()
	if err != nil {
		r.mu.RLock()
		src := r.state.Src
		r.mu.RUnlock()
		r.restore(doc, src)
		if errors.Is(err, countries.ErrChangedOnDisk) {
			r.update(func(s *State) { s.ChangedOnDisk = true })
		}
	} else {
		src, ms := append([]byte(nil), doc.Src()...), ministryIDs(doc)
		now := r.now()
		r.update(func(s *State) { s.Src, s.Ministries, s.SavedAt = src, ms, now; s.Version++ })
	}
	for _, req := range applied {
		req.reply <- err
	}
}

// reload reads the file from disk again.
func (r *Room) reload(doc *countries.Doc) error {
	nd, err := countries.Load(r.Path)
	if err != nil {
		return err
	}
	if err := nd.Check(r.Framework); err != nil {
		return err
	}
	*doc = *nd
	src, ms := append([]byte(nil), doc.Src()...), ministryIDs(doc)
	r.update(func(s *State) { s.Src, s.Ministries, s.ChangedOnDisk = src, ms, false; s.Version++ })
	return nil
}

func ministryIDs(doc *countries.Doc) []string {
	var ids []string
	for _, m := range doc.File.Ministries {
		ids = append(ids, m.ID)
	}
	return ids
}

// restore puts the last saved text back after a failed edit.
func (r *Room) restore(doc *countries.Doc, src []byte) {
	if d, err := countries.Parse(doc.Name, src); err == nil {
		path := doc.Path
		*doc = *d
		doc.Path = path
		_ = doc.Check(r.Framework)
	}
}

// update changes the state and tells every subscriber.
func (r *Room) update(f func(*State)) {
	r.mu.Lock()
	f(&r.state)
	for _, c := range r.subs {
		select {
		case c <- struct{}{}:
		default: // a signal is already waiting: it will read the newest state
		}
	}
	r.mu.Unlock()
}

// Edit hands an edit to the writer and waits until it is saved (or refused).
func (r *Room) Edit(edit func(*countries.Doc) error) error {
	return r.send(request{edit: edit, reply: make(chan error, 1)})
}

// Reload reads the file from disk again (after an outside edit).
func (r *Room) Reload() error {
	return r.send(request{reload: true, reply: make(chan error, 1)})
}

func (r *Room) send(req request) error {
	select {
	case r.edits <- req:
		return <-req.reply
	case <-r.quit:
		return ErrClosed
	}
}

// State returns the current state.
func (r *Room) State() State {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.state
}

// Subscribe calls notify (from its own goroutine) after every change, at most one call at a
// time: changes that come while notify runs are folded into the next call. The returned
// function stops it.
func (r *Room) Subscribe(notify func()) (stop func()) {
	c := make(chan struct{}, 1)
	r.mu.Lock()
	r.nextID++
	id := r.nextID
	r.subs[id] = c
	r.mu.Unlock()
	end := make(chan struct{})
	go func() {
		for {
			select {
			case <-end:
				return
			case <-c:
				notify()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			r.mu.Lock()
			delete(r.subs, id)
			r.mu.Unlock()
			close(end)
		})
	}
}

// Join records a connected session and tells everyone; the returned function removes it.
func (r *Room) Join(user, addr string) (leave func()) {
	r.mu.Lock()
	r.nextID++
	id := r.nextID
	r.people[id] = Person{ID: id, User: user, Addr: addr, Since: r.now()}
	r.mu.Unlock()
	r.update(func(*State) {})
	var once sync.Once
	return func() {
		once.Do(func() {
			r.mu.Lock()
			delete(r.people, id)
			r.mu.Unlock()
			r.update(func(*State) {})
		})
	}
}

// People lists the connected sessions, oldest first.
func (r *Room) People() []Person {
	r.mu.RLock()
	out := make([]Person, 0, len(r.people))
	for _, p := range r.people {
		out = append(out, p)
	}
	r.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Close stops the writer once the edit in hand is saved. Later edits get ErrClosed.
func (r *Room) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		<-r.done
		return
	}
	r.closed = true
	r.mu.Unlock()
	close(r.quit)
	<-r.done
}

// Parts returns the framework and catalog the room was opened with (shared, read-only).
func (r *Room) Parts() (*assess.Framework, *catalog.Catalog) { return r.Framework, r.Catalog }
