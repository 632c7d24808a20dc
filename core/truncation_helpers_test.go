package core

import (
	"fmt"
	"testing"
)

// wantEveryTruncationRejected fails the test for each proper prefix of
// valid that decode accepts; describe shows what it decoded.
func wantEveryTruncationRejected[T any](t *testing.T, valid []byte, decode func([]byte) (T, error), describe func(T) string) {
	t.Helper()
	for n := 0; n < len(valid); n++ {
		if got, err := decode(valid[:n]); err == nil {
			t.Errorf("first %d of %d bytes: got %s, nil error, want an error", n, len(valid), describe(got))
		}
	}
}

// describeCount shows a decoded list of pending logins by its length.
func describeCount(l []pendingLogin) string { return fmt.Sprintf("%d entries", len(l)) }
