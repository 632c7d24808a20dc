package redisstore_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/internal/redistest"
	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// strictCase is one store configuration using Redis, for the bursts in
// front of a strict fake Rememberizer.
type strictCase struct {
	name string
	// cc says where sessions and grants live; its Fake is set by the test.
	cc clusterConfig
	// job runs a background job on both instances that calls the API
	// for the signed-in user, from a client of HTTPClientFor and a token
	// source of TokenSourceFor, throughout the bursts.
	job bool
	// lifetime is the access tokens' lifetime.
	lifetime time.Duration
}

func strictCases() []strictCase {
	return []strictCase{
		{name: "Store", cc: clusterConfig{}, lifetime: time.Second},
		{name: "StoreAndGrantStore", cc: clusterConfig{Grants: true}, lifetime: 2 * time.Second},
		{name: "StoreAndGrantStoreWithJob", cc: clusterConfig{Grants: true}, job: true, lifetime: 2 * time.Second},
		{name: "CookieAndGrantStore", cc: clusterConfig{Grants: true, CookieSessions: true}, lifetime: time.Second},
		{name: "CookieAndGrantStoreWithJob", cc: clusterConfig{Grants: true, CookieSessions: true}, job: true, lifetime: time.Second},
	}
}

// burstSteps are how far the shared clock moves before each burst, in
// turn, for tokens lasting lifetime: past expiry; not far enough to
// refresh; into the refresh skew (half the lifetime, for tokens this
// short) while the token is still valid; past expiry again.
func burstSteps(lifetime time.Duration) [4]time.Duration {
	return [4]time.Duration{lifetime + lifetime/4, lifetime / 5, lifetime * 3 / 5, lifetime + lifetime/4}
}

// Two instances share one Redis in front of a strict fake Rememberizer
// (presenting a rotated-out refresh token revokes the whole grant), with
// one- or two-second tokens. 20 bursts of 30 concurrent requests, split
// across both instances, go to a protected page that makes no API call
// and, every other burst, also to one that does; the shared clock moves
// between bursts. Then, three times, the token expires while 30 API calls
// are under way, so that the API refuses every one of them (401) and every
// request's client asks for a new token at once. In every configuration
// that uses Redis, with and without a background job using the same grant
// during the bursts: every request
// succeeds, each expiry costs exactly one refresh (RequireRememberizer
// refreshes before the handler, once across instances), and no
// rotated-out refresh token is ever sent (SECURITY.md S18, S23, S28).
func TestStrictServerBursts(t *testing.T) {
	t.Parallel()
	for _, tt := range strictCases() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := redistest.Start(t)
			hold := &apiHold{}
			tt.cc.Fake = rememberizertest.Config{DetectReuse: true, TokenLifetime: tt.lifetime}
			tt.cc.Transport = hold
			cl := newCluster(t, srv, tt.cc)
			browser := cl.browser(t, cl.signIn(t, 0, 1))
			refreshed := func(when string, want int) {
				t.Helper()
				if got, calls := cl.fake.Refreshes(), cl.fake.RefreshCalls(); got != want || calls != want {
					t.Fatalf("%s: got %d refreshes in %d refresh calls, want exactly %d (one per expiry)", when, got, calls, want)
				}
			}
			var job *strictJob
			if tt.job {
				job = cl.startJob(t)
			}
			issued, want := cl.clock.Now(), 0
			for burst := range 20 {
				cl.clock.Advance(burstSteps(tt.lifetime)[burst%4])
				due := cl.clock.Now().Sub(issued) >= tt.lifetime/2
				if due {
					issued = cl.clock.Now()
					want++
				}
				if job != nil && due && burst%3 == 0 {
					// This expiry is the job's to refresh: the sessions
					// then go on with the grant's new tokens.
					job.waitForRefreshes(t, cl.fake, want)
				}
				withAPI := burst%2 == 1
				err := cl.burst(browser, fmt.Sprintf("burst %d", burst), func(i int) string {
					if withAPI && i%3 == 0 {
						return "/api"
					}
					return "/private"
				})
				if err != nil {
					t.Fatal(err)
				}
				refreshed(fmt.Sprintf("after burst %d", burst), want)
			}
			if job != nil {
				job.stopAndCheck(t) // its API calls would be held below too
			}

			for round := range 3 {
				held, release := hold.hold()
				done := make(chan error, 1)
				go func() {
					done <- cl.burst(browser, fmt.Sprintf("API round %d", round), func(int) string { return "/api" })
				}()
				for range 30 {
					select {
					case <-held:
					case err := <-done:
						release()
						t.Fatalf("API round %d ended before every call reached the API: %v", round, err)
					case <-time.After(10 * time.Second):
						release()
						t.Fatalf("API round %d: the calls never all reached the API", round)
					}
				}
				cl.clock.Advance(tt.lifetime + tt.lifetime/4) // every token held has expired
				want++
				release()
				if err := <-done; err != nil {
					t.Fatal(err)
				}
				refreshed(fmt.Sprintf("after API round %d", round), want)
			}
			if n := cl.fake.ReuseDetections(); n != 0 {
				t.Fatalf("reuse detections: got %d, want 0", n)
			}
		})
	}
}

// browser returns a client that keeps cookies as a browser does, holding
// session, for both instances (a cookie names a host, not a port), and
// follows no redirect.
func (cl *cluster) browser(t *testing.T, session *http.Cookie) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(cl.apps[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	jar.SetCookies(u, []*http.Cookie{session})
	tr := &http.Transport{MaxIdleConnsPerHost: 30}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{
		Transport:     tr,
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// burst sends 30 concurrent requests from browser, split across both
// instances, request i to pathFor(i): /private, which makes no API call,
// as a navigation, or /api, which does, as an API call. It returns the
// first that did not get 200.
func (cl *cluster) burst(browser *http.Client, name string, pathFor func(i int) string) error {
	var wg sync.WaitGroup
	errs := make(chan error, 30)
	for i := range 30 {
		wg.Go(func() {
			path, accept := pathFor(i), "text/html"
			if path == "/api" {
				accept = "application/json"
			}
			req, _ := http.NewRequest("GET", cl.apps[i%2].URL+path, nil)
			req.Header.Set("Accept", accept)
			resp, err := browser.Do(req)
			if err != nil {
				errs <- err
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				errs <- fmt.Errorf("%s, request %d (GET %s on instance %d): got %d %q, want 200", name, i, path, i%2, resp.StatusCode, body)
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// apiHold is both instances' transport to Rememberizer. While holding, it
// keeps every call to the mementos API waiting until released; calls to
// the token endpoint always go through.
type apiHold struct {
	mu   sync.Mutex
	gate chan struct{} // nil when not holding
	held chan struct{} // one value per call held
}

func (h *apiHold) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	gate, held := h.gate, h.held
	h.mu.Unlock()
	if gate != nil && strings.HasPrefix(r.URL.Path, rememberizer.APIPath+"mementos/") {
		select {
		case held <- struct{}{}:
		default:
		}
		<-gate
	}
	return http.DefaultTransport.RoundTrip(r)
}

// hold starts holding API calls. It returns a channel that receives a
// value for each call held, and the function that lets them all go on
// and stops holding.
func (h *apiHold) hold() (<-chan struct{}, func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	gate, held := make(chan struct{}), make(chan struct{}, 100)
	h.gate, h.held = gate, held
	var once sync.Once
	return held, func() {
		once.Do(func() {
			h.mu.Lock()
			h.gate, h.held = nil, nil
			h.mu.Unlock()
			close(gate)
		})
	}
}

// strictJob is a background job on both instances calling the API for
// user 42 until stopped.
type strictJob struct {
	stop  chan struct{}
	wg    sync.WaitGroup
	calls atomic.Int32
	// failures counts calls that failed; first is the first failure.
	failures atomic.Int32
	first    atomic.Value
}

// startJob starts the job: on each instance one client of HTTPClientFor
// and one token source of TokenSourceFor, made once and used in turn
// every few milliseconds, as a long-running worker would.
func (cl *cluster) startJob(t *testing.T) *strictJob {
	t.Helper()
	j := &strictJob{stop: make(chan struct{})}
	for i, c := range cl.clients {
		rc, err := c.APIFor(context.Background(), "42")
		if err != nil {
			t.Fatalf("instance %d: APIFor: %v", i, err)
		}
		ts, err := c.TokenSourceFor(context.Background(), "42")
		if err != nil {
			t.Fatalf("instance %d: TokenSourceFor: %v", i, err)
		}
		j.wg.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-j.stop:
					return
				case <-time.After(3 * time.Millisecond):
				}
				var err error
				if n%2 == 0 {
					err = callMementos(rc, nil)
				} else {
					err = cl.callWithTokenSource(ts)
				}
				j.calls.Add(1)
				if err != nil {
					j.failures.Add(1)
					j.first.CompareAndSwap(nil, fmt.Sprintf("instance %d: %v", i, err))
				}
			}
		})
	}
	t.Cleanup(func() {
		select {
		case <-j.stop:
		default:
			close(j.stop)
		}
		j.wg.Wait()
	})
	return j
}

// callWithTokenSource calls the fake's mementos API with a token from ts.
// The API refusing a token because the clock moved on between the two is
// no failure: a token source's caller retries with a new token, and the
// next call does.
func (cl *cluster) callWithTokenSource(ts oauth2.TokenSource) error {
	before := cl.clock.Now()
	tok, err := ts.Token()
	if err != nil {
		return err
	}
	req, _ := http.NewRequest("GET", cl.fake.URL+"/api/v1/mementos/", nil)
	tok.SetAuthHeader(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized && !cl.clock.Now().Equal(before) {
		return nil
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("API answered %d to the token source's token", resp.StatusCode)
	}
	return nil
}

// waitForRefreshes waits until the fake counted n refreshes: the job,
// which runs every few milliseconds, finds the expired token first.
func (j *strictJob) waitForRefreshes(t *testing.T, fake *rememberizertest.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for fake.Refreshes() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the background job did not refresh the expired token: got %d refreshes, want %d (first job failure: %v)", fake.Refreshes(), n, j.first.Load())
		}
		time.Sleep(time.Millisecond)
	}
}

// stopAndCheck stops the job and fails the test if any call failed.
func (j *strictJob) stopAndCheck(t *testing.T) {
	t.Helper()
	close(j.stop)
	j.wg.Wait()
	if n := j.failures.Load(); n != 0 {
		t.Fatalf("background job: %d of %d calls failed, first: %v", n, j.calls.Load(), j.first.Load())
	}
	if j.calls.Load() == 0 {
		t.Fatal("the background job made no call")
	}
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
						rc, err := c.APIFor(context.Background(), u.ID)
						if err = callMementos(rc, err); err != nil {
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
