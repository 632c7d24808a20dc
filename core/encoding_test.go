package core

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"
)

// sampleSession is a realistic session: a 43-character id and two
// 40-character tokens.
func sampleSession() *Session {
	return &Session{
		User:      User{ID: "12345", Email: "ada@example.com", Name: "Ada Lovelace"},
		CreatedAt: time.Unix(1_699_990_000, 0),
		LastSeen:  time.Unix(1_700_000_100, 0),
		secrets: hide(&sessionSecrets{id: "q3Jx9mV0aB7cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV0wX", tok: tokenPair{
			AccessToken:  strings.Repeat("a", 40),
			RefreshToken: strings.Repeat("r", 40),
			TokenType:    "Bearer",
			Expiry:       time.Unix(1_700_003_600, 0),
			IssuedAt:     time.Unix(1_700_000_000, 0),
		}}),
	}
}

func sessionsEqual(a, b *Session) bool {
	return a.sec().id == b.sec().id && a.User == b.User &&
		a.sec().tok.AccessToken == b.sec().tok.AccessToken &&
		a.sec().tok.RefreshToken == b.sec().tok.RefreshToken &&
		a.sec().tok.TokenType == b.sec().tok.TokenType &&
		a.sec().tok.Expiry.Equal(b.sec().tok.Expiry) && a.sec().tok.Expiry.IsZero() == b.sec().tok.Expiry.IsZero() &&
		a.sec().tok.IssuedAt.Equal(b.sec().tok.IssuedAt) && a.sec().tok.IssuedAt.IsZero() == b.sec().tok.IssuedAt.IsZero() &&
		a.CreatedAt.Equal(b.CreatedAt) && a.LastSeen.Equal(b.LastSeen) && a.LastSeen.IsZero() == b.LastSeen.IsZero()
}

// describeSession shows every field, tokens included: test output only.
func describeSession(s *Session) string {
	if s == nil {
		return "<nil>"
	}
	return strings.Join([]string{
		"ID=" + s.sec().id, "User=" + s.User.ID + "/" + s.User.Email + "/" + s.User.Name,
		"Access=" + s.sec().tok.AccessToken, "Refresh=" + s.sec().tok.RefreshToken, "Type=" + s.sec().tok.TokenType,
		"Expiry=" + formatTime(s.sec().tok.Expiry), "IssuedAt=" + formatTime(s.sec().tok.IssuedAt),
		"Created=" + formatTime(s.CreatedAt), "LastSeen=" + formatTime(s.LastSeen),
	}, " ")
}

func TestSessionEncodingRoundTrip(t *testing.T) {
	t.Parallel()
	zeroExpiry := sampleSession()
	zeroExpiry.sec().tok.Expiry = time.Time{}
	zeroExpiry.sec().tok.IssuedAt = time.Time{}
	zeroExpiry.sec().tok.RefreshToken = ""
	zeroExpiry.sec().tok.TokenType = ""

	stringID := sampleSession()
	stringID.User.ID = "usr_7f3c-Ab"

	unicode := sampleSession()
	unicode.User.Name = "Zoë 山田 🚀"
	unicode.User.Email = "zoë@例え.jp"

	minimal := &Session{CreatedAt: time.Unix(1, 0), secrets: hide(&sessionSecrets{id: "x"})}

	tests := []struct {
		name string
		s    *Session
	}{
		{"full", sampleSession()},
		{"zero expiry and no refresh token", zeroExpiry},
		{"string user id", stringID},
		{"numeric user id", sampleSession()},
		{"unicode name and email", unicode},
		{"minimal", minimal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			enc := encodeSession(nil, tt.s)
			got, err := decodeSession(enc)
			if err != nil {
				t.Fatalf("decodeSession: got error %v, want nil", err)
			}
			if !sessionsEqual(got, tt.s) {
				t.Errorf("round trip: got %s, want %s", describeSession(got), describeSession(tt.s))
			}
		})
	}
}

func TestSessionEncodingZeroExpiryStaysZero(t *testing.T) {
	t.Parallel()
	s := sampleSession()
	s.sec().tok.Expiry = time.Time{}
	got, err := decodeSession(encodeSession(nil, s))
	if err != nil {
		t.Fatalf("decodeSession: got error %v, want nil", err)
	}
	if !got.sec().tok.Expiry.IsZero() {
		t.Errorf("Expiry: got %v, want the zero time", got.sec().tok.Expiry)
	}
}

func TestSessionEncodingAppendsToDst(t *testing.T) {
	t.Parallel()
	prefix := []byte("xyz")
	enc := encodeSession(bytes.Clone(prefix), sampleSession())
	if !bytes.HasPrefix(enc, prefix) {
		t.Fatalf("encodeSession: got %q, want it to start with %q", enc, prefix)
	}
	if _, err := decodeSession(enc[len(prefix):]); err != nil {
		t.Errorf("decode after prefix: got error %v, want nil", err)
	}
}

func TestSessionEncodingSize(t *testing.T) {
	t.Parallel()
	s := sampleSession()
	if len(s.sec().tok.AccessToken) != 40 || len(s.sec().tok.RefreshToken) != 40 {
		t.Fatalf("sample tokens: got %d and %d chars, want 40 and 40", len(s.sec().tok.AccessToken), len(s.sec().tok.RefreshToken))
	}
	if n := len(encodeSession(nil, s)); n >= 200 {
		t.Errorf("encoded size: got %d bytes, want under 200", n)
	}
}

// varintBytes returns the varint encoding of v.
func varintBytes(v uint64) []byte { return binary.AppendUvarint(nil, v) }

func TestDecodeSessionRejects(t *testing.T) {
	t.Parallel()
	valid := encodeSession(nil, sampleSession())
	wrongVersion := bytes.Clone(valid)
	wrongVersion[0] = recordVersion + 1

	tests := []struct {
		name string
		in   []byte
	}{
		{"nil", nil},
		{"empty", []byte{}},
		{"version only", []byte{recordVersion}},
		{"version 0", append([]byte{0}, valid[1:]...)},
		{"next version", wrongVersion},
		{"trailing byte", append(bytes.Clone(valid), 0)},
		{"trailing bytes", append(bytes.Clone(valid), "junk"...)},
		{"id length 1<<40", append([]byte{recordVersion}, varintBytes(1<<40)...)},
		{"id length 1<<40 with data", append(append([]byte{recordVersion}, varintBytes(1<<40)...), bytes.Repeat([]byte("x"), 100)...)},
		{"id length just over the field limit", append(append([]byte{recordVersion}, varintBytes(maxFieldLen+1)...), bytes.Repeat([]byte("x"), maxFieldLen+1)...)},
		{"10-byte varint overflow", append([]byte{recordVersion}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02)},
		{"11-byte varint", append([]byte{recordVersion}, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)},
		{"unterminated varint", append([]byte{recordVersion}, 0x80, 0x80)},
		{"empty id", encodeSession(nil, &Session{CreatedAt: time.Unix(1_700_000_000, 0), secrets: hide(&sessionSecrets{})})},
		{"zero created-at", encodeSession(nil, &Session{secrets: hide(&sessionSecrets{id: "abc"})})},
		{"time above 1<<62", func() []byte {
			b := []byte{recordVersion}
			b = append(b, varintBytes(3)...)
			b = append(b, "abc"...)
			return append(b, varintBytes(1<<62+1)...)
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := decodeSession(tt.in)
			if err == nil {
				t.Fatalf("got session %s, nil error, want an error", describeSession(got))
			}
			if !errors.Is(err, errMalformed) {
				t.Errorf("got error %v, want errMalformed", err)
			}
			if got != nil {
				t.Errorf("got session %s with the error, want nil", describeSession(got))
			}
		})
	}
}

// sessionWithLastSeen encodes sampleSession by hand in the version 1
// layout (times in seconds), with lastSeen as the raw bytes of the
// LastSeen field.
func sessionWithLastSeen(lastSeen []byte) []byte {
	s := sampleSession()
	e := encoder{}
	e.byte(recordVersionSeconds)
	e.string(s.sec().id)
	e.time(s.CreatedAt.Unix())
	e.buf = append(e.buf, lastSeen...)
	e.string(s.User.ID)
	e.string(s.User.Email)
	e.string(s.User.Name)
	e.string(s.sec().tok.AccessToken)
	e.string(s.sec().tok.RefreshToken)
	e.string(s.sec().tok.TokenType)
	e.time(s.sec().tok.Expiry.Unix())
	e.time(s.sec().tok.IssuedAt.Unix())
	return e.buf
}

func TestDecodeSessionVarintOverflowInsideRecord(t *testing.T) {
	t.Parallel()
	// Sanity: the hand-made record decodes with an ordinary LastSeen.
	if _, err := decodeSession(sessionWithLastSeen([]byte{0})); err != nil {
		t.Fatalf("hand-made record: got error %v, want nil", err)
	}
	tests := []struct {
		name string
		raw  []byte
	}{
		// 2<<63 wraps to 0 in 64 bits, a valid LastSeen if not caught.
		{"wraps to zero", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02}},
		{"wraps to one", []byte{0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7e}},
		{"above 1<<62", varintBytes(1<<62 + 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got, err := decodeSession(sessionWithLastSeen(tt.raw)); err == nil {
				t.Errorf("LastSeen % x: got %s, nil error, want an error", tt.raw, describeSession(got))
			}
		})
	}
}

func TestDecodeSessionFieldLengthLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		nameLen int
		wantErr bool
	}{
		{"at the limit", maxFieldLen, false},
		{"over the limit", maxFieldLen + 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := sampleSession()
			s.User.Name = strings.Repeat("n", tt.nameLen)
			_, err := decodeSession(encodeSession(nil, s))
			if (err != nil) != tt.wantErr {
				t.Errorf("name of %d bytes: got error %v, want error %v", tt.nameLen, err, tt.wantErr)
			}
		})
	}
}

func TestDecodeSessionRejectsEveryTruncation(t *testing.T) {
	t.Parallel()
	wantEveryTruncationRejected(t, encodeSession(nil, sampleSession()), decodeSession, describeSession)
}

func samplePending() []pendingLogin {
	base := time.UnixMilli(1_700_000_000_123)
	return []pendingLogin{
		{State: strings.Repeat("s", 43), Verifier: strings.Repeat("v", 43), ReturnTo: "/a?b=c", CreatedAt: base},
		{State: strings.Repeat("t", 43), Verifier: "", ReturnTo: "/", CreatedAt: base.Add(1500 * time.Millisecond)},
		{State: strings.Repeat("u", 43), Verifier: strings.Repeat("w", 43), ReturnTo: "/%E2%9C%93", CreatedAt: base.Add(time.Minute)},
	}
}

func TestPendingEncodingRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		list []pendingLogin
	}{
		{"empty", []pendingLogin{}},
		{"one", samplePending()[:1]},
		{"three", samplePending()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := decodePending(encodePending(nil, tt.list))
			if err != nil {
				t.Fatalf("decodePending: got error %v, want nil", err)
			}
			if len(got) != len(tt.list) {
				t.Fatalf("got %d entries, want %d", len(got), len(tt.list))
			}
			for i := range got {
				g, w := got[i], tt.list[i]
				if g.State != w.State || g.Verifier != w.Verifier || g.ReturnTo != w.ReturnTo || !g.CreatedAt.Equal(w.CreatedAt) {
					t.Errorf("entry %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestDecodePendingRejects(t *testing.T) {
	t.Parallel()
	entry := samplePending()[0]
	sixEntries := make([]pendingLogin, maxPendingLogins+1)
	for i := range sixEntries {
		sixEntries[i] = entry
	}
	valid := encodePending(nil, samplePending())
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"wrong version", append([]byte{pendingVersion + 1}, valid[1:]...)},
		{"count above max with entries", encodePending(nil, sixEntries)},
		{"count 1<<40", append([]byte{pendingVersion}, varintBytes(1<<40)...)},
		{"count says more than present", append([]byte{pendingVersion}, append(varintBytes(3), encodePending(nil, samplePending()[:1])[2:]...)...)},
		{"trailing bytes", append(bytes.Clone(valid), 1, 2, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got, err := decodePending(tt.in); err == nil {
				t.Errorf("got %d entries, nil error, want an error", len(got))
			}
		})
	}
	// Five is still fine.
	if _, err := decodePending(encodePending(nil, sixEntries[:maxPendingLogins])); err != nil {
		t.Errorf("decoding %d entries: got error %v, want nil", maxPendingLogins, err)
	}
}

func TestDecodePendingRejectsEveryTruncation(t *testing.T) {
	t.Parallel()
	wantEveryTruncationRejected(t, encodePending(nil, samplePending()), decodePending, describeCount)
}
