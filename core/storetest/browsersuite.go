package storetest

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core/adapter"
)

// BrowserConfig describes the browser store under test.
type BrowserConfig struct {
	// New returns an empty store for one test. Required.
	New func(t *testing.T) adapter.BrowserStore
	// Advance moves the store's clock forward. Optional: when nil, the
	// expiry test waits for a one-second MaxAge to pass in real time.
	Advance func(d time.Duration)
	// ValueInCookie says the value lives in the cookie itself, so the
	// browser expires it (from the cookie's Max-Age), not the store; core
	// enforces lifetimes from the sealed record as well. Optional.
	ValueInCookie bool
	// MaxValue is the largest value the store must keep. Optional.
	// Default: 2048 bytes (what fits a cookie once sealed and encoded).
	MaxValue int
}

var (
	sessionSlot = adapter.Slot{Name: "rememberizer_session", MaxAge: time.Hour}
	loginSlot   = adapter.Slot{Name: "rememberizer_login", MaxAge: 10 * time.Minute}
	secureSlot  = adapter.Slot{Name: "__Host-rememberizer_session", MaxAge: time.Hour, Secure: true}
)

// RunBrowser runs the conformance suite of a [adapter.BrowserStore]: a store
// whose value lives in, or is named by, a cookie it manages itself.
func RunBrowser(t *testing.T, cfg BrowserConfig) {
	if cfg.MaxValue == 0 {
		cfg.MaxValue = 2048
	}
	tests := []struct {
		name string
		run  func(*testing.T, BrowserConfig)
	}{
		{"SaveLoadDelete", testSaveLoadDelete},
		{"NothingStored", testNothingStored},
		{"Overwrite", testOverwrite},
		{"FreshIdentity", testFresh},
		{"SlotsIndependent", testSlots},
		{"BrowsersIsolated", testBrowsers},
		{"TamperedCookie", testTampered},
		{"LargeValue", testLarge},
		{"CookieAttributes", testAttributes},
		{"Expiry", testExpiry},
		{"Concurrent", testConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, cfg) })
	}
}

func save(t *testing.T, s adapter.BrowserStore, b *browser, slot adapter.Slot, v string) *request {
	t.Helper()
	r := b.request()
	if err := s.Save(r, slot, []byte(v)); err != nil {
		t.Fatalf("Save(%s): got error %v, want nil", slot.Name, err)
	}
	return r
}

func load(t *testing.T, s adapter.BrowserStore, b *browser, slot adapter.Slot) string {
	t.Helper()
	v, err := s.Load(b.request(), slot)
	if err != nil {
		t.Fatalf("Load(%s): got error %v, want nil", slot.Name, err)
	}
	return string(v)
}

func testSaveLoadDelete(t *testing.T, cfg BrowserConfig) {
	s, b := cfg.New(t), newBrowser()
	save(t, s, b, sessionSlot, "value one")
	if got := load(t, s, b, sessionSlot); got != "value one" {
		t.Fatalf("Load: got %q, want %q", got, "value one")
	}
	r := b.request()
	if err := s.Erase(r, sessionSlot); err != nil {
		t.Fatalf("Erase: %v", err)
	}
	if got := load(t, s, b, sessionSlot); got != "" {
		t.Fatalf("Load after Erase: got %q, want nothing", got)
	}
	expired := false
	for _, c := range headerCookies(r.setCookies()) {
		if c.Name == sessionSlot.Name && c.MaxAge < 0 {
			expired = true
		}
	}
	if !expired {
		t.Fatalf("Erase did not expire the cookie: %q", r.setCookies())
	}
}

func testNothingStored(t *testing.T, cfg BrowserConfig) {
	s := cfg.New(t)
	v, err := s.Load(newBrowser().request(), sessionSlot)
	if v != nil || err != nil {
		t.Fatalf("Load with no cookie: got %q, %v; want nil, nil", v, err)
	}
	if err := s.Erase(newBrowser().request(), sessionSlot); err != nil {
		t.Fatalf("Erase with no cookie: got %v, want nil", err)
	}
}

func testOverwrite(t *testing.T, cfg BrowserConfig) {
	s, b := cfg.New(t), newBrowser()
	save(t, s, b, sessionSlot, "v1")
	save(t, s, b, sessionSlot, "v2")
	if got := load(t, s, b, sessionSlot); got != "v2" {
		t.Fatalf("Load after two saves: got %q, want v2", got)
	}
}

func testFresh(t *testing.T, cfg BrowserConfig) {
	s, b := cfg.New(t), newBrowser()
	save(t, s, b, sessionSlot, "before sign-in")
	old := newBrowser()
	old.setCookie(sessionSlot.Name, b.cookie(sessionSlot.Name))
	fresh := sessionSlot
	fresh.Fresh = true
	save(t, s, b, fresh, "after sign-in")
	if got := load(t, s, b, sessionSlot); got != "after sign-in" {
		t.Fatalf("Load after a fresh save: got %q, want %q", got, "after sign-in")
	}
	if b.cookie(sessionSlot.Name) == old.cookie(sessionSlot.Name) {
		t.Fatal("a fresh save kept the old cookie value")
	}
	if got := load(t, s, old, sessionSlot); got == "after sign-in" {
		t.Fatal("the cookie from before the fresh save loads the new value")
	}
}

func testSlots(t *testing.T, cfg BrowserConfig) {
	s, b := cfg.New(t), newBrowser()
	save(t, s, b, sessionSlot, "session")
	save(t, s, b, loginSlot, "login")
	if a, l := load(t, s, b, sessionSlot), load(t, s, b, loginSlot); a != "session" || l != "login" {
		t.Fatalf("slots: got %q and %q, want session and login", a, l)
	}
	if err := s.Erase(b.request(), loginSlot); err != nil {
		t.Fatal(err)
	}
	if got := load(t, s, b, sessionSlot); got != "session" {
		t.Fatalf("deleting one slot removed another: got %q", got)
	}
}

func testBrowsers(t *testing.T, cfg BrowserConfig) {
	s, a, b := cfg.New(t), newBrowser(), newBrowser()
	save(t, s, a, sessionSlot, "alice")
	if got := load(t, s, b, sessionSlot); got != "" {
		t.Fatalf("another browser loaded %q", got)
	}
	save(t, s, b, sessionSlot, "bob")
	if got := load(t, s, a, sessionSlot); got != "alice" {
		t.Fatalf("browser A: got %q, want alice", got)
	}
}

func testTampered(t *testing.T, cfg BrowserConfig) {
	s, b := cfg.New(t), newBrowser()
	save(t, s, b, sessionSlot, "genuine")
	v := b.cookie(sessionSlot.Name)
	for _, bad := range []string{
		"", "x", strings.Repeat("A", len(v)), v + "x", v[:len(v)/2],
		"../../etc/passwd", "*", "a b", "\x00", strings.Repeat("z", 5000), flipLast(v),
	} {
		x := newBrowser()
		x.setCookie(sessionSlot.Name, bad)
		got, err := s.Load(x.request(), sessionSlot)
		if err != nil || string(got) == "genuine" {
			t.Fatalf("cookie %q: got %q, %v; want no value and no error", bad, got, err)
		}
	}
}

func flipLast(v string) string {
	if v == "" {
		return "x"
	}
	b := []byte(v)
	if b[len(b)-1] == 'A' {
		b[len(b)-1] = 'B'
	} else {
		b[len(b)-1] = 'A'
	}
	return string(b)
}

func testLarge(t *testing.T, cfg BrowserConfig) {
	s, b := cfg.New(t), newBrowser()
	v := bytes.Repeat([]byte{0, 1, 2, 0xff, 'a'}, cfg.MaxValue/5)
	if err := s.Save(b.request(), sessionSlot, v); err != nil {
		t.Fatalf("Save of %d bytes: %v", len(v), err)
	}
	got, err := s.Load(b.request(), sessionSlot)
	if err != nil || !bytes.Equal(got, v) {
		t.Fatalf("binary value of %d bytes did not round-trip (err %v)", len(v), err)
	}
}

func testAttributes(t *testing.T, cfg BrowserConfig) {
	s := cfg.New(t)
	for _, slot := range []adapter.Slot{sessionSlot, secureSlot} {
		b := newBrowser()
		lines := save(t, s, b, slot, "v").setCookies()
		r := b.request()
		if err := s.Erase(r, slot); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, r.setCookies()...)
		if len(lines) == 0 {
			t.Fatalf("%s: the store set no cookie", slot.Name)
		}
		for _, c := range headerCookies(lines) {
			if !c.HttpOnly || c.Path != "/" || c.Domain != "" || c.SameSite != http.SameSiteLaxMode || c.Secure != slot.Secure {
				t.Fatalf("%s: cookie %q breaks the attribute rules (HttpOnly, Path=/, no Domain, Lax, Secure=%v)", slot.Name, lines, slot.Secure)
			}
		}
	}
}

func testExpiry(t *testing.T, cfg BrowserConfig) {
	s, b := cfg.New(t), newBrowser()
	slot := adapter.Slot{Name: "rememberizer_login", MaxAge: time.Second}
	r := save(t, s, b, slot, "short-lived")
	for _, c := range headerCookies(r.setCookies()) {
		if c.Name == slot.Name && c.MaxAge != 1 {
			t.Fatalf("cookie Max-Age: got %d, want 1 (the slot's MaxAge)", c.MaxAge)
		}
	}
	if cfg.ValueInCookie {
		return
	}
	// From here the browser keeps its cookie forever, as a copied cookie
	// would be: the store itself must forget the value.
	if cfg.Advance != nil {
		cfg.Advance(999 * time.Millisecond)
		if got := load(t, s, b, slot); got != "short-lived" {
			t.Fatalf("before MaxAge: got %q, want the value", got)
		}
		cfg.Advance(2 * time.Millisecond)
		if got := load(t, s, b, slot); got != "" {
			t.Fatalf("after MaxAge: got %q, want nothing", got)
		}
		return
	}
	deadline := time.Now().Add(10 * time.Second)
	for load(t, s, b, slot) != "" {
		if time.Now().After(deadline) {
			t.Fatal("a value with a one-second MaxAge still loads after 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func testConcurrent(t *testing.T, cfg BrowserConfig) {
	s := cfg.New(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Go(func() {
			b := newBrowser()
			for j := 0; j < 10; j++ {
				want := fmt.Sprintf("browser %d save %d", i, j)
				if err := s.Save(b.request(), sessionSlot, []byte(want)); err != nil {
					errs <- err
					return
				}
				got, err := s.Load(b.request(), sessionSlot)
				if err != nil || string(got) != want {
					errs <- fmt.Errorf("browser %d: got %q, %v; want %q", i, got, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
