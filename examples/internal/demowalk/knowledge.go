package demowalk

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// hitInList matches one search hit on the search page.
var hitInList = regexp.MustCompile(`<strong class="hit-document">([^<]*)</strong> <span class="muted hit-source">([^<]*)</span><br><span class="hit-content">([^<]*)</span>`)

// hit is one search hit as the page shows it.
type hit struct{ document, source, content string }

// hits returns the search hits of a page.
func hits(body string) []hit {
	var out []hit
	for _, m := range hitInList.FindAllStringSubmatch(body, -1) {
		out = append(out, hit{html.UnescapeString(m[1]), html.UnescapeString(m[2]), html.UnescapeString(m[3])})
	}
	return out
}

// searchFor opens the search page for q and returns it.
func (b *browser) searchFor(t *testing.T, appURL, q string) page {
	t.Helper()
	p := b.open(appURL + "/search?" + url.Values{"q": {q}}.Encode())
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.body, `id="search-error"`) {
		t.Fatalf("search for %q failed:\n%s", q, p.body)
	}
	return p
}

// searchAndMemorize walks the dashboard's "Search your knowledge" and
// "Remember this" forms as a signed-in user: a search finds the fake's
// documents, a note posted from the app's own page is found by the next
// search, and a note posted by another site is refused and stored nowhere.
func searchAndMemorize(t *testing.T, appURL string, b *browser, dashboard page) {
	t.Helper()
	for _, id := range []string{`id="search-form"`, `id="memorize-form"`, `action="/memorize"`} {
		if !strings.Contains(dashboard.body, id) {
			t.Fatalf("dashboard has no %s:\n%s", id, dashboard.body)
		}
	}

	got := hits(b.searchFor(t, appURL, "roadmap").body)
	if len(got) == 0 || got[0].document != "Product roadmap 2026" || got[0].source != "Google Drive" || !strings.Contains(got[0].content, "roadmap") {
		t.Errorf("search for roadmap: got %+v, want the roadmap from Google Drive first", got)
	}
	if p := b.searchFor(t, appURL, "zebra crossing"); !strings.Contains(p.body, `id="no-hits"`) {
		t.Errorf("search for zebra crossing before memorizing: want no hits:\n%s", p.body)
	}
	if p := b.searchFor(t, appURL, ""); strings.Contains(p.body, `id="no-hits"`) || len(hits(p.body)) != 0 {
		t.Errorf("empty search: want the forms only:\n%s", p.body)
	}

	// Another site's form is refused and stores nothing.
	evil := b.send(http.MethodPost, appURL+"/memorize", url.Values{"name": {"Planted"}, "content": {"zebra crossing planted"}}, "https://evil.example", acceptHTML)
	wantStatus(t, evil, http.StatusForbidden)
	// A note without content is refused.
	wantStatus(t, b.send(http.MethodPost, appURL+"/memorize", url.Values{"name": {"Empty"}, "content": {" "}}, appURL, acceptHTML), http.StatusBadRequest)

	note := url.Values{"name": {"Zebra notes"}, "content": {"The zebra crossing outside the office is being repainted on Monday."}}
	posted := b.send(http.MethodPost, appURL+"/memorize", note, appURL, acceptHTML)
	wantStatus(t, posted, http.StatusSeeOther)
	if loc := posted.header.Get("Location"); loc != "/search?q=Zebra+notes&saved=1" {
		t.Errorf("got Location %q after memorizing, want /search?q=Zebra+notes&saved=1", loc)
	}
	landed := b.follow(posted)
	wantStatus(t, landed, http.StatusOK)
	if !strings.Contains(landed.body, `<p class="notice" id="notice">Saved.`) {
		t.Errorf("after memorizing: the page does not say Saved.:\n%s", landed.body)
	}
	if n := strings.Count(landed.body, "Search your knowledge"); n != 1 {
		t.Errorf("search page: heading shown %d times, want once", n)
	}
	if got := hits(landed.body); len(got) == 0 || got[0].document != "Zebra notes" || got[0].source != "Memory" {
		t.Errorf("after memorizing: got %+v, want the note first", got)
	}

	got = hits(b.searchFor(t, appURL, "zebra crossing").body)
	if len(got) != 1 || got[0].document != "Zebra notes" || !strings.Contains(got[0].content, "repainted on Monday") {
		t.Errorf("search for zebra crossing after memorizing: got %+v, want the note only (not the refused one)", got)
	}
}
