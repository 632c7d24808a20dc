package core

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

// ringKey returns a fixed 32-byte key derived from b, so tests name
// distinct keys by small numbers.
func ringKey(b byte) []byte {
	sum := sha256.Sum256([]byte{'k', 'e', 'y', b})
	return sum[:]
}

func mustKeyRing(t *testing.T, keys ...[]byte) *keyRing {
	t.Helper()
	r, err := newKeyRing(keys, rand.Reader)
	if err != nil {
		t.Fatalf("newKeyRing: got error %v, want nil", err)
	}
	return r
}

func mustSeal(t *testing.T, r *keyRing, plaintext []byte, name string) []byte {
	t.Helper()
	sealed, err := r.seal(nil, plaintext, name)
	if err != nil {
		t.Fatalf("seal: got error %v, want nil", err)
	}
	return sealed
}

// brokenRand is a random source that always fails.
type brokenRand struct{}

func (brokenRand) Read([]byte) (int, error) { return 0, errors.New("entropy exhausted") }

func TestKeyRingRoundTrip(t *testing.T) {
	t.Parallel()
	r := mustKeyRing(t, ringKey(1))
	tests := []struct {
		name      string
		plaintext []byte
	}{
		{"empty", []byte{}},
		{"short", []byte("hello")},
		{"binary", []byte{0, 1, 2, 0xff, 0xfe}},
		{"long", bytes.Repeat([]byte("x"), 3000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sealed := mustSeal(t, r, tt.plaintext, "cookie")
			if got, want := len(sealed), len(tt.plaintext)+sealOverhead; got != want {
				t.Errorf("sealed length: got %d, want %d", got, want)
			}
			got, err := r.open(sealed, "cookie")
			if err != nil {
				t.Fatalf("open: got error %v, want nil", err)
			}
			if !bytes.Equal(got, tt.plaintext) {
				t.Errorf("open: got %q, want %q", got, tt.plaintext)
			}
		})
	}
}

func TestKeyRingSealAppendsToDst(t *testing.T) {
	t.Parallel()
	r := mustKeyRing(t, ringKey(1))
	prefix := []byte("prefix")
	out, err := r.seal(append([]byte(nil), prefix...), []byte("body"), "n")
	if err != nil {
		t.Fatalf("seal: got error %v, want nil", err)
	}
	if !bytes.HasPrefix(out, prefix) {
		t.Fatalf("seal: got %q, want it to start with %q", out, prefix)
	}
	got, err := r.open(out[len(prefix):], "n")
	if err != nil || string(got) != "body" {
		t.Errorf("open after prefix: got %q, %v, want %q, nil", got, err, "body")
	}
}

func TestKeyRingNoncesDiffer(t *testing.T) {
	t.Parallel()
	r := mustKeyRing(t, ringKey(1))
	a := mustSeal(t, r, []byte("same"), "n")
	b := mustSeal(t, r, []byte("same"), "n")
	if bytes.Equal(a, b) {
		t.Errorf("sealing the same plaintext twice: got identical values %x, want different nonces", a)
	}
}

func TestKeyRingRotation(t *testing.T) {
	t.Parallel()
	oldKey, newKey := ringKey(1), ringKey(2)
	oldRing := mustKeyRing(t, oldKey)
	rotated := mustKeyRing(t, newKey, oldKey)
	retired := mustKeyRing(t, newKey)

	sealedOld := mustSeal(t, oldRing, []byte("session"), "n")

	t.Run("rotated ring opens value sealed by old key", func(t *testing.T) {
		got, err := rotated.open(sealedOld, "n")
		if err != nil || string(got) != "session" {
			t.Errorf("got %q, %v, want %q, nil", got, err, "session")
		}
	})
	t.Run("retired key no longer opens", func(t *testing.T) {
		got, err := retired.open(sealedOld, "n")
		if err == nil {
			t.Errorf("got %q, nil, want an error", got)
		}
	})
	t.Run("rotated ring seals with its first key", func(t *testing.T) {
		sealedNew := mustSeal(t, rotated, []byte("fresh"), "n")
		if got, err := retired.open(sealedNew, "n"); err != nil || string(got) != "fresh" {
			t.Errorf("ring [new] opening a value sealed by [new, old]: got %q, %v, want %q, nil", got, err, "fresh")
		}
		if got, err := oldRing.open(sealedNew, "n"); err == nil {
			t.Errorf("ring [old] opening a value sealed by [new, old]: got %q, nil, want an error", got)
		}
	})
}

func TestKeyRingEveryFlippedByteFails(t *testing.T) {
	t.Parallel()
	r := mustKeyRing(t, ringKey(1))
	sealed := mustSeal(t, r, []byte("a session worth protecting"), "n")
	for i := range sealed {
		for _, mask := range []byte{0x01, 0x80, 0xff} {
			bad := bytes.Clone(sealed)
			bad[i] ^= mask
			if got, err := r.open(bad, "n"); err == nil {
				t.Errorf("byte %d ^ %#x: open got %q, nil, want an error", i, mask, got)
			}
		}
	}
}

func TestKeyRingNameBinding(t *testing.T) {
	t.Parallel()
	r := mustKeyRing(t, ringKey(1))
	sealed := mustSeal(t, r, []byte("v"), "a")
	for _, name := range []string{"b", "", "A", "a ", "__Host-a"} {
		if got, err := r.open(sealed, name); err == nil {
			t.Errorf("value sealed for %q opened for %q: got %q, nil, want an error", "a", name, got)
		}
	}
	if _, err := r.open(sealed, "a"); err != nil {
		t.Errorf("open for the right name: got error %v, want nil", err)
	}
}

func TestKeyRingTruncatedFails(t *testing.T) {
	t.Parallel()
	r := mustKeyRing(t, ringKey(1))
	sealed := mustSeal(t, r, []byte("some plaintext"), "n")
	for n := 0; n < len(sealed); n++ {
		if got, err := r.open(sealed[:n], "n"); err == nil {
			t.Errorf("open of first %d of %d bytes: got %q, nil, want an error", n, len(sealed), got)
		}
	}
	// Dropping bytes from the front fails too.
	for n := 1; n < len(sealed); n++ {
		if got, err := r.open(sealed[n:], "n"); err == nil {
			t.Errorf("open without first %d bytes: got %q, nil, want an error", n, got)
		}
	}
}

func TestNewKeyRingRejectsBadKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		keys [][]byte
	}{
		{"nil", nil},
		{"empty", [][]byte{}},
		{"10-byte key", [][]byte{make([]byte, 10)}},
		{"31-byte key", [][]byte{make([]byte, 31)}},
		{"33-byte key", [][]byte{make([]byte, 33)}},
		{"16-byte AES-128 key", [][]byte{make([]byte, 16)}},
		{"good then short", [][]byte{ringKey(1), make([]byte, 10)}},
		{"empty key", [][]byte{{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := newKeyRing(tt.keys, rand.Reader)
			if err == nil {
				t.Fatalf("got ring %v, nil error, want an error", r)
			}
			if !errors.Is(err, ErrInvalidConfig) {
				t.Errorf("got error %v, want one wrapping ErrInvalidConfig", err)
			}
			if r != nil {
				t.Errorf("got ring %v with the error, want nil", r)
			}
		})
	}
}

func TestKeyRingFailingRandom(t *testing.T) {
	t.Parallel()
	r, err := newKeyRing([][]byte{ringKey(1)}, brokenRand{})
	if err != nil {
		t.Fatalf("newKeyRing: got error %v, want nil", err)
	}
	for _, dst := range [][]byte{nil, []byte("prefix")} {
		sealed, err := r.seal(dst, []byte("secret"), "n")
		if !errors.Is(err, errRandom) {
			t.Errorf("seal with failing random (dst %q): got error %v, want one wrapping errRandom", dst, err)
		}
		if sealed != nil {
			t.Errorf("seal with failing random (dst %q): got %x, want nil", dst, sealed)
		}
	}
}

func TestSealedValueShowsNoToken(t *testing.T) {
	t.Parallel()
	access := "AT-0123456789abcdefghijklmnopqrstuvwxyzAB" // 40+ chars
	refresh := "RT-zyxwvutsrqponmlkjihgfedcba9876543210ZY"
	s := &Session{
		User:      User{ID: "42", Email: "ada@example.com", Name: "Ada"},
		CreatedAt: time.Unix(1_700_000_000, 0),
		LastSeen:  time.Unix(1_700_000_000, 0),
		secrets:   hide(&sessionSecrets{id: "sid-0123456789abcdefghijklmnopqrstuvwxyz0", tok: tokenPair{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer"}}),
	}
	plain := encodeSession(nil, s)
	// Sanity: the plaintext does hold the tokens, so their absence below
	// means something.
	if !bytes.Contains(plain, []byte(access)) || !bytes.Contains(plain, []byte(refresh)) {
		t.Fatalf("encoded session: got %q, want it to contain both tokens", plain)
	}
	r := mustKeyRing(t, ringKey(7))
	const window = 8
	for i := 0; i < 20; i++ {
		sealed := mustSeal(t, r, plain, "__Host-rememberizer_session")
		encoded := base64.RawURLEncoding.EncodeToString(sealed)
		for _, secret := range []string{access, refresh, s.sec().id} {
			for j := 0; j+window <= len(secret); j++ {
				sub := secret[j : j+window]
				if bytes.Contains(sealed, []byte(sub)) {
					t.Errorf("sealed bytes contain %q", sub)
				}
				if bytes.Contains([]byte(encoded), []byte(sub)) {
					t.Errorf("base64url of sealed value contains %q", sub)
				}
			}
		}
	}
}

func TestKeyRingRefusesPatternedKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  []byte
		want string // "" for accepted
	}{
		{"all zero", make([]byte, keySize), "all zero bytes"},
		{"repeated byte", bytes.Repeat([]byte{0xa5}, keySize), "one byte repeated"},
		{"two-byte pattern", bytes.Repeat([]byte("ab"), keySize/2), "a 2-byte pattern repeated"},
		{"16-byte pattern", bytes.Repeat([]byte("0123456789abcdef"), 2), "a 16-byte pattern repeated"},
		{"one byte off a repeat", append(bytes.Repeat([]byte{7}, keySize-1), 8), "only 2 different byte values"},
		{"derived key", ringKey(1), ""},
		{"random key", func() []byte { k := make([]byte, keySize); rand.Read(k); return k }(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := newKeyRing([][]byte{tt.key}, rand.Reader)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("got %v, want the key accepted", err)
			case tt.want != "" && (!errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want ErrInvalidConfig saying %q", err, tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), "head -c32 /dev/urandom"):
				t.Fatalf("got %q, want it to say how to make a key", err)
			}
		})
	}
}
