package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/adapter"
)

// Config describes the server-side store under test.
type Config struct {
	// New returns an empty store for one test. Required.
	New func(t *testing.T) core.Store
	// Advance moves the store's clock forward. Optional: when nil, the
	// expiry test waits for a one-second TTL to pass in real time.
	Advance func(d time.Duration)
	// MaxValue is the largest value the store must keep. Optional.
	// Default: 64 KiB.
	MaxValue int
}

// Run runs the conformance suite of a server-side [core.Store].
func Run(t *testing.T, cfg Config) {
	if cfg.MaxValue == 0 {
		cfg.MaxValue = 64 << 10
	}
	tests := []struct {
		name string
		run  func(*testing.T, Config)
	}{
		{"CommitFindDelete", testCommitFindDelete},
		{"NothingStored", testFindMissing},
		{"Overwrite", testOverwriteKey},
		{"KeysIndependent", testKeys},
		{"LargeBinaryValue", testLargeValue},
		{"CallerOwnsBuffer", testCallerBuffer},
		{"Expiry", testKeyExpiry},
		{"Concurrent", testConcurrentKeys},
		{"Claimer", testClaimer},
		{"Locker", testLocker},
		{"MultiFinder", testMultiFinder},
		{"GrantLister", testGrantLister},
		{"Sessions", testSessions},
		{"Grants", testGrants},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, cfg) })
	}
}

var bg = context.Background()

func find(t *testing.T, s core.Store, key string) (string, bool) {
	t.Helper()
	b, ok, err := s.Find(bg, key)
	if err != nil {
		t.Fatalf("Find(%q): got error %v, want nil", key, err)
	}
	return string(b), ok
}

func commit(t *testing.T, s core.Store, key, v string, ttl time.Duration) {
	t.Helper()
	if err := s.Commit(bg, key, []byte(v), ttl); err != nil {
		t.Fatalf("Commit(%q): got error %v, want nil", key, err)
	}
}

func testCommitFindDelete(t *testing.T, cfg Config) {
	s := cfg.New(t)
	commit(t, s, "session:a", "value one", time.Hour)
	if got, ok := find(t, s, "session:a"); !ok || got != "value one" {
		t.Fatalf("Find: got %q, %v; want %q, true", got, ok, "value one")
	}
	if err := s.Delete(bg, "session:a"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if got, ok := find(t, s, "session:a"); ok {
		t.Fatalf("Find after Delete: got %q, want nothing", got)
	}
}

func testFindMissing(t *testing.T, cfg Config) {
	s := cfg.New(t)
	if got, ok := find(t, s, "session:never"); ok || got != "" {
		t.Fatalf("Find of a key never committed: got %q, %v; want nothing", got, ok)
	}
	if err := s.Delete(bg, "session:never"); err != nil {
		t.Fatalf("Delete of a missing key: got %v, want nil", err)
	}
}

func testOverwriteKey(t *testing.T, cfg Config) {
	s := cfg.New(t)
	commit(t, s, "grant:x", "v1", time.Hour)
	commit(t, s, "grant:x", "v2", time.Hour)
	if got, _ := find(t, s, "grant:x"); got != "v2" {
		t.Fatalf("Find after two commits: got %q, want v2", got)
	}
}

func testKeys(t *testing.T, cfg Config) {
	s := cfg.New(t)
	commit(t, s, "session:k", "session", time.Hour)
	commit(t, s, "grant:k", "grant", time.Hour)
	if err := s.Delete(bg, "grant:k"); err != nil {
		t.Fatal(err)
	}
	if got, ok := find(t, s, "session:k"); !ok || got != "session" {
		t.Fatalf("deleting one key removed another: got %q, %v", got, ok)
	}
}

func testLargeValue(t *testing.T, cfg Config) {
	s := cfg.New(t)
	v := bytes.Repeat([]byte{0, 1, 2, 0xff, 'a'}, cfg.MaxValue/5)
	if err := s.Commit(bg, "session:large", v, time.Hour); err != nil {
		t.Fatalf("Commit of %d bytes: %v", len(v), err)
	}
	got, ok, err := s.Find(bg, "session:large")
	if err != nil || !ok || !bytes.Equal(got, v) {
		t.Fatalf("binary value of %d bytes did not round-trip (found %v, err %v)", len(v), ok, err)
	}
}

// testCallerBuffer checks that the store keeps its own copy: core reuses
// the buffers it commits.
func testCallerBuffer(t *testing.T, cfg Config) {
	s := cfg.New(t)
	b := []byte("original")
	if err := s.Commit(bg, "session:buf", b, time.Hour); err != nil {
		t.Fatal(err)
	}
	copy(b, "CHANGED!")
	if got, _ := find(t, s, "session:buf"); got != "original" {
		t.Fatalf("after the caller reused its buffer: got %q, want %q", got, "original")
	}
}

func testKeyExpiry(t *testing.T, cfg Config) {
	s := cfg.New(t)
	commit(t, s, "session:short", "short-lived", time.Second)
	if cfg.Advance != nil {
		cfg.Advance(999 * time.Millisecond)
		if _, ok := find(t, s, "session:short"); !ok {
			t.Fatal("before expiry: the value is gone")
		}
		cfg.Advance(2 * time.Millisecond)
		if got, ok := find(t, s, "session:short"); ok {
			t.Fatalf("after expiry: got %q, want nothing", got)
		}
		return
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, ok := find(t, s, "session:short"); !ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("a value that expires in one second is still found after 10 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func testConcurrentKeys(t *testing.T, cfg Config) {
	s := cfg.New(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Go(func() {
			key := fmt.Sprintf("session:%d", i)
			for j := 0; j < 10; j++ {
				want := fmt.Sprintf("writer %d commit %d", i, j)
				if err := s.Commit(bg, key, []byte(want), time.Hour); err != nil {
					errs <- err
					return
				}
				got, ok, err := s.Find(bg, key)
				if err != nil || !ok || string(got) != want {
					errs <- fmt.Errorf("writer %d: got %q, %v, %v; want %q", i, got, ok, err, want)
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
func testClaimer(t *testing.T, cfg Config) {
	cl, ok := cfg.New(t).(core.Claimer)
	if !ok {
		t.Skip("the store does not implement the optional core.Claimer")
	}
	key := fmt.Sprintf("login:%d", time.Now().UnixNano())
	var firsts atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Go(func() {
			first, err := cl.Claim(context.Background(), key, time.Minute)
			if err != nil {
				t.Error(err)
			}
			if first {
				firsts.Add(1)
			}
		})
	}
	wg.Wait()
	if got := firsts.Load(); got != 1 {
		t.Fatalf("10 concurrent claims: got %d firsts, want exactly 1", got)
	}
}

func testMultiFinder(t *testing.T, cfg Config) {
	s := cfg.New(t)
	mf, ok := s.(adapter.MultiFinder)
	if !ok {
		t.Skip("the store does not implement the optional adapter.MultiFinder")
	}
	// Keys of different kinds, as core asks for them together (in a
	// cluster they fall in different hash slots), one of them missing.
	commit(t, s, "session:a", "one", time.Minute)
	commit(t, s, "ended:b", "two", time.Minute)
	vals, err := mf.FindMany(bg, "session:a", "missing:c", "ended:b")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"one", "", "two"}
	if len(vals) != len(want) {
		t.Fatalf("got %d values for 3 keys", len(vals))
	}
	for i, v := range vals {
		if string(v) != want[i] || (want[i] == "") != (v == nil) {
			t.Fatalf("value %d: got %q (nil %v), want %q", i, v, v == nil, want[i])
		}
	}
}

func testLocker(t *testing.T, cfg Config) {
	l, ok := cfg.New(t).(core.Locker)
	if !ok {
		t.Skip("the store does not implement the optional core.Locker")
	}
	key := fmt.Sprintf("refresh:%d", time.Now().UnixNano())
	var inside, overlaps, total atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			unlock, err := l.Lock(context.Background(), key, 10*time.Second)
			if err != nil {
				t.Error(err)
				return
			}
			if inside.Add(1) > 1 {
				overlaps.Add(1)
			}
			time.Sleep(5 * time.Millisecond)
			total.Add(1)
			inside.Add(-1)
			unlock()
		})
	}
	wg.Wait()
	if overlaps.Load() != 0 || total.Load() != 8 {
		t.Fatalf("lock: %d overlaps in %d holds, want 0 in 8", overlaps.Load(), total.Load())
	}
	// A lock whose holder never releases it frees itself after its TTL.
	if _, err := l.Lock(context.Background(), key+"-abandoned", time.Second); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	unlock, err := l.Lock(ctx, key+"-abandoned", time.Second)
	if err != nil {
		t.Fatalf("an abandoned lock was not released after its TTL: %v", err)
	}
	unlock()
	// Waiting ends with the context.
	hold, err := l.Lock(context.Background(), key+"-held", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer hold()
	short, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	if _, err := l.Lock(short, key+"-held", time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Lock on a held lock with an ending context: got %v, want context.DeadlineExceeded", err)
	}
}
