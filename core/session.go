package core

import (
	"fmt"
	"time"
	"unsafe"
)

// recordVersion is the first byte of an encoded session. Older records
// still decode: version 2 (a grant's session without its generation and
// expiry) and version 1 (times in seconds, tokens always inside).
const (
	recordVersion        = 3
	recordVersionNoGen   = 2
	recordVersionSeconds = 1
)

// errNewerRecord reports a record written by a newer version of the
// library, which this one cannot read (S30).
var errNewerRecord = fmt.Errorf("%w: written by a newer version", errMalformed)

// User is the Rememberizer account a session belongs to, as
// GET /api/v1/account/ describes it.
type User struct {
	// ID is the account id. Rememberizer sends a number or a string; it is
	// kept as its decimal or literal text.
	ID    string
	Email string
	Name  string
}

// Session is one signed-in browser. Handlers behind RequireRememberizer
// read it with [SessionFrom]; treat it as read-only. Its session id and
// tokens are never shown: they sit behind an unexported pointer, so no
// way of printing a Session reveals them (the API client reads the
// tokens; with a [Config.GrantStore] they live in the user's grant).
type Session struct {
	User User
	// CreatedAt is when the user signed in.
	CreatedAt time.Time
	// LastSeen is when the session was last used, to within the write-back
	// interval described at [Config.IdleTimeout].
	LastSeen time.Time

	secrets hidden[sessionSecrets]
}

// hidden holds a *T that no way of printing shows. fmt prints an
// unsafe.Pointer as an address for every verb (a plain pointer it follows
// once a verb does not fit it, so %s or %d of a struct would show the
// fields behind it), encoding/json skips unexported fields, and slog's
// handlers print through one or the other. The garbage collector traces
// an unsafe.Pointer like any pointer.
type hidden[T any] struct{ p unsafe.Pointer }

// hide returns v behind a [hidden].
func hide[T any](v *T) hidden[T] { return hidden[T]{unsafe.Pointer(v)} }

// get returns the *T h holds, or nil.
func (h hidden[T]) get() *T { return (*T)(h.p) }

// sessionSecrets is what a [Session] never shows. A Session copied to be
// changed gets a copy of it ([Session.withSecrets]).
//
// A Session an app makes itself has none: [Session.sec] gives it an
// empty one.
type sessionSecrets struct {
	// id identifies the session; it is random and stays the same for the
	// session's life.
	id  string
	tok tokenPair
	// key is the server-side record's store key, "" in a browser store.
	key string
	// grant is set when the tokens live in the grant store: tok then
	// holds only their expiry, and the API client reads the user's grant
	// of generation grantGen (0: a record from before generations).
	grant    bool
	grantGen uint64
}

// withSecrets returns a copy of s whose secrets are a copy too, for the
// caller to change without touching s.
func (s *Session) withSecrets() *Session {
	ns := allocSession(*s.sec())
	secrets := ns.secrets
	*ns = *s
	ns.secrets = secrets
	return ns
}

// sessionAndSecrets is a Session and its secrets in one allocation.
type sessionAndSecrets struct {
	s   Session
	sec sessionSecrets
}

// allocSession returns a zero Session holding a copy of sec, allocated
// with it.
func allocSession(sec sessionSecrets) *Session {
	a := &sessionAndSecrets{sec: sec}
	a.s.secrets = hide(&a.sec)
	return &a.s
}

// sec returns s's secrets.
func (s *Session) sec() *sessionSecrets {
	if p := s.secrets.get(); p != nil {
		return p
	}
	return &sessionSecrets{}
}

// newSession returns a Session with these secrets.
func newSession(user User, created, lastSeen time.Time, sec sessionSecrets) *Session {
	s := allocSession(sec)
	s.User, s.CreatedAt, s.LastSeen = user, created, lastSeen
	return s
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.UTC().Format(time.RFC3339)
}

// milliOrZero is t in Unix milliseconds, 0 for the zero time. Records
// keep milliseconds, so a token that lives a second is not "due" the
// moment it is issued.
func milliOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func timeOrZeroMilli(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

func timeOrZero(unix int64) time.Time {
	if unix == 0 {
		return time.Time{}
	}
	return time.Unix(unix, 0)
}

// sessionFlagGrant marks a session whose tokens live in the grant store.
const sessionFlagGrant = 1

// encodeSession appends the compact encoding of s to dst.
func encodeSession(dst []byte, s *Session) []byte {
	e := encoder{buf: dst}
	e.byte(recordVersion)
	e.string(s.sec().id)
	e.time(milliOrZero(s.CreatedAt))
	e.time(milliOrZero(s.LastSeen))
	e.string(s.User.ID)
	e.string(s.User.Email)
	e.string(s.User.Name)
	if s.sec().grant {
		e.uint(sessionFlagGrant)
		e.uint(s.sec().grantGen)
		e.time(milliOrZero(s.sec().tok.Expiry))
		e.time(milliOrZero(s.sec().tok.IssuedAt))
		return e.buf
	}
	e.uint(0)
	e.string(s.sec().tok.AccessToken)
	e.string(s.sec().tok.RefreshToken)
	e.string(s.sec().tok.TokenType)
	e.time(milliOrZero(s.sec().tok.Expiry))
	e.time(milliOrZero(s.sec().tok.IssuedAt))
	return e.buf
}

// decodeSession is the inverse of encodeSession. It copies b once.
func decodeSession(b []byte) (*Session, error) { return decodeSessionString(string(b), nil) }

// decodeOwnedSession decodes b without copying it: the session's strings
// share b's memory. The caller hands b over: it must be a buffer nobody
// else holds and nobody writes to afterwards (a freshly opened plaintext).
// The session is decoded into into, zero and used for nothing else, or
// into a new allocation when into is nil.
func decodeOwnedSession(b []byte, into *sessionAndSecrets) (*Session, error) {
	if len(b) == 0 {
		return nil, errMalformed
	}
	return decodeSessionString(unsafe.String(&b[0], len(b)), into)
}

func decodeSessionString(src string, into *sessionAndSecrets) (*Session, error) {
	d := decoder{buf: src}
	if into == nil {
		into = &sessionAndSecrets{}
	}
	into.s.secrets = hide(&into.sec)
	s := &into.s
	version := d.byte()
	var toTime func(int64) time.Time
	switch {
	case version == recordVersion || version == recordVersionNoGen:
		toTime = timeOrZeroMilli
	case version == recordVersionSeconds:
		// Records written before times were kept in milliseconds.
		toTime = timeOrZero
	case version > recordVersion:
		// Sealed values open only for our keys: a newer library wrote it.
		return nil, errNewerRecord
	default:
		return nil, errMalformed
	}
	s.sec().id = d.string()
	s.CreatedAt = toTime(d.time())
	s.LastSeen = toTime(d.time())
	s.User.ID = d.string()
	s.User.Email = d.string()
	s.User.Name = d.string()
	if version != recordVersionSeconds { // older records have no flags and always hold the tokens
		flags := d.uint()
		if flags&^sessionFlagGrant != 0 {
			return nil, errMalformed
		}
		s.sec().grant = flags&sessionFlagGrant != 0
	}
	if s.sec().grant && version == recordVersion {
		s.sec().grantGen = d.uint()
		s.sec().tok.Expiry = toTime(d.time())
		s.sec().tok.IssuedAt = toTime(d.time())
	}
	if !s.sec().grant {
		s.sec().tok.AccessToken = d.string()
		s.sec().tok.RefreshToken = d.string()
		s.sec().tok.TokenType = d.string()
		s.sec().tok.Expiry = toTime(d.time())
		s.sec().tok.IssuedAt = toTime(d.time())
	}
	if err := d.done(); err != nil {
		return nil, err
	}
	if s.sec().id == "" || s.CreatedAt.IsZero() {
		return nil, errMalformed
	}
	return s, nil
}
