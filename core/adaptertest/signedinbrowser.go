package adaptertest

import "testing"

// signedInBrowser returns a new browser that has signed in, approving on
// the fake's consent page; a failed sign-in fails the test.
func (e *Env) signedInBrowser() *Browser {
	e.T.Helper()
	b := e.NewBrowser()
	b.MustSignIn()
	return b
}

// wantFakeCount stops the test unless the fake's counter called name
// reads want.
func wantFakeCount(t *testing.T, name string, got, want int) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: got %d, want %d", name, got, want)
	}
}
