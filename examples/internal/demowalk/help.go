package demowalk

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// helpCenter walks the help center page, which searches the demo's vector
// store with the store's API key: signed out it sends to sign in; signed
// in it names the store, answers a question from the store's articles,
// and says when nothing answers.
func helpCenter(t *testing.T, appURL string, b *browser) {
	t.Helper()
	signedOut := b.open(appURL + "/help")
	if loc := signedOut.header.Get("Location"); signedOut.status/100 != 3 || loc != "/auth/rememberizer/login?return_to=%2Fhelp" {
		t.Fatalf("signed-out help center: got %d to %q, want a redirect to sign in", signedOut.status, loc)
	}
	first := b.open(appURL + "/dashboard")
	wantRedirectToLogin(t, first)
	consent := b.follow(first)
	wantStatus(t, consent, http.StatusOK)
	dash := b.follow(b.answerConsent(consent, "approve"))
	wantStatus(t, dash, http.StatusOK)
	if !strings.Contains(dash.body, `id="help-link" href="/help"`) {
		t.Errorf("dashboard has no link to the help center:\n%s", dash.body)
	}

	ask := func(q string) page {
		t.Helper()
		p := b.open(appURL + "/help?" + url.Values{"q": {q}}.Encode())
		wantStatus(t, p, http.StatusOK)
		if strings.Contains(p.body, `id="help-error"`) || strings.Contains(p.body, `id="help-missing"`) {
			t.Fatalf("help center for %q failed:\n%s", q, p.body)
		}
		return p
	}
	if p := ask(""); !strings.Contains(p.body, `id="help-store"`) || !strings.Contains(p.body, "<strong>Help center</strong>") || len(hits(p.body)) != 0 {
		t.Errorf("help center without a question: want the store's name and no answers:\n%s", p.body)
	}
	got := hits(ask("when are refunds paid").body)
	if len(got) == 0 || got[0].document != "Refunds" || got[0].source != "Help center" || !strings.Contains(got[0].content, "five working days") {
		t.Errorf("asking about refunds: got %+v, want the Refunds article first", got)
	}
	if p := ask("zebra crossing"); !strings.Contains(p.body, `id="no-answers"`) {
		t.Errorf("asking about zebras: want no answers:\n%s", p.body)
	}
}
