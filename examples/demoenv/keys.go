package demoenv

import (
	"fmt"
	"strings"

	"github.com/rzauth/rememberizer-go/core"
)

// sessionKeys returns the keys in SESSION_KEYS's value, or, when it is
// empty, one random key for this process, reporting that it made one.
func sessionKeys(raw string) (keys [][]byte, generated bool, err error) {
	if strings.TrimSpace(raw) != "" {
		keys, err := core.ParseSessionKeys(raw)
		if err != nil {
			return nil, false, fmt.Errorf("SESSION_KEYS: %w", err)
		}
		return keys, false, nil
	}
	key, err := core.NewSessionKey()
	if err != nil {
		return nil, false, err
	}
	return [][]byte{key}, true, nil
}
