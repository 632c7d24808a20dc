package adaptertest

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/core"
)

// HookSet says which of the adapter's hooks a test app sets.
type HookSet int

const (
	// NoHooks leaves the adapter's Config empty: core's replies.
	NoHooks HookSet = iota
	// ErrorHook sets the ErrorHandler only.
	ErrorHook
	// BothHooks sets the ErrorHandler and the UnauthorizedHandler.
	BothHooks
)

// HookStatus is the status every recording hook answers with.
const HookStatus = http.StatusTeapot

// Hooks records the calls of the hooks a test app set. The adapter's
// ErrorHandler calls [Hooks.Error] and its UnauthorizedHandler calls
// [Hooks.Unauthorized], then each answers [HookStatus] in the adapter's
// idiom.
type Hooks struct {
	// WithUnauthorized tells the adapter to set its UnauthorizedHandler
	// too.
	WithUnauthorized bool

	mu    sync.Mutex
	calls []HookCall
}

// HookCall is one call of a hook.
type HookCall struct {
	// Hook is "error" or "unauthorized".
	Hook string
	// Err is the error the hook got.
	Err error
}

// Error records a call of the ErrorHandler.
func (h *Hooks) Error(err error) { h.record("error", err) }

// Unauthorized records a call of the UnauthorizedHandler.
func (h *Hooks) Unauthorized(err error) { h.record("unauthorized", err) }

func (h *Hooks) record(hook string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, HookCall{Hook: hook, Err: err})
}

// Calls returns the calls so far, oldest first.
func (h *Hooks) Calls() []HookCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]HookCall(nil), h.calls...)
}

// hookCase is one request to an app with hooks, and what must follow.
type hookCase struct {
	name  string
	hooks HookSet
	// storeDown takes the configuration's stores down (see failing). With
	// signIn, that happens after sign-in, once the token is due for
	// refresh: whatever the configuration, the request then needs a store
	// that fails.
	storeDown bool
	// signIn signs the browser in first; truncate then cuts its session
	// cookie short, so that it no longer opens.
	signIn, truncate bool
	method           string
	path             string
	header           map[string]string
	// wantHook is the one hook called ("error" or "unauthorized"), or ""
	// for none, and then wantStatus is core's reply.
	wantHook   string
	wantErr    error
	wantStatus int
}

var (
	navigation = map[string]string{"Accept": "text/html"}
	apiCall    = map[string]string{"Accept": "application/json"}
)

func hookCases() []hookCase {
	const (
		login    = "/auth/rememberizer/login"
		callback = "/auth/rememberizer/callback"
		logout   = "/auth/rememberizer/logout"
	)
	crossSite := map[string]string{"Accept": "text/html", "Origin": "https://evil.example"}
	return []hookCase{
		{name: "BadCallback", hooks: BothHooks, method: "GET", path: callback + "?state=a&code=b", header: navigation, wantHook: "error", wantErr: core.ErrSignIn},
		{name: "CallbackPosted", hooks: BothHooks, method: "POST", path: callback, header: navigation, wantHook: "error", wantErr: core.ErrMethodNotAllowed},
		{name: "LoginPosted", hooks: BothHooks, method: "POST", path: login, header: navigation, wantHook: "error", wantErr: core.ErrMethodNotAllowed},
		{name: "LogoutFromAnotherSite", hooks: BothHooks, method: "POST", path: logout, header: crossSite, wantHook: "error", wantErr: core.ErrCrossSite},
		{name: "LogoutWithStoreDown", hooks: BothHooks, storeDown: true, signIn: true, method: "POST", path: logout, wantHook: "error", wantErr: core.ErrStore},
		{name: "StoreDownOnNavigation", hooks: BothHooks, storeDown: true, signIn: true, method: "GET", path: "/private", header: navigation, wantHook: "error", wantErr: core.ErrStore},
		{name: "StoreDownOnAPICall", hooks: BothHooks, storeDown: true, signIn: true, method: "GET", path: "/api/me", header: apiCall, wantHook: "error", wantErr: core.ErrStore},
		{name: "StoreDownSignedOut", hooks: BothHooks, storeDown: true, method: "GET", path: "/private", header: navigation, wantHook: "error", wantErr: core.ErrStore},
		{name: "SignedOut", hooks: BothHooks, method: "GET", path: "/private", header: navigation, wantHook: "unauthorized", wantErr: core.ErrNotSignedIn},
		{name: "CookieThatDoesNotOpen", hooks: BothHooks, signIn: true, truncate: true, method: "GET", path: "/private", header: navigation, wantHook: "unauthorized", wantErr: core.ErrNotSignedIn},
		{name: "SignedIn", hooks: BothHooks, signIn: true, method: "GET", path: "/private", header: navigation, wantStatus: http.StatusOK},
		{name: "SignedOutNoUnauthorizedHook", hooks: ErrorHook, method: "GET", path: "/private", header: navigation, wantStatus: http.StatusFound},
		{name: "SignedOutAPICallNoUnauthorizedHook", hooks: ErrorHook, method: "GET", path: "/api/me", header: apiCall, wantStatus: http.StatusUnauthorized},
		{name: "StoreDownNoHooks", storeDown: true, signIn: true, method: "GET", path: "/private", header: navigation, wantStatus: http.StatusInternalServerError},
	}
}

// hookScenarios: every error reaches the adapter's ErrorHandler, and a
// visitor who is not signed in its UnauthorizedHandler, each once, with an
// error that errors.Is finds the sentinel in; without the hook, core's
// reply.
func hookScenarios() []scenario {
	var all []scenario
	for _, hc := range hookCases() {
		opts := Options{Hooks: hc.hooks, FailingStores: hc.storeDown}
		all = append(all, scenario{name: "Hooks" + hc.name, opts: opts, run: func(t *testing.T, e *Env) { testHook(t, e, hc) }})
	}
	return append(all,
		scenario{name: "OptionalWithStoreDown", opts: Options{FailingStores: true}, run: testOptionalStoreDown},
	)
}

func testHook(t *testing.T, e *Env, hc hookCase) {
	if hc.storeDown && hc.path == "/auth/rememberizer/logout" && e.Setup.SessionInBrowser() && e.Setup.GrantStore {
		t.Skipf("%s: sessions live in the cookie and signing out keeps the grant, so no store that logout uses goes down", e.Setup.Name)
	}
	if hc.storeDown && !hc.signIn && e.Setup.ServerSide() {
		// A BrowserStore is asked for every request, and fails; with no
		// cookie naming a server-side record there is nothing to load.
		hc.wantHook, hc.wantErr = "unauthorized", core.ErrNotSignedIn
	}
	b := e.NewBrowser()
	if hc.signIn {
		b.MustSignIn()
	}
	switch {
	case hc.storeDown && hc.signIn:
		storesDownAtRefresh(e)
	case hc.storeDown:
		e.TakeStoresDown()
	}
	if hc.truncate {
		cookies := b.Cookies()
		name := e.CookieName("session")
		v := cookies[name]
		if len(v) < 3 {
			t.Fatalf("session cookie %q: got %d bytes, want a sealed value", name, len(v))
		}
		cookies[name] = v[:len(v)-2]
		b.SetCookies(cookies)
	}
	header := map[string]string{"Origin": e.URL}
	for k, v := range hc.header {
		header[k] = v
	}
	r := b.Do(hc.method, hc.path, header)
	var calls []HookCall
	if e.Hooks != nil {
		calls = e.Hooks.Calls()
	}
	if hc.wantHook == "" {
		if r.Status != hc.wantStatus {
			t.Errorf("got status %d %q, want %d", r.Status, r.Body, hc.wantStatus)
		}
		if len(calls) != 0 {
			t.Errorf("got hook calls %v, want none", calls)
		}
		return
	}
	if r.Status != HookStatus {
		t.Errorf("got status %d %q, want %d from the hook", r.Status, r.Body, HookStatus)
	}
	if len(calls) != 1 || calls[0].Hook != hc.wantHook || !errors.Is(calls[0].Err, hc.wantErr) {
		t.Errorf("got hook calls %v, want one %s hook call with an error wrapping %v", calls, hc.wantHook, hc.wantErr)
	}
}

// storesDownAtRefresh moves the clock past the token's expiry and takes
// the configuration's stores down: the next request of a signed-in
// browser needs its session store, or its grant store to refresh.
func storesDownAtRefresh(e *Env) {
	e.Clock.Advance(time.Hour + time.Minute)
	e.TakeStoresDown()
}

// A store that fails leaves an optional page public: the handler runs,
// with no user, for a visitor who was signed in and for one who never
// was.
func testOptionalStoreDown(t *testing.T, e *Env) {
	b := e.signedInBrowser()
	storesDownAtRefresh(e)
	for name, x := range map[string]*Browser{"signed in": b, "new visitor": e.NewBrowser()} {
		if r := x.Nav("/optional"); r.Status != http.StatusOK || r.Body != "optional:" {
			t.Errorf("%s: got %d %q, want 200 optional:", name, r.Status, r.Body)
		}
	}
}
