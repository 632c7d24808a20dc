package demoenv

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"
)

func TestSessionKeys(t *testing.T) {
	t.Parallel()
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	got, generated, err := sessionKeys(base64.StdEncoding.EncodeToString(k))
	if err != nil || generated || len(got) != 1 || !bytes.Equal(got[0], k) {
		t.Errorf("got %x, %v, %v, want the given key", got, generated, err)
	}
	short := base64.StdEncoding.EncodeToString(k[:10])
	want := "SESSION_KEYS: rememberizer: invalid config: session key 1 of 1 is not 32 bytes in base64 (generate one with: openssl rand -base64 32)"
	if _, _, err := sessionKeys(short); err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
	got, generated, err = sessionKeys(" ")
	if err != nil || !generated || len(got) != 1 || len(got[0]) != 32 {
		t.Fatalf("got %d keys, %v, %v, want one random key", len(got), generated, err)
	}
	if strings.Count(string(got[0]), string(got[0][:1])) == 32 {
		t.Error("got a key of one repeated byte, want a random key")
	}
}
