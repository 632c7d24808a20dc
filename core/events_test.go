package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core/event"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// eventLog records the events a client reports.
type eventLog struct {
	mu     sync.Mutex
	events []event.Event
}

func (l *eventLog) record(_ context.Context, e event.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

// since returns the events recorded after the first n, without their
// durations (which depend on the machine).
func (l *eventLog) since(n int) []event.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]event.Event, 0, len(l.events)-n)
	for _, e := range l.events[n:] {
		e.Duration = 0
		out = append(out, e)
	}
	return out
}

func (l *eventLog) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.events)
}

// eventEnv is a test env whose events are recorded; stores: "" (sealed
// cookie), "store" (a server-side MemoryStore), "grant" (a MemoryStore
// grant store), "locker" (a server-side store that is a Locker), "flaky"
// (a server-side store that fails when told).
func eventEnv(t *testing.T, stores string, change func(*Config)) (*testEnv, *eventLog, *flakyStore) {
	t.Helper()
	log := &eventLog{}
	var flaky *flakyStore
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
		c.OnEvent = log.record
		switch stores {
		case "store":
			c.Store = NewMemoryStore(MemoryStoreConfig{Now: c.Now})
		case "grant":
			c.GrantStore = NewMemoryStore(MemoryStoreConfig{Now: c.Now})
		case "locker":
			c.Store = &lockRecorder{MemoryStore: NewMemoryStore(MemoryStoreConfig{Now: c.Now})}
		case "flaky":
			flaky = &flakyStore{Store: NewMemoryStore(MemoryStoreConfig{Now: c.Now})}
			c.Store = flaky
		}
		if change != nil {
			change(c)
		}
	})
	return e, log, flaky
}

// callbackWith is the callback of the sign-in cb started, with its state
// replaced by state (when not "") and query added.
func callbackWith(t *testing.T, cb *fakeRequest, state, query string) *fakeRequest {
	t.Helper()
	u, err := url.Parse(cb.URI())
	if err != nil {
		t.Fatal(err)
	}
	if state == "" {
		state = u.Query().Get("state")
	}
	return cb.followUp("GET", "/auth/rememberizer/callback?state="+url.QueryEscape(state)+query)
}

func TestEvents(t *testing.T) {
	t.Parallel()
	const user = "42"
	ev := func(k event.Kind) event.Event { return event.Event{Kind: k, UserID: user} }
	started := event.Event{Kind: event.SignInStarted}
	signedIn := ev(event.SignInSucceeded)
	failed := func(r event.Reason) event.Event { return event.Event{Kind: event.SignInFailed, Reason: r} }
	refreshed := func(tr event.Trigger, r event.Result) event.Event {
		return event.Event{Kind: event.Refreshed, Trigger: tr, Result: r, UserID: user}
	}
	ended := func(r event.Reason) event.Event {
		return event.Event{Kind: event.SessionEnded, Reason: r, UserID: user}
	}
	ctx := context.Background()

	tests := []struct {
		name   string
		stores string
		change func(*Config)
		// setup runs before the events counted; act makes them.
		setup func(t *testing.T, e *testEnv, flaky *flakyStore) *fakeRequest
		act   func(t *testing.T, e *testEnv, req *fakeRequest)
		want  []event.Event
	}{
		{
			name: "sign-in",
			act:  func(t *testing.T, e *testEnv, _ *fakeRequest) { e.signIn(t) },
			want: []event.Event{started, signedIn},
		},
		{
			name:   "sign-in with a grant store",
			stores: "grant",
			act:    func(t *testing.T, e *testEnv, _ *fakeRequest) { e.signIn(t) },
			want:   []event.Event{started, ev(event.GrantStored), signedIn},
		},
		{
			name:  "user denies",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.authorize(t) },
			act: func(t *testing.T, e *testEnv, cb *fakeRequest) {
				if _, err := e.c.callback(callbackWith(t, cb, "", "&error=access_denied")); err == nil {
					t.Fatal("callback: got nil, want an error")
				}
			},
			want: []event.Event{failed(event.Denied)},
		},
		{
			name:  "provider error",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.authorize(t) },
			act: func(t *testing.T, e *testEnv, cb *fakeRequest) {
				_, _ = e.c.callback(callbackWith(t, cb, "", "&error=server_error"))
			},
			want: []event.Event{failed(event.ProviderError)},
		},
		{
			name:  "forged state",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.authorize(t) },
			act: func(t *testing.T, e *testEnv, cb *fakeRequest) {
				if _, err := e.c.callback(callbackWith(t, cb, "forged-state-value", "&code=x")); !errors.Is(err, ErrStateMismatch) {
					t.Fatalf("callback: got %v, want ErrStateMismatch", err)
				}
			},
			want: []event.Event{failed(event.StateMismatch)},
		},
		{
			name:  "expired login",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.authorize(t) },
			act: func(t *testing.T, e *testEnv, cb *fakeRequest) {
				e.advance(11 * time.Minute)
				if _, err := e.c.callback(cb); !errors.Is(err, ErrLoginExpired) {
					t.Fatalf("callback: got %v, want ErrLoginExpired", err)
				}
			},
			want: []event.Event{failed(event.Expired)},
		},
		{
			name:  "token endpoint fails",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.authorize(t) },
			act: func(t *testing.T, e *testEnv, cb *fakeRequest) {
				e.fake.FailNextToken(rememberizertest.Fault{Status: 500})
				_, _ = e.c.callback(cb)
			},
			want: []event.Event{failed(event.TokenEndpoint)},
		},
		{
			name:  "refresh near expiry",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				e.advance(2 * time.Hour)
				if _, err := e.c.authenticate(req); err != nil {
					t.Fatal(err)
				}
			},
			want: []event.Event{refreshed(event.NearExpiry, event.OK)},
		},
		{
			name:   "refresh under the lock",
			stores: "locker",
			setup:  func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				e.advance(2 * time.Hour)
				if _, err := e.c.authenticate(req); err != nil {
					t.Fatal(err)
				}
			},
			want: []event.Event{ev(event.LockWaited), refreshed(event.NearExpiry, event.OK)},
		},
		{
			name:  "refresh after the API's 401",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				sc, err := e.c.protect(req)
				if err != nil {
					t.Fatal(err)
				}
				defer sc.End()
				e.fake.ExpireAccessTokens()
				rc, err := (&Client{c: hide(e.c)}).API(sc.Context(ctx))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := rc.Account(ctx); err != nil {
					t.Fatalf("Account after the 401: %v", err)
				}
			},
			want: []event.Event{refreshed(event.API401, event.OK)},
		},
		{
			name:  "refused refresh",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				e.fake.Disconnect(user)
				e.advance(2 * time.Hour)
				if _, err := e.c.authenticate(req); !errors.Is(err, ErrReauthRequired) {
					t.Fatalf("got %v, want ErrReauthRequired", err)
				}
			},
			want: []event.Event{refreshed(event.NearExpiry, event.Refused), ended(event.Revoked)},
		},
		{
			name:   "refused refresh with a grant store",
			stores: "grant",
			setup:  func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				e.fake.Disconnect(user)
				e.advance(2 * time.Hour)
				if _, err := e.c.authenticate(req); !isSignedOut(err) {
					t.Fatalf("got %v, want signed out", err)
				}
				// The user's other sessions end without another event.
				if _, err := e.c.authenticate(req); !isSignedOut(err) {
					t.Fatalf("again: got %v, want signed out", err)
				}
			},
			want: []event.Event{refreshed(event.NearExpiry, event.Refused), ev(event.GrantRevoked), ended(event.Revoked)},
		},
		{
			name:  "transient refresh failure",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				e.advance(2 * time.Hour)
				e.fake.FailNextToken(rememberizertest.Fault{Status: 503})
				if _, err := e.c.authenticate(req); !errors.Is(err, ErrRefreshUnavailable) {
					t.Fatalf("got %v, want ErrRefreshUnavailable", err)
				}
			},
			want: []event.Event{refreshed(event.NearExpiry, event.Unavailable)},
		},
		{
			name:  "sign-out",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				if _, err := e.c.logout(req.followUp("POST", "/auth/rememberizer/logout")); err != nil {
					t.Fatal(err)
				}
			},
			want: []event.Event{ended(event.SignOut)},
		},
		{
			name:  "idle",
			setup: func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				e.advance(25 * time.Hour)
				if _, err := e.c.authenticate(req); !errors.Is(err, ErrSessionExpired) {
					t.Fatalf("got %v, want ErrSessionExpired", err)
				}
			},
			want: []event.Event{ended(event.Idle)},
		},
		{
			name:   "absolute lifetime",
			change: func(c *Config) { c.SessionLifetime, c.IdleTimeout = 2*time.Hour, 2*time.Hour },
			setup:  func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				e.advance(2*time.Hour + time.Second)
				if _, err := e.c.authenticate(req); !errors.Is(err, ErrSessionExpired) {
					t.Fatalf("got %v, want ErrSessionExpired", err)
				}
			},
			want: []event.Event{ended(event.Absolute)},
		},
		{
			name:   "EndSessions",
			stores: "store",
			setup:  func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				if err := e.c.EndSessions(ctx, user); err != nil {
					t.Fatal(err)
				}
				// The session it ended reports nothing more.
				if _, err := e.c.authenticate(req); !isSignedOut(err) {
					t.Fatalf("got %v, want signed out", err)
				}
			},
			want: []event.Event{ended(event.EndedEverywhere)},
		},
		{
			name:   "background refresh via APIFor",
			stores: "grant",
			setup:  func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, _ *fakeRequest) {
				e.advance(2 * time.Hour)
				rc, err := (&Client{c: hide(e.c)}).APIFor(ctx, user)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := rc.Account(ctx); err != nil {
					t.Fatal(err)
				}
			},
			want: []event.Event{refreshed(event.Background, event.OK)},
		},
		{
			name:   "DeleteGrant",
			stores: "grant",
			setup:  func(t *testing.T, e *testEnv, _ *flakyStore) *fakeRequest { return e.signIn(t) },
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				if err := e.c.DeleteGrant(ctx, user); err != nil {
					t.Fatal(err)
				}
				if _, err := e.c.authenticate(req); !isSignedOut(err) {
					t.Fatalf("got %v, want signed out", err)
				}
			},
			want: []event.Event{ev(event.GrantDeleted)},
		},
		{
			name:   "store failure",
			stores: "flaky",
			setup: func(t *testing.T, e *testEnv, flaky *flakyStore) *fakeRequest {
				req := e.signIn(t)
				flaky.mu.Lock()
				flaky.failLoad = errors.New("backend down")
				flaky.mu.Unlock()
				return req
			},
			act: func(t *testing.T, e *testEnv, req *fakeRequest) {
				if _, err := e.c.authenticate(req); !errors.Is(err, ErrStore) {
					t.Fatalf("got %v, want ErrStore", err)
				}
			},
			want: []event.Event{{Kind: event.StoreFailed, Store: event.Session, Op: event.Find}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, log, flaky := eventEnv(t, tt.stores, tt.change)
			var req *fakeRequest
			if tt.setup != nil {
				req = tt.setup(t, e, flaky)
			}
			n := log.len()
			tt.act(t, e, req)
			got := log.since(n)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("events:\ngot  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// A panic in Config.OnEvent is recovered and logged once; the sign-in
// goes on.
func TestEventHookPanics(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
		c.OnEvent = func(context.Context, event.Event) { panic("hook bug") }
	})
	req := e.signIn(t)
	if _, err := e.c.authenticate(req); err != nil {
		t.Fatalf("after a panicking hook: got %v, want signed in", err)
	}
	if got := strings.Count(e.logs.String(), "Config.OnEvent panicked"); got != 1 {
		t.Fatalf("panic log lines: got %d, want 1", got)
	}
}

// Events carry no secret (SECURITY.md S11): across a whole flow (sign-in,
// a denied and a failed sign-in, refresh after expiry and after the API's
// 401, a refused refresh, sign-out), no event, printed with %+v, shows a
// token, code, state, session id, session cookie or the client secret, raw
// or encoded.
func TestEventsCarryNoSecret(t *testing.T) {
	t.Parallel()
	for _, stores := range []string{"", "store", "grant"} {
		t.Run("stores="+stores, func(t *testing.T) {
			t.Parallel()
			e, log, _ := eventEnv(t, stores, nil)
			ctx := context.Background()
			secrets := []string{e.fake.ClientSecret()}
			query := func(r *fakeRequest, k string) string {
				u, _ := url.Parse(r.URI())
				return u.Query().Get(k)
			}
			sessionSecrets := func(r *fakeRequest) {
				s, err := e.c.loadSession(r)
				if err != nil {
					t.Fatal(err)
				}
				tok := s.sec().tok
				if s.sec().grant {
					g, ok, err := e.c.loadGrant(ctx, s.User.ID)
					if err != nil || !ok {
						t.Fatalf("grant: %v %v", ok, err)
					}
					tok = g.tok
				}
				secrets = append(secrets, s.sec().id, tok.AccessToken, tok.RefreshToken, r.Cookie(e.c.sessionSlot.Name))
			}

			// Sign-in.
			cb := e.authorize(t)
			secrets = append(secrets, query(cb, "code"), query(cb, "state"))
			if _, err := e.c.callback(cb); err != nil {
				t.Fatal(err)
			}
			req := cb.followUp("GET", "/private")
			sessionSecrets(req)
			// Denied, and a token endpoint echoing secrets.
			denied := e.authorize(t)
			secrets = append(secrets, query(denied, "state"))
			_, _ = e.c.callback(callbackWith(t, denied, "", "&error=access_denied&error_description="+url.QueryEscape(e.fake.ClientSecret())))
			echo := e.authorize(t)
			secrets = append(secrets, query(echo, "code"), query(echo, "state"))
			e.fake.FailNextToken(rememberizer400Echo())
			_, _ = e.c.callback(echo)
			// Refresh near expiry, then after the API's 401.
			e.advance(2 * time.Hour)
			if _, err := e.c.authenticate(req); err != nil {
				t.Fatal(err)
			}
			req = req.followUp("GET", "/private")
			sessionSecrets(req)
			sc, err := e.c.protect(req)
			if err != nil {
				t.Fatal(err)
			}
			e.fake.ExpireAccessTokens()
			rc, err := (&Client{c: hide(e.c)}).API(sc.Context(ctx))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := rc.Account(ctx); err != nil {
				t.Fatal(err)
			}
			sc.End()
			req = req.followUp("GET", "/private")
			sessionSecrets(req)
			// Sign-out, then a refused refresh in another browser.
			if _, err := e.c.logout(req.followUp("POST", "/auth/rememberizer/logout")); err != nil {
				t.Fatal(err)
			}
			other := e.signIn(t)
			sessionSecrets(other)
			e.fake.Disconnect("42")
			e.advance(2 * time.Hour)
			_, _ = e.c.authenticate(other)

			events := log.since(0)
			kinds := map[event.Kind]bool{}
			var printed strings.Builder
			for _, ev := range events {
				kinds[ev.Kind] = true
				fmt.Fprintf(&printed, "%+v\n", ev)
			}
			for _, k := range []event.Kind{event.SignInStarted, event.SignInSucceeded, event.SignInFailed, event.Refreshed, event.SessionEnded} {
				if !kinds[k] {
					t.Fatalf("no %v event in the flow: %s", k, printed.String())
				}
			}
			named := map[string][]byte{}
			for i, s := range secrets {
				if s == "" {
					t.Fatalf("secret %d is empty", i)
				}
				named[fmt.Sprintf("secret %d", i)] = []byte(s)
			}
			if found := findSecret(printed.String(), named); found != "" {
				t.Fatalf("%s appears in an event:\n%s", found, printed.String())
			}
		})
	}
}

// Emitting costs no allocation when the log line is not enabled, with or
// without a hook.
func TestEmitAllocs(t *testing.T) {
	for _, hook := range []func(context.Context, event.Event){nil, func(context.Context, event.Event) {}} {
		e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
			c.Logger = slog.New(slog.DiscardHandler)
			c.OnEvent = hook
		})
		ctx := context.Background()
		ev := event.Event{Kind: event.Refreshed, Trigger: event.NearExpiry, Result: event.OK, UserID: "42"}
		if n := testing.AllocsPerRun(100, func() { e.c.emit(ctx, ev, nil) }); n != 0 {
			t.Errorf("hook set %v: got %v allocs, want 0", hook != nil, n)
		}
	}
}

type jobKey struct{}

// The hook gets the context of the job the event happened in: its values
// reach it through the refresh, which outlives the job's cancellation.
func TestEventHookGetsTheJobsContext(t *testing.T) {
	t.Parallel()
	var (
		mu   sync.Mutex
		jobs []any
	)
	e := newTestEnv(t, rememberizertest.Config{}, func(c *Config) {
		c.GrantStore = NewMemoryStore(MemoryStoreConfig{Now: c.Now})
		c.OnEvent = func(ctx context.Context, ev event.Event) {
			if ev.Kind == event.Refreshed {
				mu.Lock()
				jobs = append(jobs, ctx.Value(jobKey{}))
				mu.Unlock()
			}
		}
	})
	e.signIn(t)
	e.advance(2 * time.Hour)
	ctx := context.WithValue(context.Background(), jobKey{}, "nightly")
	rc, err := (&Client{c: hide(e.c)}).APIFor(ctx, "42")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Account(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(jobs) != 1 || jobs[0] != "nightly" {
		t.Fatalf("job values seen by the hook: got %v, want [nightly]", jobs)
	}
}
