package core

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// watchedRequest counts the calls made to it once its request has ended
// (S22: there must be none).
type watchedRequest struct {
	*fakeRequest
	over  atomic.Bool
	calls atomic.Int32
}

func (w *watchedRequest) seen() {
	if w.over.Load() {
		w.calls.Add(1)
	}
}

func (w *watchedRequest) Context() context.Context { w.seen(); return w.fakeRequest.Context() }
func (w *watchedRequest) Method() string           { w.seen(); return w.fakeRequest.Method() }
func (w *watchedRequest) URI() string              { w.seen(); return w.fakeRequest.URI() }
func (w *watchedRequest) Header(n string) string   { w.seen(); return w.fakeRequest.Header(n) }
func (w *watchedRequest) Cookie(n string) string   { w.seen(); return w.fakeRequest.Cookie(n) }
func (w *watchedRequest) SetCookie(line string)    { w.seen(); w.fakeRequest.SetCookie(line) }
func (w *watchedRequest) SetHeader(n, v string)    { w.seen(); w.fakeRequest.SetHeader(n, v) }

// After a scope ends core never calls the adapter's view again, in any
// configuration; a kept API client and a kept token source refresh where
// the tokens live server-side, and spend nothing where they live in the
// cookie.
func TestKeptClientsAfterTheRequestEnded(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"HTTPClient", "TokenSource"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			eachStoreConfig(t, rememberizertest.Config{}, func(t *testing.T, e *testEnv, sc storeConfig) {
				signedIn := e.signIn(t)
				reqCtx, cancel := context.WithCancel(context.Background())
				w := &watchedRequest{fakeRequest: signedIn}
				w.fakeRequest.ctx = reqCtx
				scope, err := e.c.protect(w)
				if err != nil {
					t.Fatal(err)
				}
				ctx := scope.Context(reqCtx)
				call := keptCall(t, e, ctx, kind)
				scope.End()
				w.over.Store(true)
				cancel() // as net/http does when the handler returns
				e.advance(2 * time.Hour)

				err = call()
				if n := w.calls.Load(); n != 0 {
					t.Fatalf("the ended request's view was called %d times", n)
				}
				if !sc.marks {
					if !errors.Is(err, ErrRequestEnded) || e.fake.RefreshCalls() != 0 {
						t.Fatalf("tokens in the cookie: got %v after %d refresh calls, want ErrRequestEnded after 0", err, e.fake.RefreshCalls())
					}
					return
				}
				if err != nil || e.fake.Refreshes() != 1 {
					t.Fatalf("tokens kept server-side: got %v after %d refreshes, want success after 1", err, e.fake.Refreshes())
				}
				// The browser goes on with the kept tokens: no second refresh.
				if _, err := e.c.authenticate(signedIn.followUp("GET", "/private")); err != nil || e.fake.RefreshCalls() != 1 {
					t.Fatalf("the browser afterwards: got %v after %d refresh calls, want success after 1", err, e.fake.RefreshCalls())
				}
			})
		})
	}
}

// keptCall takes an API client or a token source from a request's context
// and returns a call that uses it later.
func keptCall(t *testing.T, e *testEnv, ctx context.Context, kind string) func() error {
	t.Helper()
	if kind == "TokenSource" {
		ts, err := e.c.TokenSource(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return func() error { _, err := ts.Token(); return err }
	}
	hc, err := e.c.HTTPClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return func() error {
		resp, err := hc.Get(e.c.apiURL("mementos/"))
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return errors.New(resp.Status)
		}
		return nil
	}
}

// Handlers may call the API from several goroutines while they write the
// response: the API client never touches the adapter's view then (the
// frameworks' response headers are not safe for concurrent use). What it
// decided (a refreshed cookie) is set by End, on the request's goroutine.
func TestAPIClientNeverWritesDuringTheHandler(t *testing.T) {
	t.Parallel()
	eachStoreConfig(t, rememberizertest.Config{}, func(t *testing.T, e *testEnv, sc storeConfig) {
		signedIn := e.signIn(t)
		w := &watchedRequest{fakeRequest: signedIn}
		scope, err := e.c.protect(w)
		if err != nil {
			t.Fatal(err)
		}
		hc, err := e.c.HTTPClient(scope.Context(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		e.advance(2 * time.Hour)
		w.over.Store(true) // the handlers run: core must not call the view
		errs := make(chan error, 10)
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				resp, err := hc.Get(e.c.apiURL("mementos/"))
				if err == nil {
					resp.Body.Close()
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("an API call from a handler's goroutine: %v", err)
			}
		}
		if n := w.calls.Load(); n != 0 {
			t.Fatalf("the view was called %d times while the handlers ran, want 0", n)
		}
		w.over.Store(false)
		scope.End()
		if got := e.fake.RefreshCalls(); got != 1 {
			t.Fatalf("refresh calls: got %d, want 1", got)
		}
		_, cookieSent := w.sentCookie(e.c.sessionSlot.Name)
		if sc.name == "Cookie" && (!cookieSent || w.respHeader.Get("Cache-Control") != "no-store") {
			t.Fatalf("tokens in the cookie: Set-Cookie sent %v, Cache-Control %q; want the refreshed cookie, no-store, set by End", cookieSent, w.respHeader.Get("Cache-Control"))
		}
		// The browser goes on with what End sent: no second refresh.
		if _, err := e.c.authenticate(w.followUp("GET", "/private")); err != nil || e.fake.RefreshCalls() != 1 {
			t.Fatalf("the browser afterwards: got %v after %d refresh calls, want success after 1", err, e.fake.RefreshCalls())
		}
	})
}

// The session a request loads is allocated with its scope. A handler may
// keep it past the request: once the scope ends it still reads, and the
// scope no longer holds the adapter's request, which the framework reuses.
func TestKeptSessionLetsTheRequestGo(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, rememberizertest.Config{}, nil)
	sc, err := e.c.protect(e.signIn(t).followUp("GET", "/private"))
	if err != nil {
		t.Fatal(err)
	}
	kept, ok := SessionFrom(sc.Context(context.Background()))
	if !ok || kept != &sc.st.first.s {
		t.Fatal("the request's session is not the one allocated with its scope")
	}
	sc.End()
	if sc.st.req.live != nil {
		t.Fatal("the ended scope still holds the adapter's request")
	}
	if kept.User.ID != "42" || kept.sec().id == "" {
		t.Fatalf("the kept session after the request: user %q, id %q", kept.User.ID, kept.sec().id)
	}
}
