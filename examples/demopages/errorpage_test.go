package demopages

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
)

func TestErrorPage(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	err := ErrorPage(&b, core.ErrorPage{Status: 403, Title: "Sign-in problem", Message: "Sign-in was <cancelled>.", Slug: "access_denied", HomeURL: "/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<title>Sign-in problem · Rememberizer demo</title>", // the demo's layout
		`<header><a href="/">Rememberizer demo</a>`,
		`<h1 id="error-title">Sign-in problem</h1>`,
		`<p class="notice" id="error-message">Sign-in was &lt;cancelled&gt;.</p>`,
		"Error 403<",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("page lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "access_denied") {
		t.Errorf("page shows the error code:\n%s", b.String())
	}
}
