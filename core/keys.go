package core

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
)

// keyHelp says how to make a session key from a shell; the errors of
// [ParseSessionKeys] end with it.
const keyHelp = "generate one with: openssl rand -base64 32"

// NewSessionKey returns a new random session key of 32 bytes from
// crypto/rand, for [Config.SessionKeys]. A key made at start-up signs
// everyone out when the process restarts: in production, make one once,
// keep it secret (an environment variable or a secret store), and read it
// back with [ParseSessionKeys].
func NewSessionKey() ([]byte, error) {
	return newSessionKey(rand.Reader)
}

// newSessionKey reads a key from r; it fails rather than return fewer
// random bytes.
func newSessionKey(r io.Reader) ([]byte, error) {
	key := make([]byte, keySize)
	if _, err := io.ReadFull(r, key); err != nil {
		return nil, fmt.Errorf("%w: making a session key: %v", errRandom, err)
	}
	return key, nil
}

// EncodeSessionKey returns key in standard base64, the form
// [ParseSessionKeys] reads and `openssl rand -base64 32` prints.
func EncodeSessionKey(key []byte) string {
	return base64.StdEncoding.EncodeToString(key)
}

// ParseSessionKeys decodes a comma-separated list of session keys, each
// 32 bytes in standard or URL-safe base64, padded or not, with
// spaces around entries ignored: the form apps keep in an environment
// variable such as SESSION_KEYS. The first key seals, every key opens
// (see [Config.SessionKeys]).
//
// An error wraps [ErrInvalidConfig], names the key by position ("key 2 of
// 3") and says how to make one; it never contains the value.
func ParseSessionKeys(s string) ([][]byte, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%w: no session key given (%s)", ErrInvalidConfig, keyHelp)
	}
	parts := strings.Split(s, ",")
	keys := make([][]byte, 0, len(parts))
	for i, p := range parts {
		key, ok := decodeKey(strings.TrimSpace(p))
		if !ok {
			return nil, fmt.Errorf("%w: session key %d of %d is not %d bytes in base64 (%s)",
				ErrInvalidConfig, i+1, len(parts), keySize, keyHelp)
		}
		keys = append(keys, key)
	}
	return keys, nil
}

// decodeKey decodes one key and reports whether it is keySize bytes.
func decodeKey(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding,
	} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, len(b) == keySize
		}
	}
	return nil, false
}
