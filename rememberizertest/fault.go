package rememberizertest

import (
	"net/http"
	"time"
)

// Fault is a canned answer that replaces the normal processing of one
// request, for testing how a client copes with errors, odd bodies and slow
// responses.
//
// A Fault with neither Status nor Body only delays the request (and adds
// Header): after Delay the request is processed normally.
type Fault struct {
	// Status is the HTTP status to answer with. Zero means 200 when Body is
	// set.
	Status int

	// Body is the raw body to send.
	Body string

	// ContentType is the Content-Type of Body.
	// Optional. Default: "application/json" when Body is set.
	ContentType string

	// Delay is how long to wait before answering. The wait ends early, with
	// no answer, when the client goes away; when the server closes, the
	// connection is cut.
	Delay time.Duration

	// Header holds extra response headers, such as Location for a 307.
	Header http.Header
}

// FailNextToken makes the next token-endpoint request get f instead of
// normal processing. The request still counts in [Server.TokenCalls] (and
// [Server.RefreshCalls]) and is recorded by [Server.LastTokenRequest], but
// consumes no code or token. Faults queue: calling it twice fails the next
// two requests.
func (s *Server) FailNextToken(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokenFaults = append(s.tokenFaults, cloneFault(f))
}

// FailNextAccount makes the next account-endpoint request get f instead of
// normal processing. The request still counts in [Server.AccountCalls].
// Faults queue like those of [Server.FailNextToken].
func (s *Server) FailNextAccount(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acctFaults = append(s.acctFaults, cloneFault(f))
}

// popFault removes and returns the first fault of q. The caller holds s.mu.
func popFault(q *[]Fault) (Fault, bool) {
	if len(*q) == 0 {
		return Fault{}, false
	}
	f := (*q)[0]
	*q = (*q)[1:]
	return f, true
}

// cloneFault copies f so the caller may reuse its Header.
func cloneFault(f Fault) Fault {
	f.Header = f.Header.Clone()
	return f
}

// serveFault applies f to the request. It reports whether the request is
// finished: true when f answered it or the wait was cut short, false when f
// was a pure delay and normal processing should follow.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if !s.sleep(r, f.Delay) {
		return true
	}
	for k, vs := range f.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if f.Status == 0 && f.Body == "" {
		return false
	}
	if f.Body != "" || f.ContentType != "" {
		ct := f.ContentType
		if ct == "" {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(f.Body))
	return true
}
