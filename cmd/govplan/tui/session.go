package tui

import (
	"errors"
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
	changedOnDisk bool   // the file changed under us; nothing is saved until reload
	planErr       string // the roadmap cannot be built (e.g. a missing exchange rate)
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
	if s.opts == (countries.PlanOptions{}) {
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

// change applies an edit to the file's text and saves it at once. When the save fails the
// in-memory change is undone (reloaded from the last saved text), so the screen never shows
// an answer that is not on disk.
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
	if s.changedOnDisk {
		return &notSaved{msg: i18n.T(s.lang, "not saved: the file changed on disk; press ctrl+r to reload it first"), err: countries.ErrChangedOnDisk}
	}
	before := append([]byte(nil), s.doc.Src()...)
	if err := edit(s.doc); err != nil {
		return &notSaved{msg: i18n.F(s.lang, "not saved: %s", err.Error()), err: err}
	}
	if err := s.doc.Save(); err != nil {
		s.restore(before)
		if errors.Is(err, countries.ErrChangedOnDisk) {
			s.changedOnDisk = true
			return &notSaved{msg: i18n.T(s.lang, "not saved: the file changed on disk since it was opened; press ctrl+r to reload it"), err: err}
		}
		return &notSaved{msg: i18n.F(s.lang, "not saved: %s", err.Error()), err: err}
	}
	s.savedAt = s.now()
	s.rebuild()
	return nil
}

// restore puts the last saved text back after a failed save.
func (s *session) restore(src []byte) {
	if d, err := countries.Parse(s.doc.Name, src); err == nil {
		path := s.doc.Path
		*s.doc = *d
		s.doc.Path = path
		_ = s.doc.Check(s.fw)
	}
}

// reload reads the file from disk again (after someone else changed it).
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
	if err := s.doc.Reload(); err != nil {
		return err
	}
	fw, err := s.doc.Framework("")
	if err != nil {
		return err
	}
	if err := s.doc.Check(fw); err != nil {
		return err
	}
	if err := s.doc.CheckCatalog(s.cat); err != nil {
		return err
	}
	s.fw = fw
	s.changedOnDisk = false
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
