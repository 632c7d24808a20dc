package demopages

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

func TestPages(t *testing.T) {
	t.Parallel()
	ada := core.User{ID: "1", Email: "ada@example.com", Name: "Ada <Lovelace>"}
	mementos := []rememberizer.Memento{{ID: "1", Name: "Research notes"}, {ID: "2", Name: "Slack #design"}}
	hit := SearchHit{Document: "<b>Plan</b>", Source: "Slack", Content: `say "<script>alert(1)</script>"`}
	tests := []struct {
		name    string
		render  func(*bytes.Buffer) error
		want    []string
		notWant []string
	}{
		{
			name:    "home signed out",
			render:  func(b *bytes.Buffer) error { return Home(b, nil) },
			want:    []string{`id="signin" href="/auth/rememberizer/login?return_to=/dashboard"`, "Sign in with Rememberizer", `href="/dashboard"`},
			notWant: []string{`id="signout"`, "Signed in as"},
		},
		{
			name:    "home signed in",
			render:  func(b *bytes.Buffer) error { return Home(b, &ada) },
			want:    []string{"Signed in as", `id="user-name">Ada &lt;Lovelace&gt;<`, `href="/dashboard"`, `<form method="post" action="/auth/rememberizer/logout?return_to=%2F%3Fsigned_out%3D1"><button id="signout"`},
			notWant: []string{`id="signin"`, "<Lovelace>"},
		},
		{
			name:   "home signed in without a name",
			render: func(b *bytes.Buffer) error { return Home(b, &core.User{ID: "3", Email: "nameless@example.com"}) },
			want:   []string{`id="user-name">nameless@example.com<`},
		},
		{
			name:    "dashboard",
			render:  func(b *bytes.Buffer) error { return Dashboard(b, ada, mementos, nil) },
			want:    []string{`id="user-name">Ada &lt;Lovelace&gt;<`, `id="user-email">ada@example.com<`, "<li>Research notes</li>", "<li>Slack #design</li>", `id="signout"`},
			notWant: []string{`id="mementos-error"`},
		},
		{
			name:   "dashboard without mementos",
			render: func(b *bytes.Buffer) error { return Dashboard(b, ada, nil, nil) },
			want:   []string{`id="no-mementos"`},
		},
		{
			name:    "dashboard when the API failed",
			render:  func(b *bytes.Buffer) error { return Dashboard(b, ada, nil, errors.New("secret detail from upstream")) },
			want:    []string{`id="mementos-error"`, `id="user-email">ada@example.com<`},
			notWant: []string{"secret detail", `id="mementos"`},
		},
		{
			name:    "search hits",
			render:  func(b *bytes.Buffer) error { return SearchPage(b, ada, "plan <x>", []SearchHit{hit}, nil) },
			want:    []string{`<strong class="hit-document">&lt;b&gt;Plan&lt;/b&gt;</strong>`, `hit-source">Slack<`, `&lt;script&gt;`, `value="plan &lt;x&gt;"`, `id="memorize-form"`},
			notWant: []string{"<script>", `id="no-hits"`, `id="search-error"`},
		},
		{
			name:    "search without hits",
			render:  func(b *bytes.Buffer) error { return SearchPage(b, ada, "zebra", nil, nil) },
			want:    []string{`id="no-hits"`},
			notWant: []string{`id="hits"`},
		},
		{
			name:    "search without a query",
			render:  func(b *bytes.Buffer) error { return SearchPage(b, ada, "", nil, nil) },
			want:    []string{`id="search-form"`},
			notWant: []string{`id="no-hits"`, `id="search-error"`},
		},
		{
			name: "search when the API failed",
			render: func(b *bytes.Buffer) error {
				return SearchPage(b, ada, "plan", nil, errors.New("rememberizer: upstream secret"))
			},
			want:    []string{`id="search-error"`, "not available"},
			notWant: []string{"upstream secret", `id="no-hits"`},
		},
		{
			name:   "search query too long",
			render: func(b *bytes.Buffer) error { return SearchPage(b, ada, "plan", nil, errBadInput) },
			want:   []string{`id="search-error"`, "too long"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatalf("render: %v", err)
			}
			body := b.String()
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q:\n%s", s, body)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(body, s) {
					t.Errorf("page has %q, want it absent", s)
				}
			}
		})
	}
}

func TestMe(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Me(&b, core.User{ID: "42", Email: "ada@example.com", Name: "Ada"}); err != nil {
		t.Fatalf("Me: %v", err)
	}
	var got map[string]string
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("got %q, want JSON: %v", b.String(), err)
	}
	want := map[string]string{"id": "42", "email": "ada@example.com", "name": "Ada"}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("got %s %q, want %q", k, got[k], v)
		}
	}
}

func TestHeaders(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	HTMLHeaders(h.Set)
	for name, want := range map[string]string{
		"Content-Type":           "text/html; charset=utf-8",
		"Cache-Control":          "no-store",
		"X-Content-Type-Options": "nosniff",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("HTMLHeaders: got %s %q, want %q", name, got, want)
		}
	}
	if h.Get("Content-Security-Policy") == "" {
		t.Error("HTMLHeaders: got no Content-Security-Policy, want one")
	}
	h = http.Header{}
	JSONHeaders(h.Set)
	if got := h.Get("Content-Type"); got != "application/json" {
		t.Errorf("JSONHeaders: got Content-Type %q, want application/json", got)
	}
}

// TestNoticesAndPlainPages: the notices after signing out and saving a
// note, the search page's single heading, the 404 page in the demo's
// look, and the page for a sign-in the visitor cancelled.
func TestNoticesAndPlainPages(t *testing.T) {
	t.Parallel()
	query := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	if got := Notice(query("signed_out", "1")); got != "You are signed out." {
		t.Errorf("signed_out=1: got %q", got)
	}
	if got := Notice(query("saved", "1")); !strings.HasPrefix(got, "Saved.") {
		t.Errorf("saved=1: got %q", got)
	}
	if got := Notice(query("saved", "<b>")); got != "" {
		t.Errorf("saved=<b>: got %q, want no notice", got)
	}
	var b strings.Builder
	if err := Home(&b, nil, Notice(query("signed_out", "1"))); err != nil || !strings.Contains(b.String(), `<p class="notice" id="notice">You are signed out.</p>`) {
		t.Errorf("home after sign-out: %v, %q", err, b.String())
	}
	b.Reset()
	user := core.User{ID: "1", Name: "Ada"}
	if err := SearchPage(&b, user, "zebra", nil, nil, Notice(query("saved", "1"))); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "Search your knowledge"); n != 1 || !strings.Contains(b.String(), `id="notice">Saved.`) {
		t.Errorf("search page: heading %d times, want once, and Saved.: %q", n, b.String())
	}
	b.Reset()
	if err := NotFound(&b); err != nil || !strings.Contains(b.String(), "Page not found") || !strings.Contains(b.String(), "Rememberizer demo") {
		t.Errorf("404 page: %v, %q", err, b.String())
	}
	b.Reset()
	p := core.ErrorPage{Status: 403, Title: "You chose not to sign in", Message: "Sign-in was cancelled.", HomeURL: "/", RetryURL: "/auth/rememberizer/login"}
	if err := ErrorPage(&b, p); err != nil || !strings.Contains(b.String(), `id="retry" href="/auth/rememberizer/login">Try again</a>`) || strings.Contains(b.String(), "Error 403") {
		t.Errorf("cancel page: %v, %q", err, b.String())
	}
}
