package core

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// keyLog is a server-side store that records every key it is asked about.
type keyLog struct {
	Store
	mu   sync.Mutex
	keys []string
}

func (k *keyLog) note(key string) {
	k.mu.Lock()
	k.keys = append(k.keys, key)
	k.mu.Unlock()
}

func (k *keyLog) Find(ctx context.Context, key string) ([]byte, bool, error) {
	k.note(key)
	return k.Store.Find(ctx, key)
}

func (k *keyLog) Commit(ctx context.Context, key string, b []byte, ttl time.Duration) error {
	k.note(key)
	return k.Store.Commit(ctx, key, b, ttl)
}

func (k *keyLog) seen() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.keys...)
}

func TestServerStoreIDs(t *testing.T) {
	t.Parallel()
	var e *testEnv
	store := &keyLog{Store: NewMemoryStore(MemoryStoreConfig{Now: func() time.Time { return e.clock() }})}
	e = newTestEnv(t, rememberizertest.Config{}, func(c *Config) { c.Store = store })
	name := e.c.sessionSlot.Name

	t.Run("MalformedIDsNeverReachTheStore", func(t *testing.T) {
		before := len(store.seen())
		for _, bad := range []string{"x", strings.Repeat("A", 42), strings.Repeat("A", 44), strings.Repeat("*", 43), "../../etc/passwd"} {
			req := newFakeRequest("GET", "/private").addCookie(name, bad)
			if _, err := e.c.authenticate(req); !isSignedOut(err) {
				t.Fatalf("cookie %q: got %v, want signed out", bad, err)
			}
			if c, ok := req.sentCookie(name); !ok || c.MaxAge > 0 {
				t.Fatalf("cookie %q: want it expired", bad)
			}
		}
		if got := len(store.seen()) - before; got != 0 {
			t.Fatalf("malformed ids reached the store %d times, want 0", got)
		}
	})

	t.Run("UnknownIDIsSignedOutAndNeverAdopted", func(t *testing.T) {
		req := newFakeRequest("GET", "/private").addCookie(name, strings.Repeat("A", serverIDLen))
		if _, err := e.c.authenticate(req); !isSignedOut(err) {
			t.Fatalf("unknown id: got %v, want signed out", err)
		}
		if n := store.Store.(*MemoryStore).len(); n != 0 {
			t.Fatalf("the store holds %d records, want 0", n)
		}
	})

	t.Run("SignInIssuesANewIDAndDeletesTheOld", func(t *testing.T) {
		first := e.signIn(t)
		oldID, tag := splitSessionCookie(first.Cookie(name))
		if oldID == "" || tag != e.c.userTag("42") {
			t.Fatalf("session cookie %q is not a record id and the user's tag", first.Cookie(name))
		}
		for _, k := range store.seen() {
			if strings.Contains(k, oldID) {
				t.Fatalf("store key %q holds the cookie's id; want a hash of it", k)
			}
		}
		again := e.signInFrom(t, first)
		newID, _ := splitSessionCookie(again.Cookie(name))
		if newID == oldID || newID == "" {
			t.Fatalf("second sign-in: got id %q, want a new id", newID)
		}
		if _, ok, _ := store.Find(context.Background(), recordKey("session", oldID)); ok {
			t.Fatal("the old session record still exists after a new sign-in")
		}
	})
}
