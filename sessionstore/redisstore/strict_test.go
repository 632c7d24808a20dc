package redisstore_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// newStrictCluster is a cluster in front of a fake Rememberizer that
// revokes the whole grant when a rotated-out refresh token is presented
// (reuse detection); with no Now in fake, on real time, so one-second
// tokens really expire.
func newStrictCluster(t *testing.T, srv *redistest.Server, grants bool, fake rememberizertest.Config) *cluster {
	t.Helper()
	fake.DetectReuse = true
	if fake.Now == nil {
		fake.Now = time.Now
	}
	return newCluster(t, srv, clusterConfig{Fake: fake, Grants: grants})
}

// bursts sends 20 bursts of 30 concurrent API requests split across both
// instances, 300 ms apart, so one-second tokens expire between and
// within bursts. It reports the first failure.
func (cl *cluster) bursts(t *testing.T, session *http.Cookie) error {
	for burst := 0; burst < 20; burst++ {
		var wg sync.WaitGroup
		errs := make(chan error, 30)
		for i := 0; i < 30; i++ {
			wg.Go(func() {
				req, _ := http.NewRequest("GET", cl.apps[i%2].URL+"/api", nil)
				req.Header.Set("Accept", "application/json")
				req.AddCookie(session)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("burst %d, request %d (instance %d): got %d %q", burst, i, i%2, resp.StatusCode, body)
				}
			})
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			return err
		}
		time.Sleep(300 * time.Millisecond)
	}
	return nil
}

// expectRefreshedWithoutReuse fails the test if the fake saw a rotated-out
// refresh token, or fewer than min refreshes (the tokens must have expired
// during the bursts).
func (cl *cluster) expectRefreshedWithoutReuse(t *testing.T, min int) {
	t.Helper()
	if n := cl.fake.ReuseDetections(); n != 0 {
		t.Fatalf("reuse detections: got %d, want 0", n)
	}
	if n := cl.fake.Refreshes(); n < min {
		t.Fatalf("refreshes: got %d, want at least %d (the tokens must have expired during the bursts)", n, min)
	}
}

// Sessions hold their tokens in Redis: concurrent bursts on two instances
// with short rotating tokens never present a rotated-out refresh token
// (SECURITY.md S23).
func TestStrictServerSessionTokens(t *testing.T) {
	srv := redistest.Start(t)
	cl := newStrictCluster(t, srv, false, rememberizertest.Config{TokenLifetime: time.Second})
	session := cl.signIn(t, 0, 1)
	if err := cl.bursts(t, session); err != nil {
		t.Fatal(err)
	}
	cl.expectRefreshedWithoutReuse(t, 3)
}

// The same with a grant store, while a background job on both instances
// calls the API for the same user.
func TestStrictServerGrantWithBackgroundJob(t *testing.T) {
	srv := redistest.Start(t)
	cl := newStrictCluster(t, srv, true, rememberizertest.Config{TokenLifetime: 2 * time.Second})
	session := cl.signIn(t, 0, 1)
	stop := make(chan struct{})
	var jobCalls, jobErrs atomic.Int32
	var firstJobErr atomic.Value
	var wg sync.WaitGroup
	for i := range cl.clients {
		wg.Go(func() {
			c := cl.clients[i]
			for {
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
				}
				hc, err := c.HTTPClientFor(context.Background(), "42")
				err = callMementos(c, hc, err)
				jobCalls.Add(1)
				if err != nil {
					jobErrs.Add(1)
					firstJobErr.CompareAndSwap(nil, err.Error())
				}
			}
		})
	}
	err := cl.bursts(t, session)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if n := jobErrs.Load(); n != 0 {
		t.Fatalf("background job: %d of %d calls failed, first: %v", n, jobCalls.Load(), firstJobErr.Load())
	}
	cl.expectRefreshedWithoutReuse(t, 2)
}

// A job on two instances calls the API for three users; each expiry costs
// exactly one refresh per user. A user who disconnected the app gets
// ErrGrantRevoked, and their grant is gone on every instance.
func TestBackgroundJobThreeUsers(t *testing.T) {
	srv := redistest.Start(t)
	users := []rememberizertest.User{{ID: "1", Name: "One"}, {ID: "2", Name: "Two"}, {ID: "3", Name: "Three"}}
	cl := newCluster(t, srv, clusterConfig{Grants: true, Fake: rememberizertest.Config{Users: users, DetectReuse: true}})
	for _, u := range users {
		if err := cl.fake.SetUser(u.ID); err != nil {
			t.Fatal(err)
		}
		cl.signIn(t, 0, 1)
	}
	job := func() map[string][]error {
		var wg sync.WaitGroup
		var emu sync.Mutex
		errs := map[string][]error{}
		for _, c := range cl.clients {
			for _, u := range users {
				for range 5 {
					wg.Go(func() {
						hc, err := c.HTTPClientFor(context.Background(), u.ID)
						if err = callMementos(c, hc, err); err != nil {
							emu.Lock()
							errs[u.ID] = append(errs[u.ID], err)
							emu.Unlock()
						}
					})
				}
			}
		}
		wg.Wait()
		return errs
	}
	for round := 1; round <= 3; round++ {
		cl.clock.Advance(time.Hour + time.Minute) // every token has expired
		if errs := job(); len(errs) != 0 {
			t.Fatalf("round %d: %v", round, errs)
		}
		if got := cl.fake.Refreshes(); got != 3*round {
			t.Fatalf("round %d: got %d refreshes in all, want %d (one per user per expiry)", round, got, 3*round)
		}
	}
	cl.fake.Disconnect("2")
	cl.clock.Advance(time.Hour + time.Minute)
	errs := job()
	if len(errs) != 1 || len(errs["2"]) != 10 {
		t.Fatalf("after user 2 disconnected: got %v, want all 10 calls for user 2 to fail, and only those", errs)
	}
	// The calls that shared the refresh learn the grant was revoked;
	// any that came after it was deleted find no grant.
	revoked := 0
	for _, err := range errs["2"] {
		switch {
		case errors.Is(err, core.ErrGrantRevoked):
			revoked++
		case errors.Is(err, core.ErrNoGrant):
		default:
			t.Fatalf("user 2: got %v, want ErrGrantRevoked or ErrNoGrant", err)
		}
	}
	if revoked == 0 {
		t.Fatal("no call for user 2 got ErrGrantRevoked")
	}
	for i, c := range cl.clients {
		if _, err := c.HTTPClientFor(context.Background(), "2"); !errors.Is(err, core.ErrNoGrant) {
			t.Fatalf("instance %d, user 2's grant: got %v, want ErrNoGrant (deleted)", i, err)
		}
	}
	if n := cl.fake.ReuseDetections(); n != 0 {
		t.Fatalf("reuse detections: got %d, want 0", n)
	}
}
