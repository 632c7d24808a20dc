package demowalk

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// browser sends requests the way a browser does, with a cookie jar,
// letting tests see each redirect or follow them all.
type browser struct {
	t      *testing.T
	jar    http.CookieJar
	client *http.Client
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, jar: jar, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// page is one answer, its body read.
type page struct {
	status int
	url    *url.URL // the URL that gave this answer
	header http.Header
	body   string
}

// send makes one request; a non-nil form is posted from origin.
func (b *browser) send(method, target string, form url.Values, origin, accept string) page {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Accept", accept)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatalf("%s %s: reading body: %v", method, target, err)
	}
	return page{status: resp.StatusCode, url: req.URL, header: resp.Header, body: string(data)}
}

const acceptHTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

// open navigates to target without following redirects.
func (b *browser) open(target string) page {
	b.t.Helper()
	return b.send(http.MethodGet, target, nil, "", acceptHTML)
}

// follow follows p's redirects, as GET navigations, to the page they end on.
func (b *browser) follow(p page) page {
	b.t.Helper()
	for hops := 0; p.status >= 300 && p.status < 400; hops++ {
		if hops == 10 {
			b.t.Fatalf("more than 10 redirects, last at %s", p.url)
		}
		loc, err := p.url.Parse(p.header.Get("Location"))
		if err != nil || p.header.Get("Location") == "" {
			b.t.Fatalf("%d from %s with bad Location %q", p.status, p.url, p.header.Get("Location"))
		}
		p = b.open(loc.String())
	}
	return p
}

// Field patterns of rememberizertest's consent form, as its template
// renders them, and of the demo pages.
var (
	hiddenField   = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
	selectedUser  = regexp.MustCompile(`<option value="([^"]*)" selected>`)
	checkedBox    = regexp.MustCompile(`<input type="checkbox" name="([^"]*)" value="([^"]*)" checked>`)
	signInLink    = regexp.MustCompile(`id="signin" href="([^"]*)"`)
	elementByID   = regexp.MustCompile(`id="(user-name|user-email)">([^<]*)<`)
	mementoInList = regexp.MustCompile(`<li>([^<]*)</li>`)
)

// answerConsent submits the consent page p with the button action, sending
// what the browser would: hidden fields, the selected user and the ticked
// mementos. The form has no action attribute, so it posts to the page's
// own URL.
func (b *browser) answerConsent(p page, action string) page {
	b.t.Helper()
	if !strings.Contains(p.body, `id="approve"`) || !strings.Contains(p.body, `id="deny"`) {
		b.t.Fatalf("got a page from %s without Approve and Deny buttons:\n%s", p.url, p.body)
	}
	form := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(p.body, -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	if m := selectedUser.FindStringSubmatch(p.body); m != nil {
		form.Set("user", html.UnescapeString(m[1]))
	}
	for _, m := range checkedBox.FindAllStringSubmatch(p.body, -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	form.Set("action", action)
	origin := p.url.Scheme + "://" + p.url.Host
	return b.send(http.MethodPost, p.url.String(), form, origin, acceptHTML)
}

// fields returns the user-name and user-email elements of a page.
func fields(body string) map[string]string {
	got := map[string]string{}
	for _, m := range elementByID.FindAllStringSubmatch(body, -1) {
		got[m[1]] = html.UnescapeString(m[2])
	}
	return got
}
