package core

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestKeysVisiblyNotRandom: keys people type or build by hand are refused,
// with a message saying how to make one.
func TestKeysVisiblyNotRandom(t *testing.T) {
	t.Parallel()
	seq := make([]byte, keySize)
	for i := range seq {
		seq[i] = byte(i)
	}
	oneAtEnd := make([]byte, keySize)
	oneAtEnd[keySize-1] = 1
	tests := []struct {
		name string
		key  []byte
		want string
	}{
		{"31 zero bytes and a 1", oneAtEnd, "different byte values"},
		{"bytes 0 to 31", seq, "range of 32 values"},
		{"aaa…b", []byte(strings.Repeat("a", keySize-1) + "b"), "text"},
		{"a word then zeros", append([]byte("secret"), make([]byte, keySize-6)...), "text padded with 26 copies"},
		{"a few bytes then zeros", append([]byte{0x9c, 0x01, 0xf3}, make([]byte, keySize-3)...), "only 4 different byte values"},
		{"a long phrase then zeros", append([]byte("correct horse battery st"), make([]byte, keySize-24)...), "text padded with 8 copies"},
		{"a 32-character passphrase", []byte("Tr0ub4dor&3 correct horse staple"), "text (printable ASCII)"},
		{"a 32-character hex string", []byte("9f86d081884c7d659a2feaa0c55ad015"), "text"},
		{"a counter from 200", func() []byte {
			k := make([]byte, keySize)
			for i := range k {
				k[i] = byte(200 + i)
			}
			return k
		}(), "range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if len(tt.key) != keySize {
				t.Fatalf("test key is %d bytes, want %d", len(tt.key), keySize)
			}
			cfg := validConfig()
			cfg.SessionKeys = [][]byte{randomKey(t), tt.key}
			_, err := newClient(cfg)
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("got %v, want ErrInvalidConfig", err)
			}
			for _, w := range []string{"SessionKeys[1] is not random", tt.want, "core.NewSessionKey", "openssl rand -base64 32"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to contain %q", err, w)
				}
			}
			if bytes.Contains([]byte(err.Error()), tt.key[:8]) {
				t.Errorf("the error shows the key: %q", err)
			}
		})
	}
}

// TestRandomKeysAccepted: many keys from a seeded generator (standing
// for crypto/rand) all pass the check, so its bounds refuse no real key.
func TestRandomKeysAccepted(t *testing.T) {
	t.Parallel()
	r := rand.NewChaCha8([32]byte{'r', 'e', 'm', 'e', 'm', 'b', 'e', 'r'})
	key := make([]byte, keySize)
	for i := range 200_000 {
		r.Read(key)
		if p := repeatPeriod(key); p > 0 {
			t.Fatalf("key %d (%x) has period %d", i, key, p)
		}
		if why := notRandom(key); why != "" {
			t.Fatalf("key %d (%x) refused: %s", i, key, why)
		}
	}
}
