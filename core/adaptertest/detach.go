package adaptertest

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// A goroutine a handler started keeps the request's API client after the
// handler returned, and uses it while another visitor's request is being
// served (SECURITY.md S22). Each adapter's test app serves two routes for
// it:
//   - GET /detach, protected: calls [App.StartDetached] with its request
//     context and answers "started";
//   - GET /visitor, public: calls [App.ReleaseDetached] and answers
//     "visitor".

// detached is one app's goroutine: released by the visitor's request,
// which waits for its result.
type detached struct {
	gate   chan struct{}
	result chan error
	once   sync.Once
}

func newDetached() *detached {
	return &detached{gate: make(chan struct{}), result: make(chan error, 1)}
}

// StartDetached takes the API client of the request whose context is ctx
// and starts a goroutine that, once released, calls the API with it and
// reports the outcome. The handler returns at once.
func (a *App) StartDetached(ctx context.Context, c *core.Client) {
	d := a.detached
	rc, err := c.API(ctx)
	go func() {
		<-d.gate
		if err == nil {
			err = GetMementos(context.Background(), rc)
		}
		d.result <- err
	}()
}

// GetMementos lists the user's mementos with rc, an API client from
// core.Client.API or APIFor, and reports the error, if any.
func GetMementos(ctx context.Context, rc *rememberizer.Client) error {
	_, err := rc.Mementos(ctx)
	return err
}

// Mementos is what the test app's GET /mementos answers: it lists the
// mementos of the user signed in on ctx with c.API, and gives 200 and
// their names, one a line; the API's status and message when it answered
// with an error; or 502 and the error's text.
func Mementos(ctx context.Context, c *core.Client) (status int, body string) {
	rc, err := c.API(ctx)
	if err != nil {
		return http.StatusBadGateway, err.Error()
	}
	ms, err := rc.Mementos(ctx)
	if re := (*rememberizer.Error)(nil); errors.As(err, &re) {
		return re.StatusCode, re.Error()
	}
	if err != nil {
		return http.StatusBadGateway, err.Error()
	}
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.Name)
		b.WriteByte('\n')
	}
	return http.StatusOK, b.String()
}

// ReleaseDetached lets the goroutine StartDetached started run while this
// request is being served, and waits for it (at most 10 s).
func (a *App) ReleaseDetached() {
	d := a.detached
	d.once.Do(func() { close(d.gate) })
	select {
	case err := <-d.result:
		d.result <- err // for the test to read
	case <-time.After(10 * time.Second):
	}
}

// detachedResult returns what the goroutine reported.
func (a *App) detachedResult(t *testing.T) error {
	t.Helper()
	d := a.detached
	select {
	case err := <-d.result:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the detached goroutine never reported")
		return nil
	}
}

func detachScenarios() []scenario {
	return []scenario{
		{name: "DetachedRefresh", run: testDetachedRefresh},
	}
}

// detach signs a browser in, has it start the detached goroutine, expires
// the tokens, and lets another visitor's request release it. It returns
// the browser, the visitor's response and the goroutine's outcome.
func detach(t *testing.T, e *Env) (*Browser, *Resp, error) {
	b := e.signedInBrowser()
	if r := b.Nav(e.URL + "/detach"); r.Status != http.StatusOK || r.Body != "started" {
		t.Fatalf("GET /detach: got %d %q, want 200 started", r.Status, r.Body)
	}
	e.Fake.ExpireAccessTokens() // the goroutine's call gets 401 and must refresh
	visitor := e.NewBrowser().Nav(e.URL + "/visitor")
	if visitor.Status != http.StatusOK || visitor.Body != "visitor" {
		t.Fatalf("GET /visitor: got %d %q, want 200 visitor", visitor.Status, visitor.Body)
	}
	return b, visitor, e.app.detachedResult(t)
}

// The goroutine's refresh writes nothing to the other visitor's response,
// in every configuration. Where the tokens travel in the browser's cookie,
// new tokens could only go out in a response that is gone: the goroutine
// gets ErrRequestEnded and spends nothing, and the browser's own next
// request refreshes as usual. Where they are kept server-side (a Store or
// a GrantStore), the goroutine refreshes once and stores the new tokens
// there, and the browser goes on with them, refreshing nothing more.
func testDetachedRefresh(t *testing.T, e *Env) {
	b, visitor, err := detach(t, e)
	if sc := visitor.Header.Values("Set-Cookie"); len(sc) != 0 {
		t.Fatalf("the other visitor's response carries Set-Cookie %q, want none", sc)
	}
	if e.Setup.TokensInBrowser() {
		if !errors.Is(err, core.ErrRequestEnded) {
			t.Fatalf("detached call: got %v, want ErrRequestEnded", err)
		}
		if n := e.Fake.RefreshCalls(); n != 0 {
			t.Fatalf("refresh calls: got %d, want 0 (the refresh token was spent for nothing)", n)
		}
		if r := b.Nav(e.URL + "/mementos"); r.Status != http.StatusOK {
			t.Fatalf("the browser afterwards: got %d %q, want 200", r.Status, r.Body)
		}
		return
	}
	if err != nil {
		t.Fatalf("detached call: got %v, want success", err)
	}
	wantFakeCount(t, "refresh calls after the detached call", e.Fake.RefreshCalls(), 1)
	wantFakeCount(t, "refreshes after the detached call", e.Fake.Refreshes(), 1)
	if r := b.Nav(e.URL + "/mementos"); r.Status != http.StatusOK {
		t.Fatalf("the browser afterwards: got %d %q, want 200", r.Status, r.Body)
	}
	wantFakeCount(t, "refresh calls after the browser's request", e.Fake.RefreshCalls(), 1)
}
