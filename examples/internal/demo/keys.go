package demo

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"github.com/rzauth/rememberizer-go/core"
)

// keyHelp says how to make a session key.
const keyHelp = "generate one with: openssl rand -base64 32"

// sessionKeys returns the keys in SESSION_KEYS's value, or, when it is
// empty, one random key for this process after a warning on stderr.
func sessionKeys(raw string, stderr io.Writer) ([][]byte, error) {
	if strings.TrimSpace(raw) != "" {
		return parseSessionKeys(raw)
	}
	key := make([]byte, core.KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("making a session key: %w", err)
	}
	fmt.Fprintf(stderr, "warning: SESSION_KEYS is not set, so this process uses a random session key and everyone is signed out when it restarts; in production set SESSION_KEYS (%s)\n", keyHelp)
	return [][]byte{key}, nil
}

// parseSessionKeys decodes comma-separated keys in standard or URL-safe
// base64, padded or not. Errors name the key by position and never
// contain it.
func parseSessionKeys(raw string) ([][]byte, error) {
	parts := strings.Split(raw, ",")
	keys := make([][]byte, 0, len(parts))
	for i, p := range parts {
		key, ok := decodeKey(strings.TrimSpace(p))
		if !ok {
			return nil, fmt.Errorf("SESSION_KEYS: key %d of %d is not %d bytes in base64 (%s)", i+1, len(parts), core.KeySize, keyHelp)
		}
		keys = append(keys, key)
	}
	return keys, nil
}

// decodeKey decodes one key and reports whether it is KeySize bytes.
func decodeKey(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding,
	} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, len(b) == core.KeySize
		}
	}
	return nil, false
}
