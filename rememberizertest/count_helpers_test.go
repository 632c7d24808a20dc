package rememberizertest

import "testing"

// wantCount fails the test unless the counter called name reads want.
func wantCount(t *testing.T, name string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %d, want %d", name, got, want)
	}
}
