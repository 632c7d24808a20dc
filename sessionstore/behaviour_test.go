package sessionstore_test

import (
	"bytes"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
	"github.com/rzauth/rememberizer-go/internal/fakereq"
	"github.com/rzauth/rememberizer-go/sessionstore"
)

var (
	session = adapter.Slot{Name: "rememberizer_session", MaxAge: time.Hour}
	secure  = adapter.Slot{Name: "__Host-rememberizer_session", MaxAge: 90 * time.Minute, Secure: true}
)

// fakeReq is one request of a test browser: it sends cookie for every
// name and records the cookies set on its response.
func fakeReq(cookie string) *fakereq.Request { return &fakereq.Request{Any: cookie} }

// last returns the value of the last cookie set on req, failing if none
// was.
func last(t testing.TB, req *fakereq.Request) string {
	t.Helper()
	set := req.Set()
	if len(set) == 0 {
		t.Fatal("no cookie was set")
	}
	return set[len(set)-1].Value
}

// recorder is a gorilla store that records the sessions it is asked to
// save, and, when err is set, fails New with it for requests with a cookie.
type recorder struct {
	sessions.Store
	err   error
	saved []sessions.Options
}

func (r *recorder) New(req *http.Request, name string) (*sessions.Session, error) {
	if r.err != nil && req.Header.Get("Cookie") != "" {
		return sessions.NewSession(r, name), r.err
	}
	return r.Store.New(req, name)
}

func (r *recorder) Save(req *http.Request, w http.ResponseWriter, s *sessions.Session) error {
	r.saved = append(r.saved, *s.Options)
	return r.Store.Save(req, w, s)
}

func TestGorillaDefaultsOverridden(t *testing.T) {
	t.Parallel()
	cs := sessions.NewCookieStore(hashKey)
	cs.Options.Domain = "example.com"
	cs.Options.Path = "/app"
	rec := &recorder{Store: cs}
	store := sessionstore.NewGorillaStore(rec)
	for _, slot := range []adapter.Slot{session, secure} {
		req := fakeReq("")
		if err := store.Save(req, slot, []byte("sealed")); err != nil {
			t.Fatal(err)
		}
		want := sessions.Options{Path: "/", MaxAge: int(slot.MaxAge / time.Second), Secure: slot.Secure, HttpOnly: true, SameSite: http.SameSiteLaxMode}
		if got := rec.saved[len(rec.saved)-1]; got != want {
			t.Fatalf("%s: gorilla Options: got %+v, want %+v", slot.Name, got, want)
		}
		set := req.Set()
		got, want2 := set[0].String(), slot.Cookie(set[0].Value)
		if got != want2 {
			t.Fatalf("%s: Set-Cookie: got %q, want core's own %q", slot.Name, got, want2)
		}
	}
	if cs.Options.Domain != "example.com" || cs.Options.Path != "/app" || cs.Options.HttpOnly {
		t.Fatalf("the gorilla store's own Options changed: %+v", *cs.Options)
	}
}

func TestGorillaLoadErrors(t *testing.T) {
	t.Parallel()
	pathErr := &fs.PathError{Op: "open", Path: "/var/sessions/session_SECRETID", Err: fs.ErrPermission}
	tests := []struct {
		name        string
		err         error
		wantErr     bool
		unavailable bool
	}{
		{"MacInvalid", securecookie.ErrMacInvalid, false, false},
		{"AllCodecsRefuse", securecookie.MultiError{securecookie.ErrMacInvalid, securecookie.ErrMacInvalid}, false, false},
		{"RecordGone", &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, false, false},
		{"FileUnreadable", pathErr, true, false},
		{"BackendDown", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, true, true},
		{"Other", errors.New("database is locked"), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			store := sessionstore.NewGorillaStore(&recorder{Store: sessions.NewCookieStore(hashKey), err: tt.err})
			for op, call := range map[string]func(*fakereq.Request) error{
				"Load":  func(r *fakereq.Request) error { v, err := store.Load(r, session); return errors.Join(err, nonNil(v)) },
				"Save":  func(r *fakereq.Request) error { return store.Save(r, session, []byte("v")) },
				"Erase": func(r *fakereq.Request) error { return store.Erase(r, session) },
			} {
				err := call(fakeReq("c29tZXRoaW5n"))
				if (err != nil) != tt.wantErr {
					t.Fatalf("%s: got error %v, want error: %v", op, err, tt.wantErr)
				}
				if got := errors.Is(err, core.ErrStoreUnavailable); got != tt.unavailable {
					t.Fatalf("%s: errors.Is(%v, ErrStoreUnavailable): got %v, want %v", op, err, got, tt.unavailable)
				}
				if err != nil && strings.Contains(err.Error(), "SECRETID") {
					t.Fatalf("%s: the error names the session file: %v", op, err)
				}
			}
		})
	}
}

func nonNil(v []byte) error {
	if v != nil {
		return errors.New("a value loaded")
	}
	return nil
}

func TestGorillaMisconfiguredKeysFail(t *testing.T) {
	t.Parallel()
	// A 7-byte block key is not an AES key: every decode fails with a
	// usage error, which is the app's fault and must not pass for "signed
	// out".
	good := sessionstore.NewGorillaStore(sessions.NewCookieStore(hashKey))
	req := fakeReq("")
	if err := good.Save(req, session, []byte("v")); err != nil {
		t.Fatal(err)
	}
	bad := sessionstore.NewGorillaStore(sessions.NewCookieStore(hashKey, []byte("7 bytes")))
	if _, err := bad.Load(fakeReq(last(t, req)), session); err == nil {
		t.Fatal("Load with a misconfigured block key: got nil error, want one")
	}
	if err := bad.Save(fakeReq(""), session, []byte("v")); err == nil {
		t.Fatal("Save with a misconfigured block key: got nil error, want one")
	}
}

func TestGorillaNilStore(t *testing.T) {
	t.Parallel()
	store := sessionstore.NewGorillaStore(nil)
	if _, err := store.Load(fakeReq("x"), session); err == nil {
		t.Fatal("Load: got nil error, want one")
	}
	if err := store.Save(fakeReq(""), session, []byte("v")); err == nil {
		t.Fatal("Save: got nil error, want one")
	}
}

func TestGorillaTooLarge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		store sessions.Store
	}{
		{"CookieStore", sessions.NewCookieStore(hashKey, blockKey)},
		{"FilesystemStoreDefaultMaxLength", sessions.NewFilesystemStore(t.TempDir(), hashKey, blockKey)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := fakeReq("")
			err := sessionstore.NewGorillaStore(tt.store).Save(req, session, bytes.Repeat([]byte{7}, 3000))
			if !errors.Is(err, adapter.ErrCookieTooLarge) {
				t.Fatalf("Save of 3000 bytes: got %v, want ErrCookieTooLarge", err)
			}
			if set := req.Set(); len(set) != 0 {
				t.Fatalf("a cookie was set: %q", set[0].String())
			}
		})
	}
}

func TestGorillaCookieExpiresInside(t *testing.T) {
	t.Parallel()
	// With a CookieStore the browser forgets the cookie after Max-Age; a
	// copy kept past it loads nothing either, whatever gorilla's MaxAge.
	clock := newFakeClock()
	store := sessionstore.NewGorillaStore(sessions.NewCookieStore(hashKey, blockKey), sessionstore.GorillaConfig{Now: clock.Now})
	req := fakeReq("")
	if err := store.Save(req, session, []byte("v")); err != nil {
		t.Fatal(err)
	}
	copied := fakeReq(last(t, req))
	clock.Advance(session.MaxAge - time.Second)
	if v, err := store.Load(copied, session); string(v) != "v" || err != nil {
		t.Fatalf("before MaxAge: got %q, %v; want v", v, err)
	}
	clock.Advance(time.Second)
	if v, err := store.Load(copied, session); v != nil || err != nil {
		t.Fatalf("after MaxAge: got %q, %v; want nil, nil", v, err)
	}
}

func TestGorillaKeys(t *testing.T) {
	t.Parallel()
	oldHash, newHash := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	req := fakeReq("")
	if err := sessionstore.NewGorillaStore(sessions.NewCookieStore(oldHash, blockKey)).Save(req, session, []byte("v")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		keys [][]byte
		want string
	}{
		{"Rotated", [][]byte{newHash, blockKey, oldHash, blockKey}, "v"},
		{"Retired", [][]byte{newHash, blockKey}, ""},
		{"OtherBlockKey", [][]byte{oldHash, bytes.Repeat([]byte{3}, 32)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := sessionstore.NewGorillaStore(sessions.NewCookieStore(tt.keys...)).Load(fakeReq(last(t, req)), session)
			if string(v) != tt.want || err != nil {
				t.Fatalf("got %q, %v; want %q, nil", v, err, tt.want)
			}
		})
	}
}

// sessionFiles lists the FilesystemStore's session files in dir.
func sessionFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "session_*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestGorillaFilesystemRecords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	store := sessionstore.NewGorillaStore(sessions.NewFilesystemStore(dir, hashKey, blockKey))

	first := fakeReq("")
	if err := store.Save(first, session, []byte("one")); err != nil {
		t.Fatal(err)
	}
	files := sessionFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("after one save: got files %q, want 1", files)
	}

	// Saving again keeps the record and its id.
	again := fakeReq(last(t, first))
	if err := store.Save(again, session, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if got := sessionFiles(t, dir); len(got) != 1 || got[0] != files[0] {
		t.Fatalf("after an overwrite: got files %q, want %q", got, files)
	}

	// A fresh save moves the value to a new record and deletes the old.
	fresh := session
	fresh.Fresh = true
	signIn := fakeReq(last(t, again))
	if err := store.Save(signIn, fresh, []byte("three")); err != nil {
		t.Fatal(err)
	}
	if got := sessionFiles(t, dir); len(got) != 1 || got[0] == files[0] {
		t.Fatalf("after a fresh save: got files %q, want one other than %q", got, files)
	}
	if v, err := store.Load(fakeReq(last(t, again)), session); v != nil || err != nil {
		t.Fatalf("old cookie after a fresh save: got %q, %v; want nil, nil", v, err)
	}

	// Delete removes the record.
	out := fakeReq(last(t, signIn))
	if err := store.Erase(out, session); err != nil {
		t.Fatal(err)
	}
	if got := sessionFiles(t, dir); len(got) != 0 {
		t.Fatalf("after Delete: got files %q, want none", got)
	}
	if v, err := store.Load(fakeReq(last(t, signIn)), session); v != nil || err != nil {
		t.Fatalf("deleted session: got %q, %v; want nil, nil", v, err)
	}

	// An id whose record is gone is never adopted again.
	revived := fakeReq(last(t, signIn))
	if err := store.Save(revived, session, []byte("four")); err != nil {
		t.Fatal(err)
	}
	if last(t, revived) == last(t, signIn) {
		t.Fatal("a save under a deleted id kept that id's cookie")
	}
}

func TestGorillaFilesystemNoSecretAtRest(t *testing.T) {
	t.Parallel()
	// The file holds core's sealed value inside gorilla's encoding; with a
	// block key gorilla encrypts it again. Either way no plaintext.
	dir := t.TempDir()
	store := sessionstore.NewGorillaStore(sessions.NewFilesystemStore(dir, hashKey, blockKey))
	if err := store.Save(fakeReq(""), session, []byte("plain-marker-0123456789")); err != nil {
		t.Fatal(err)
	}
	for _, name := range sessionFiles(t, dir) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("plain-marker")) {
			t.Fatalf("%s holds the value in the clear", name)
		}
	}
}
