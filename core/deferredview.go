package core

import (
	"context"
	"strings"
)

// deferredView is a request's view for its API client, which handlers
// may use from any goroutine while they write the response: it never
// touches the adapter's view. Cookies it is asked to set wait in the
// request's state until [scope.End] sets them on the request's own
// goroutine, before the headers go out; once the request has ended they
// are dropped, and the view says so ([requestEnded]). It reads no header,
// and the only cookie it knows is the session cookie, as the request
// brought it (for a browser store that names records by it).
//
// held says the caller already holds the state's lock (a refresh of
// tokens kept in the cookie holds it throughout).
type deferredView struct {
	st   *authState
	held bool
}

func (v deferredView) lock() func() {
	if v.held {
		return func() {}
	}
	v.st.mu.Lock()
	return v.st.mu.Unlock
}

func (v deferredView) Context() context.Context {
	defer v.lock()()
	if v.st.endedNow.Load() {
		return v.st.req.Context()
	}
	return v.st.start
}

func (deferredView) Method() string       { return "" }
func (deferredView) URI() string          { return "" }
func (deferredView) Header(string) string { return "" }

func (v deferredView) Cookie(name string) string {
	defer v.lock()()
	if v.st.endedNow.Load() || name != v.st.client.sessionSlot.Name {
		return ""
	}
	return v.st.cookie
}

// SetCookie keeps line for End, replacing a cookie of the same name kept
// before: the browser keeps the last one anyway.
func (v deferredView) SetCookie(line string) {
	defer v.lock()()
	if v.st.endedNow.Load() {
		return
	}
	name, _, _ := strings.Cut(line, "=")
	for i, p := range v.st.pending {
		if n, _, _ := strings.Cut(p, "="); n == name {
			v.st.pending[i] = line
			return
		}
	}
	v.st.pending = append(v.st.pending, line)
}

// SetHeader is not needed by the API client: End sets the only header
// its cookies call for (Cache-Control: no-store).
func (deferredView) SetHeader(string, string) {}

func (v deferredView) requestEnded() bool {
	defer v.lock()()
	return v.st.endedNow.Load()
}
