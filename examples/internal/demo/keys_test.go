package demo

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
	var stderr bytes.Buffer
	got, err := sessionKeys(base64.StdEncoding.EncodeToString(k), &stderr)
	if err != nil || len(got) != 1 || !bytes.Equal(got[0], k) || stderr.Len() != 0 {
		t.Errorf("got %x, %v, stderr %q, want the key and no warning", got, err, stderr.String())
	}
	short := base64.StdEncoding.EncodeToString(k[:10])
	if _, err := sessionKeys(short, &stderr); err == nil ||
		!strings.HasPrefix(err.Error(), "SESSION_KEYS: ") || !strings.Contains(err.Error(), "key 1 of 1") || strings.Contains(err.Error(), short) {
		t.Errorf("got error %v, want one naming SESSION_KEYS and key 1 of 1, without the key", err)
	}
	got, err = sessionKeys("", &stderr)
	if err != nil || len(got) != 1 || len(got[0]) != 32 {
		t.Fatalf("got %d keys, %v, want one random key", len(got), err)
	}
	if !strings.Contains(stderr.String(), "openssl rand -base64 32") {
		t.Errorf("got stderr %q, want a warning with the command to make a key", stderr.String())
	}
}
