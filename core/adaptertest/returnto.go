package adaptertest

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/rzauth/rememberizer-go/internal/securityvectors"
)

// testReturnToVectors runs every return-to vector of the security
// specification, raw and once unescaped, plus the generated variants,
// through a whole sign-in, and reads where the callback sends the browser.
func testReturnToVectors(t *testing.T, e *Env) {
	rejected := map[string]bool{}
	for _, v := range securityvectors.ReturnToRejected {
		rejected[v] = true
		if u, err := url.QueryUnescape(v); err == nil {
			rejected[u] = true
		}
	}
	for _, v := range securityvectors.ReturnToVariants() {
		rejected[v] = true
	}
	for _, v := range securityvectors.ReturnToKept {
		delete(rejected, v) // "/" itself, once unescaped, is kept
	}
	b := e.NewBrowser()
	for v := range rejected {
		if r := b.SignIn(v); r.Status != http.StatusSeeOther || r.Location() != "/" {
			t.Errorf("return_to %q: got %d %q, want 303 /", v, r.Status, r.Location())
		}
	}
	for _, v := range securityvectors.ReturnToKept {
		if r := b.SignIn(v); r.Status != http.StatusSeeOther || r.Location() != v {
			t.Errorf("return_to %q: got %d %q, want 303 with it unchanged", v, r.Status, r.Location())
		}
	}
	t.Logf("%d unsafe and %d safe return-to values, each through a whole sign-in", len(rejected), len(securityvectors.ReturnToKept))
}
