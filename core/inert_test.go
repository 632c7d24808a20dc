package core

import (
	"context"
	"errors"
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
func (w *watchedRequest) SetCookie(c *Cookie)      { w.seen(); w.fakeRequest.SetCookie(c) }
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
				scope, err := e.c.Protect(w)
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
				if _, err := e.c.Authenticate(signedIn.followUp("GET", "/private")); err != nil || e.fake.RefreshCalls() != 1 {
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
		resp, err := hc.Get(e.c.APIURL("mementos/"))
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
