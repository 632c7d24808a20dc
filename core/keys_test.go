package core

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

// randomKey returns a fresh random key of keySize bytes.
func randomKey(t *testing.T) []byte {
	t.Helper()
	k := make([]byte, keySize)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	return k
}

func TestNewSessionKey(t *testing.T) {
	t.Parallel()
	a, err := NewSessionKey()
	if err != nil {
		t.Fatalf("NewSessionKey: %v", err)
	}
	b, err := NewSessionKey()
	if err != nil {
		t.Fatalf("NewSessionKey: %v", err)
	}
	if len(a) != keySize || len(b) != keySize {
		t.Fatalf("got keys of %d and %d bytes, want %d", len(a), len(b), keySize)
	}
	if bytes.Equal(a, b) {
		t.Error("got the same key twice, want fresh random keys")
	}
	cfg := validConfig()
	cfg.SessionKeys = [][]byte{a}
	if _, err := newClient(cfg); err != nil {
		t.Errorf("New with a made key: %v", err)
	}
	got, err := ParseSessionKeys(EncodeSessionKey(a))
	if err != nil || len(got) != 1 || !bytes.Equal(got[0], a) {
		t.Errorf("round trip: got %x, %v, want %x", got, err, a)
	}
}

func TestNewSessionKeyFailingRandom(t *testing.T) {
	t.Parallel()
	key, err := newSessionKey(failingReader{})
	if !errors.Is(err, errRandom) || key != nil {
		t.Errorf("got %x, %v, want no key and errRandom", key, err)
	}
}

func TestParseSessionKeys(t *testing.T) {
	t.Parallel()
	k1 := randomKey(t)
	k2 := randomKey(t)
	short := base64.StdEncoding.EncodeToString(k1[:16])
	tests := []struct {
		name    string
		raw     string
		want    [][]byte
		wantErr string
	}{
		{name: "one standard key", raw: base64.StdEncoding.EncodeToString(k1), want: [][]byte{k1}},
		{name: "URL-safe key", raw: base64.URLEncoding.EncodeToString(k1), want: [][]byte{k1}},
		{name: "unpadded keys", raw: base64.RawStdEncoding.EncodeToString(k1) + "," + base64.RawURLEncoding.EncodeToString(k2), want: [][]byte{k1, k2}},
		{name: "spaces around keys", raw: " " + base64.StdEncoding.EncodeToString(k2) + " , " + base64.StdEncoding.EncodeToString(k1), want: [][]byte{k2, k1}},
		{name: "short key", raw: base64.StdEncoding.EncodeToString(k1) + "," + short, wantErr: "session key 2 of 2 is not 32 bytes in base64 (generate one with: openssl rand -base64 32)"},
		{name: "not base64", raw: "not*base64*at*all", wantErr: "session key 1 of 1 is not 32 bytes in base64"},
		{name: "empty entry", raw: base64.StdEncoding.EncodeToString(k1) + ",", wantErr: "session key 2 of 2"},
		{name: "empty", raw: " ", wantErr: "no session key given (generate one with: openssl rand -base64 32)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseSessionKeys(tt.raw)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("got no error, want one saying %q", tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrInvalidConfig) {
					t.Errorf("got error %q, want it to wrap ErrInvalidConfig and say %q", err, tt.wantErr)
				}
				for _, part := range strings.Split(tt.raw, ",") {
					if p := strings.TrimSpace(part); p != "" && strings.Contains(err.Error(), p) {
						t.Errorf("error %q shows a key", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d keys, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if !bytes.Equal(got[i], tt.want[i]) {
					t.Errorf("key %d: got %x, want %x", i+1, got[i], tt.want[i])
				}
			}
		})
	}
}
