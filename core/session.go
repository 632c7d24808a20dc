package core

import (
	"fmt"
	"log/slog"
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
// read it with [SessionFrom]; treat it as read-only. With a
// [Config.GrantStore], Token holds only the access token's Expiry and
// IssuedAt: the tokens live in the user's grant, and [Client.HTTPClient]
// reads them from there. Its String, GoString
// and LogValue never show tokens or the session id.
type Session struct {
	// ID identifies the session; it is random, stays the same for the
	// session's life, and is never shown.
	ID    string
	User  User
	Token Token
	// CreatedAt is when the user signed in.
	CreatedAt time.Time
	// LastSeen is when the session was last used, to within the write-back
	// interval described at [Config.IdleTimeout].
	LastSeen time.Time

	// key is the server-side record's store key, "" in a browser store.
	key string
	// grant is set when the tokens live in the grant store: Token then
	// holds only their expiry, and the API client reads the user's grant
	// of generation grantGen (0: a record from before generations).
	grant    bool
	grantGen uint64
}

// String describes s without its secrets.
func (s *Session) String() string {
	if s == nil {
		return "core.Session(nil)"
	}
	return fmt.Sprintf("core.Session{User: %q, CreatedAt: %s, Token: %s}", s.User.ID, formatTime(s.CreatedAt), s.Token)
}

// GoString is String, so %#v is safe too.
func (s *Session) GoString() string { return s.String() }

// LogValue logs s without its secrets.
func (s *Session) LogValue() slog.Value {
	if s == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(
		slog.String("user_id", s.User.ID),
		slog.Time("created_at", s.CreatedAt),
		slog.Any("token", s.Token),
	)
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
	e.string(s.ID)
	e.time(milliOrZero(s.CreatedAt))
	e.time(milliOrZero(s.LastSeen))
	e.string(s.User.ID)
	e.string(s.User.Email)
	e.string(s.User.Name)
	if s.grant {
		e.uint(sessionFlagGrant)
		e.uint(s.grantGen)
		e.time(milliOrZero(s.Token.Expiry))
		e.time(milliOrZero(s.Token.IssuedAt))
		return e.buf
	}
	e.uint(0)
	e.string(s.Token.AccessToken)
	e.string(s.Token.RefreshToken)
	e.string(s.Token.TokenType)
	e.time(milliOrZero(s.Token.Expiry))
	e.time(milliOrZero(s.Token.IssuedAt))
	return e.buf
}

// decodeSession is the inverse of encodeSession. It copies b once.
func decodeSession(b []byte) (*Session, error) { return decodeSessionString(string(b)) }

// decodeOwnedSession decodes b without copying it: the session's strings
// share b's memory. The caller hands b over: it must be a buffer nobody
// else holds and nobody writes to afterwards (a freshly opened plaintext).
func decodeOwnedSession(b []byte) (*Session, error) {
	if len(b) == 0 {
		return nil, errMalformed
	}
	return decodeSessionString(unsafe.String(&b[0], len(b)))
}

func decodeSessionString(src string) (*Session, error) {
	d := decoder{buf: src}
	s := &Session{}
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
	s.ID = d.string()
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
		s.grant = flags&sessionFlagGrant != 0
	}
	if s.grant && version == recordVersion {
		s.grantGen = d.uint()
		s.Token.Expiry = toTime(d.time())
		s.Token.IssuedAt = toTime(d.time())
	}
	if !s.grant {
		s.Token.AccessToken = d.string()
		s.Token.RefreshToken = d.string()
		s.Token.TokenType = d.string()
		s.Token.Expiry = toTime(d.time())
		s.Token.IssuedAt = toTime(d.time())
	}
	if err := d.done(); err != nil {
		return nil, err
	}
	if s.ID == "" || s.CreatedAt.IsZero() {
		return nil, errMalformed
	}
	return s, nil
}
