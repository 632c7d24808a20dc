package core

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// countingStore counts round trips: each Find, and each FindMany.
type countingStore struct {
	*MemoryStore
	finds, many atomic.Int32
}

func (s *countingStore) Find(ctx context.Context, key string) ([]byte, bool, error) {
	s.finds.Add(1)
	return s.MemoryStore.Find(ctx, key)
}

func (s *countingStore) FindMany(ctx context.Context, keys ...string) ([][]byte, error) {
	s.many.Add(1)
	return s.MemoryStore.FindMany(ctx, keys...)
}

func (s *countingStore) reset() { s.finds.Store(0); s.many.Store(0) }

// With a server-side store that reads several keys at once, a protected
// request reads its session and the user's "ended" mark in one round
// trip; a cookie whose tag names someone else is tampered with, and one
// from before tags still meets the mark.
func TestSessionAndMarkInOneRoundTrip(t *testing.T) {
	t.Parallel()
	store := &countingStore{MemoryStore: NewMemoryStore()}
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
		store.MemoryStore = NewMemoryStore(MemoryStoreConfig{Now: c.Now})
		c.Store = store
	})
	name := e.c.sessionSlot.Name
	signedIn := e.signIn(t)
	cookie := signedIn.Cookie(name)
	id, tag := splitSessionCookie(cookie)
	if id == "" || tag != e.c.userTag("42") {
		t.Fatalf("session cookie %q: want a record id and user 42's tag", cookie)
	}

	store.reset()
	if _, err := e.c.authenticate(signedIn.followUp("GET", "/private")); err != nil {
		t.Fatal(err)
	}
	if f, m := store.finds.Load(), store.many.Load(); f != 0 || m != 1 {
		t.Fatalf("a protected request: %d Find and %d FindMany calls, want 0 and 1", f, m)
	}

	with := func(v string) *fakeRequest { return newFakeRequest("GET", "/private").addCookie(name, v) }
	// A tag that is not the session's user's: a tampered cookie.
	forged := with(id + "." + e.c.userTag("43"))
	if _, err := e.c.authenticate(forged); !isSignedOut(err) {
		t.Fatalf("a forged tag: got %v, want signed out", err)
	}
	if c, ok := forged.sentCookie(name); !ok || c.MaxAge > 0 {
		t.Fatal("a forged tag: the cookie was not expired")
	}
	// A cookie from before tags: the mark is read on its own.
	store.reset()
	if _, err := e.c.authenticate(with(id)); err != nil {
		t.Fatalf("no tag, before EndSessions: %v", err)
	}
	if n := store.finds.Load() + store.many.Load(); n != 2 {
		t.Fatalf("no tag: %d round trips, want 2 (the session, then the mark)", n)
	}

	if err := e.c.EndSessions(context.Background(), "42"); err != nil {
		t.Fatal(err)
	}
	for what, r := range map[string]*fakeRequest{
		"the cookie": signedIn.followUp("GET", "/private"),
		"no tag":     with(id),
	} {
		if _, err := e.c.authenticate(r); !isSignedOut(err) {
			t.Fatalf("%s after EndSessions: got %v, want signed out", what, err)
		}
	}
}

// Tags are salted with the client id: the same user has another tag in
// another app, and the same after the client secret or the keys rotate.
func TestUserTagSalted(t *testing.T) {
	t.Parallel()
	a := newTestEnv(t, rememberizertest.Config{}, nil)
	b := newTestEnvSharing(t, a, func(c *Config) { c.ClientID = "another-app" })
	if a.c.userTag("42") == b.c.userTag("42") {
		t.Fatal("two apps give the same tag")
	}
	rotated := newTestEnvSharing(t, a, func(c *Config) {
		c.ClientSecret = "a new secret"
		c.SessionKeys = [][]byte{ringKey(10), ringKey(9)}
	})
	if a.c.userTag("42") != rotated.c.userTag("42") {
		t.Fatal("rotating the client secret and the keys changed the tag: marks would be lost")
	}
	if a.c.userTag("42") == a.c.userTag("43") || len(a.c.userTag("42")) != userTagLen {
		t.Fatalf("tags %q and %q: want distinct, %d characters", a.c.userTag("42"), a.c.userTag("43"), userTagLen)
	}
}

// The mark key built in one piece is the one markKey builds from the tag,
// for ids of every length, so marks written by either are found by both.
func TestUserMarkKey(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	for _, id := range []string{"", "42", "u-7", strings.Repeat("x", 200)} {
		for _, kind := range []string{markEnded, "grant"} {
			if got, want := e.c.userMarkKey(kind, id), markKey(kind, e.c.userTag(id)); got != want {
				t.Fatalf("userMarkKey(%q, %q) = %q, want %q", kind, id, got, want)
			}
		}
	}
}
