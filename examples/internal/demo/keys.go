package demo

import (
	"fmt"
	"io"
	"strings"

	"github.com/rzauth/rememberizer-go/core"
)

// sessionKeys returns the keys in SESSION_KEYS's value, or, when it is
// empty, one random key for this process after a warning on stderr.
func sessionKeys(raw string, stderr io.Writer) ([][]byte, error) {
	if strings.TrimSpace(raw) != "" {
		keys, err := core.ParseSessionKeys(raw)
		if err != nil {
			return nil, fmt.Errorf("SESSION_KEYS: %w", err)
		}
		return keys, nil
	}
	key, err := core.NewSessionKey()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "warning: SESSION_KEYS is not set, so this process uses a random session key and everyone is signed out when it restarts; in production set SESSION_KEYS (%s)\n", core.KeyHelp)
	return [][]byte{key}, nil
}
