package sqlitestore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/core/storetest"
	"github.com/rzauth/rememberizer-go/internal/testclock"
	"github.com/rzauth/rememberizer-go/sessionstore/sqlitestore"
)

func newStore(t testing.TB, cfg sqlitestore.Config) *sqlitestore.Store {
	t.Helper()
	if cfg.Path == "" {
		cfg.Path = filepath.Join(t.TempDir(), "store.db")
	}
	s, err := sqlitestore.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The whole suite, core on top included, each test on a new file.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Config{
		New: func(t *testing.T) core.Store { return newStore(t, sqlitestore.Config{}) },
	})
}

func TestNewNeedsPath(t *testing.T) {
	if _, err := sqlitestore.New(sqlitestore.Config{}); err == nil {
		t.Fatal("New without a path: got nil error")
	}
}

// What was committed is there after the store is closed and the file
// opened again, as after a restart of the process.
func TestSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	ctx := context.Background()
	s, err := sqlitestore.New(sqlitestore.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx, "grant:a", []byte("sealed grant"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again := newStore(t, sqlitestore.Config{Path: path})
	b, ok, err := again.Find(ctx, "grant:a")
	if err != nil || !ok || string(b) != "sealed grant" {
		t.Fatalf("after reopening: got %q, %v, %v", b, ok, err)
	}
}

// Expired rows are deleted in batches; live ones stay.
func TestSweepDeletesExpiredRowsInBatches(t *testing.T) {
	clock := testclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s := newStore(t, sqlitestore.Config{Now: clock.Now, SweepInterval: -1, SweepBatch: 100})
	ctx := context.Background()
	for i := range 250 {
		if err := s.Commit(ctx, fmt.Sprintf("session:%d", i), []byte("v"), time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Lock(ctx, "refresh:x", time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx, "grant:live", []byte("v"), time.Hour); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Sweep(ctx); err != nil || n != 0 {
		t.Fatalf("a sweep before anything expired: deleted %d, %v", n, err)
	}
	clock.Advance(2 * time.Minute)
	if n, err := s.Sweep(ctx); err != nil || n != 251 {
		t.Fatalf("sweep: deleted %d, %v; want 251 (250 values, 1 lock)", n, err)
	}
	if n, err := s.Sweep(ctx); err != nil || n != 0 {
		t.Fatalf("a second sweep: deleted %d, %v", n, err)
	}
	if _, ok, _ := s.Find(ctx, "grant:live"); !ok {
		t.Fatal("the sweep deleted a live value")
	}
}

// A closed store fails with core.ErrStoreUnavailable (core answers 503).
func TestClosedIsUnavailable(t *testing.T) {
	s := newStore(t, sqlitestore.Config{})
	s.Close()
	ctx := context.Background()
	_, _, errFind := s.Find(ctx, "session:a")
	_, errClaim := s.Claim(ctx, "state", time.Minute)
	_, errLock := s.Lock(ctx, "refresh:a", time.Minute)
	_, _, errList := s.ListGrants(ctx, "", 10)
	for name, err := range map[string]error{
		"Find": errFind, "Claim": errClaim, "Lock": errLock, "ListGrants": errList,
		"Commit": s.Commit(ctx, "session:a", []byte("v"), time.Minute),
	} {
		if !errors.Is(err, core.ErrStoreUnavailable) {
			t.Errorf("%s on a closed store: got %v, want core.ErrStoreUnavailable", name, err)
		}
	}
}

// childEnv names the file a re-executed test binary works on as the
// second process of TestTwoProcesses.
const childEnv = "SQLITESTORE_TEST_CHILD"

// work is what each of the two processes does at once on the shared
// file: it claims 200 keys, and increments a counter 50 times under the
// lock (a read and a write that would lose updates without it). It
// returns how many claims it won.
func work(path, me, other string) (int, error) {
	s, err := sqlitestore.New(sqlitestore.Config{Path: path})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	ctx := context.Background()
	// Start together: each says it is ready and waits for the other.
	if err := s.Commit(ctx, "session:ready-"+me, []byte("1"), time.Hour); err != nil {
		return 0, err
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		if _, ok, err := s.Find(ctx, "session:ready-"+other); err != nil || ok {
			if err != nil {
				return 0, err
			}
			break
		}
		if time.Now().After(deadline) {
			return 0, errors.New("the other process never started")
		}
		time.Sleep(time.Millisecond)
	}
	wins := 0
	for i := range 200 {
		first, err := s.Claim(ctx, "state:"+strconv.Itoa(i), time.Hour)
		if err != nil {
			return 0, err
		}
		if first {
			wins++
		}
		if i%4 != 0 {
			continue
		}
		unlock, err := s.Lock(ctx, "refresh:counter", time.Minute)
		if err != nil {
			return 0, err
		}
		b, _, err := s.Find(ctx, "session:counter")
		if err == nil {
			n, _ := strconv.Atoi(string(b))
			err = s.Commit(ctx, "session:counter", []byte(strconv.Itoa(n+1)), time.Hour)
		}
		unlock()
		if err != nil {
			return 0, err
		}
	}
	return wins, nil
}

// Two processes share one file: every claim is won by exactly one of
// them, and no increment under the lock is lost.
func TestTwoProcesses(t *testing.T) {
	if path := os.Getenv(childEnv); path != "" {
		wins, err := work(path, "child", "parent")
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Printf("wins=%d\n", wins)
		return
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	// Create the file first, so both processes open an existing one.
	newStore(t, sqlitestore.Config{Path: path}).Close()
	child := exec.Command(os.Args[0], "-test.run=^TestTwoProcesses$", "-test.count=1")
	child.Env = append(os.Environ(), childEnv+"="+path)
	var out strings.Builder
	child.Stdout, child.Stderr = &out, &out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		wg      sync.WaitGroup
		mine    int
		mineErr error
	)
	wg.Go(func() { mine, mineErr = work(path, "parent", "child") })
	childErr := child.Wait()
	wg.Wait()
	if mineErr != nil || childErr != nil {
		t.Fatalf("this process: %v; the other: %v, %s", mineErr, childErr, out.String())
	}
	var theirs int
	for _, line := range strings.Split(out.String(), "\n") {
		if v, ok := strings.CutPrefix(line, "wins="); ok {
			theirs, _ = strconv.Atoi(v)
		}
	}
	if mine+theirs != 200 {
		t.Fatalf("claims won: %d here and %d in the other process, want 200 in all", mine, theirs)
	}
	t.Logf("claims won: %d here, %d in the other process", mine, theirs)
	s := newStore(t, sqlitestore.Config{Path: path})
	b, _, err := s.Find(context.Background(), "session:counter")
	if err != nil || string(b) != "100" {
		t.Fatalf("the counter incremented 50 times by each process under the lock: got %q, %v; want 100", b, err)
	}
}
