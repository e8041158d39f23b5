package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/govplan/govplan/assess"
	"github.com/govplan/govplan/catalog"
	"github.com/govplan/govplan/countries"
	"github.com/govplan/govplan/internal/i18n"
	"github.com/govplan/govplan/internal/room"
)

// session is the open country file and everything derived from it. The file is the only
// state: every change is written at once (atomically) and the model rebuilt from the file.
type session struct {
	doc   *countries.Doc
	fw    *assess.Framework
	cat   *catalog.Catalog
	model *countries.Model
	opts  countries.PlanOptions
	lang  string // the language of the match and plan texts

	savedAt       time.Time
	changedOnDisk bool     // the file changed under us; nothing is saved until reload
	undos, redos  [][]byte // the file's text before each change (the text is the document)
	planErr       string   // the roadmap cannot be built (e.g. a missing exchange rate)
	now           func() time.Time

	room     Room   // the live room (govplan serve): edits go to its writer
	readOnly bool   // the observer: nothing is changed
	version  uint64 // the room state the document was built from
}

// Room is the live room of govplan serve as the screens use it: one writer applies and saves
// every session's edit, and the screens rebuild from its latest state.
type Room interface {
	// Edit applies edit to the room's document and saves it; it returns when saved or refused.
	Edit(edit func(d *countries.Doc) error) error
	// State is the latest saved file.
	State() room.State
	// Reload reads the file again after an outside edit.
	Reload() error
	// People lists who is connected.
	People() []room.Person
	// Parts returns the framework and catalog the room's file is read with (shared, never changed).
	Parts() (*assess.Framework, *catalog.Catalog)
	// View is the latest state parsed, scored and planned in lang, shared by every screen.
	View(lang string) (*room.View, error)
}

// RoomChangedMsg tells a screen that the room's file changed: it rebuilds from it.
type RoomChangedMsg struct{}

// roomSession opens the room's file for one screen.
func roomSession(r Room, path, lang string, readOnly bool) (*session, error) {
	fw, cat := r.Parts()
	s := &session{fw: fw, cat: cat, now: time.Now, lang: lang, room: r, readOnly: readOnly}
	if err := s.load(); err != nil {
		return nil, err
	}
	return s, nil
}

// load takes the room's latest view. With default plan options the document and model are
// the room's shared ones (never changed here); a what-if plan gets its own copy.
func (s *session) load() error {
	v, err := s.room.View(s.lang)
	if err != nil {
		return err
	}
	s.version, s.savedAt, s.changedOnDisk = v.Version, v.SavedAt, v.ChangedOnDisk
	if s.opts.Start.IsZero() && s.opts.Workstreams == 0 && len(s.opts.Capacity) == 0 {
		s.doc, s.model, s.planErr = v.Model.Doc, v.Model, v.PlanErr
		return nil
	}
	d, err := countries.Parse(v.Model.Doc.Name, v.Src)
	if err != nil {
		return err
	}
	d.Path = v.Model.Doc.Path
	if err := d.Check(s.fw); err != nil {
		return err
	}
	s.doc = d
	s.model = countries.Build(d, s.fw, s.cat, s.lang)
	s.planErr = ""
	if err := s.model.Replan(s.opts); err != nil {
		s.planErr = err.Error()
	}
	return nil
}

// sync takes the room's latest state when it is newer than the one on screen.
func (s *session) sync() {
	if s.room == nil {
		return
	}
	st := s.room.State()
	s.savedAt, s.changedOnDisk = st.SavedAt, st.ChangedOnDisk
	if st.Version != s.version {
		_ = s.load()
	}
}

// openSession loads a country file with its framework and the catalog.
func openSession(path, catalogDir, lang string) (*session, error) {
	doc, err := countries.Load(path)
	if err != nil {
		return nil, err
	}
	fw, err := doc.Framework("")
	if err != nil {
		return nil, err
	}
	if err := doc.Check(fw); err != nil {
		return nil, err
	}
	cat, err := catalog.Load(catalogDir)
	if err != nil {
		return nil, err
	}
	if err := countries.CheckGates(fw, cat); err != nil {
		return nil, err
	}
	if err := doc.CheckCatalog(cat); err != nil {
		return nil, err
	}
	s := &session{doc: doc, fw: fw, cat: cat, now: time.Now, lang: lang}
	s.rebuild()
	return s, nil
}

// rebuild derives the score, match and plan from the file.
func (s *session) rebuild() {
	if s.room != nil {
		_ = s.load()
		return
	}
	s.model = countries.Build(s.doc, s.fw, s.cat, s.lang)
	s.planErr = ""
	if err := s.model.Replan(s.opts); err != nil {
		s.planErr = err.Error()
	}
}

// notSaved says, in the session's language, why a change was not written.
type notSaved struct {
	msg string
	err error
}

func (e *notSaved) Error() string { return e.msg }
func (e *notSaved) Unwrap() error { return e.err }

// errNotWritable marks a change refused because the file may not be written (read-only,
// another user's, or gone): the work stays on screen and "save as" can keep it.
var errNotWritable = errors.New("the file cannot be written")

// undoDepth is how many changes ctrl+z can take back.
const undoDepth = 200

// change applies an edit to the file's text and saves it at once. The edited file must still
// pass every check govplan makes when it opens a file (so no key can make a file govplan
// cannot read). When the edit, the check or the save fails, the text goes back to what is on
// disk, so the screen never shows an answer that is not saved. Every change can be undone.
func (s *session) change(edit func(d *countries.Doc) error) error {
	if s.readOnly {
		return &notSaved{msg: i18n.T(s.lang, "not saved: this is a read-only view (observer)")}
	}
	if s.room != nil {
		err := s.room.Edit(edit)
		s.sync()
		if errors.Is(err, countries.ErrChangedOnDisk) {
			return &notSaved{msg: i18n.T(s.lang, "not saved: the file changed on disk; the facilitator must reload it first"), err: err}
		}
		if err != nil {
			return &notSaved{msg: i18n.F(s.lang, "not saved: %s", err.Error()), err: err}
		}
		return nil
	}
	before := append([]byte(nil), s.doc.Src()...)
	if err := s.commit(edit); err != nil {
		return err
	}
	if !bytes.Equal(before, s.doc.Src()) {
		s.undos = append(s.undos, before)
		if len(s.undos) > undoDepth {
			s.undos = s.undos[1:]
		}
		s.redos = nil
	}
	return nil
}

// commit runs edit, checks the result and saves it; on any failure the text is restored.
func (s *session) commit(edit func(d *countries.Doc) error) error {
	if s.changedOnDisk {
		if s.gone() {
			return &notSaved{msg: i18n.F(s.lang, "not saved: %s was deleted or moved; press ctrl+s to save your work under a name", s.doc.Path), err: errNotWritable}
		}
		return &notSaved{msg: i18n.T(s.lang, "not saved: the file changed on disk; press ctrl+r to reload it first"), err: countries.ErrChangedOnDisk}
	}
	if why := s.writeProblem(); why != "" {
		return &notSaved{msg: why, err: errNotWritable}
	}
	before := append([]byte(nil), s.doc.Src()...)
	ref := s.doc.File.Assessment.Framework
	if err := edit(s.doc); err != nil {
		s.restore(before)
		return &notSaved{msg: i18n.F(s.lang, "not saved: %s", err.Error()), err: err}
	}
	fw := s.fw
	if s.doc.File.Assessment.Framework != ref {
		// The edit moved the file to another framework version (a migration, or its undo):
		// the file is checked, scored and planned with that version from now on.
		next, err := s.doc.Framework("")
		if err != nil {
			s.restore(before)
			return &notSaved{msg: i18n.F(s.lang, "not saved: %s", err.Error()), err: err}
		}
		fw = next
	}
	if err := s.checkDoc(fw); err != nil {
		s.restore(before)
		return &notSaved{msg: i18n.F(s.lang, "not saved: the change would make the file invalid: %s", err.Error()), err: err}
	}
	if err := s.doc.Save(); err != nil {
		s.restore(before)
		if errors.Is(err, countries.ErrChangedOnDisk) {
			s.changedOnDisk = true
			if s.gone() {
				return &notSaved{msg: i18n.F(s.lang, "not saved: %s was deleted or moved; press ctrl+s to save your work under a name", s.doc.Path), err: errNotWritable}
			}
			return &notSaved{msg: i18n.T(s.lang, "not saved: the file changed on disk since it was opened; press ctrl+r to reload it"), err: err}
		}
		return &notSaved{msg: i18n.F(s.lang, "not saved: %s; press ctrl+s to save your work under another name", err.Error()), err: errors.Join(errNotWritable, err)}
	}
	s.fw = fw
	s.savedAt = s.now()
	s.rebuild()
	return nil
}

// newerFramework returns the newest built-in version of the file's framework when it is newer
// than the one the file is on, else nil. A room's file is not offered one: its framework is
// shared by every session in the room.
func (s *session) newerFramework() *assess.Framework {
	if s.room != nil || s.readOnly {
		return nil
	}
	newest, _, err := assess.Resolve(s.fw.ID)
	if err != nil || newest.ID != s.fw.ID || !assess.VersionLess(s.fw.Version, newest.Version) {
		return nil
	}
	return newest
}

// migrate moves the file to framework to as govplan migrate does (the new indicators added
// unanswered, every other byte kept) and saves it at once; ctrl+z takes it back.
func (s *session) migrate(to *assess.Framework) (added []string, err error) {
	err = s.change(func(d *countries.Doc) error {
		var err error
		added, err = d.Migrate(to)
		return err
	})
	return added, err
}

// checkDoc runs the checks a file passes when it is opened (framework and catalog).
func (s *session) checkDoc(fw *assess.Framework) error {
	if err := s.doc.Check(fw); err != nil {
		return err
	}
	return s.doc.CheckCatalog(s.cat)
}

// writeProblem says why the file may not be written, or "". A file with no write permission
// at all (chmod 444) is refused even for root, who could write it anyway.
func (s *session) writeProblem() string {
	path := s.doc.Path
	if path == "" {
		return ""
	}
	st, err := os.Stat(path)
	if err != nil {
		return "" // a missing file is caught by the on-disk check
	}
	if st.Mode().IsRegular() && st.Mode().Perm()&0o222 == 0 {
		return i18n.F(s.lang, "not saved: %s is read-only (%s); your work stays on screen, ctrl+s saves it elsewhere", path, st.Mode().Perm().String())
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return i18n.F(s.lang, "not saved: %s cannot be written (%s); your work stays on screen, ctrl+s saves it elsewhere", path, permText(err))
	}
	f.Close()
	return ""
}

// permText shortens an open error to its cause ("permission denied").
func permText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// gone reports whether the file is no longer on disk.
func (s *session) gone() bool {
	if s.doc.Path == "" {
		return false
	}
	_, err := os.Stat(s.doc.Path)
	return errors.Is(err, os.ErrNotExist)
}

// undo takes back the last change (the file's text before it is saved again). It returns
// the line that changed back, to show what was undone; ok is false when there is nothing.
func (s *session) undo() (line string, ok bool, err error) {
	return s.step(&s.undos, &s.redos)
}

// redo applies again the last change undone.
func (s *session) redo() (line string, ok bool, err error) {
	return s.step(&s.redos, &s.undos)
}

func (s *session) step(from, to *[][]byte) (string, bool, error) {
	if len(*from) == 0 {
		return "", false, nil
	}
	text := (*from)[len(*from)-1]
	cur := append([]byte(nil), s.doc.Src()...)
	if err := s.commit(func(d *countries.Doc) error { return d.Replace(text) }); err != nil {
		return "", true, err
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, cur)
	return changedLine(cur, text), true, nil
}

// changedLine shows the first line of b that differs from a, with its number.
func changedLine(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range bl {
		if i >= len(al) || al[i] != bl[i] {
			return fmt.Sprintf("%d: %s", i+1, truncate(strings.TrimSpace(bl[i]), 60))
		}
	}
	if len(al) > len(bl) {
		return fmt.Sprintf("%d: %s", len(bl), truncate(strings.TrimSpace(al[len(bl)]), 60))
	}
	return ""
}

// restore puts the text back after a failed edit or save.
func (s *session) restore(src []byte) {
	if err := s.doc.Replace(src); err == nil {
		_ = s.doc.Check(s.fw)
	}
}

// saveAs writes the work on screen to a new file and continues there (the file was deleted,
// is read-only, or cannot be written). An existing file is not replaced.
func (s *session) saveAs(path string) error {
	path = expandHome(strings.TrimSpace(path))
	if path == "" {
		return errors.New(i18n.T(s.lang, "type a file name"))
	}
	if filepath.Ext(path) == "" {
		path += ".yaml"
	}
	if err := s.doc.SaveAs(path, false); err != nil {
		return err
	}
	s.changedOnDisk = false
	s.savedAt = s.now()
	s.rebuild()
	return nil
}

// snapshot is an immutable copy of the document and its model for work that runs beside the
// screens (an export): later edits, a language switch or a what-if never touch it.
func (s *session) snapshot() (*countries.Model, error) {
	d, err := countries.Parse(s.doc.Name, append([]byte(nil), s.doc.Src()...))
	if err != nil {
		return nil, err
	}
	d.Path = s.doc.Path
	_ = d.Check(s.fw)
	m := countries.Build(d, s.fw, s.cat, s.lang)
	if err := m.Replan(s.opts); err != nil {
		return nil, err
	}
	return m, nil
}

// reload reads the file from disk again (after someone else changed it). Undo starts afresh:
// going back to a text from before the reload would overwrite the other editor's work.
func (s *session) reload() error {
	if s.room != nil {
		if s.readOnly {
			return errors.New(i18n.T(s.lang, "only the facilitator can reload the file"))
		}
		if err := s.room.Reload(); err != nil {
			return err
		}
		s.sync()
		return nil
	}
	d, err := countries.Load(s.doc.Path)
	if err != nil {
		return err
	}
	fw, err := d.Framework("")
	if err != nil {
		return err
	}
	if err := d.Check(fw); err != nil {
		return err
	}
	if err := d.CheckCatalog(s.cat); err != nil {
		return err
	}
	// Only a file that passed every check replaces the one on screen.
	s.doc, s.fw = d, fw
	s.changedOnDisk = false
	s.undos, s.redos = nil, nil
	s.rebuild()
	return nil
}

// checkDisk notices a change on disk made by someone else.
func (s *session) checkDisk() {
	if s.room != nil {
		s.sync()
		return
	}
	if changed, err := s.doc.ChangedOnDisk(); err == nil && changed {
		s.changedOnDisk = true
	}
}

// ministryIDs lists the file's ministries in order.
func (s *session) ministryIDs() []string {
	var ids []string
	for _, m := range s.doc.File.Ministries {
		ids = append(ids, m.ID)
	}
	return ids
}

// setText sets the text of lang in t, keeping the other languages (English is always set).
func setText(t i18n.Text, lang, v string) i18n.Text {
	out := i18n.Text{}
	for k, x := range t {
		out[k] = x
	}
	out[lang] = v
	if out[i18n.Default] == "" {
		out[i18n.Default] = v
	}
	return out
}
