package main

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/internal/demo"
)

// startApp runs the app in demo mode, as `go run` would without
// credentials, on a loopback port, and returns its URL and a browser.
func startApp(t *testing.T) (appURL string, b *browser) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	appURL = "http://" + ts.Listener.Addr().String()
	for k, v := range map[string]string{
		"REMEMBERIZER_CLIENT_ID": "", "REMEMBERIZER_CLIENT_SECRET": "", "REMEMBERIZER_BASE_URL": "",
		"SESSION_KEYS": "", "ADDR": "", "PUBLIC_URL": appURL,
	} {
		t.Setenv(k, v)
	}
	env, err := demo.Load(io.Discard, io.Discard)
	if err != nil {
		t.Fatalf("demo.Load: %v", err)
	}
	t.Cleanup(env.Close)
	c, err := core.New(env.Config)
	if err != nil {
		t.Fatalf("core.New: %v", err)
	}
	ts.Config.Handler = newHandler(c)
	ts.Start()
	t.Cleanup(ts.Close)

	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return appURL, &browser{t: t, jar: jar, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// browser sends requests the way a browser does, with a cookie jar,
// letting tests see each redirect or follow them all.
type browser struct {
	t      *testing.T
	jar    http.CookieJar
	client *http.Client
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
// renders them.
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

func wantStatus(t *testing.T, p page, want int) {
	t.Helper()
	if p.status != want {
		t.Fatalf("got status %d from %s, want %d; body:\n%s", p.status, p.url, want, p.body)
	}
}

func wantRedirectToLogin(t *testing.T, p page) {
	t.Helper()
	wantStatus(t, p, http.StatusFound)
	if loc, want := p.header.Get("Location"), "/auth/rememberizer/login?return_to=%2Fdashboard"; loc != want {
		t.Fatalf("got Location %q, want %q", loc, want)
	}
}

func TestSignInApproveAndSignOut(t *testing.T) {
	appURL, b := startApp(t)
	ada := demo.DemoUsers[0]

	home := b.open(appURL + "/")
	wantStatus(t, home, http.StatusOK)
	if !strings.Contains(home.body, `id="signin"`) || strings.Contains(home.body, `id="signout"`) {
		t.Fatalf("signed-out home page: want the sign-in link and no sign-out button:\n%s", home.body)
	}

	first := b.open(appURL + "/dashboard")
	wantRedirectToLogin(t, first)

	consent := b.follow(first)
	wantStatus(t, consent, http.StatusOK)
	if consent.url.Path != "/api/v1/auth/oauth2/authorize/" {
		t.Fatalf("got page %s, want the fake's consent page", consent.url)
	}

	dash := b.follow(b.answerConsent(consent, "approve"))
	wantStatus(t, dash, http.StatusOK)
	if dash.url.String() != appURL+"/dashboard" {
		t.Fatalf("signed in at %s, want %s/dashboard", dash.url, appURL)
	}
	got := fields(dash.body)
	if got["user-name"] != ada.Name || got["user-email"] != ada.Email {
		t.Errorf("got dashboard for %v, want %s <%s>", got, ada.Name, ada.Email)
	}
	var mementos []string
	for _, m := range mementoInList.FindAllStringSubmatch(dash.body, -1) {
		mementos = append(mementos, html.UnescapeString(m[1]))
	}
	if want := []string{"Research notes", "Slack #design", "Inbox"}; strings.Join(mementos, "|") != strings.Join(want, "|") {
		t.Errorf("got mementos %q, want %q", mementos, want)
	}
	if strings.Contains(dash.body, `id="mementos-error"`) {
		t.Error("dashboard says the mementos could not be loaded")
	}

	home = b.open(appURL + "/")
	wantStatus(t, home, http.StatusOK)
	if !strings.Contains(home.body, "Signed in as") || fields(home.body)["user-name"] != ada.Name ||
		!strings.Contains(home.body, `id="signout"`) || strings.Contains(home.body, `id="signin"`) {
		t.Errorf("signed-in home page: want Signed in as %s and a sign-out button:\n%s", ada.Name, home.body)
	}

	me := b.send(http.MethodGet, appURL+"/api/me", nil, "", "application/json")
	wantStatus(t, me, http.StatusOK)
	var user map[string]string
	if err := json.Unmarshal([]byte(me.body), &user); err != nil {
		t.Fatalf("got /api/me %q, want JSON: %v", me.body, err)
	}
	if user["id"] != ada.ID || user["email"] != ada.Email || user["name"] != ada.Name {
		t.Errorf("got /api/me %v, want %+v", user, ada)
	}

	out := b.send(http.MethodPost, appURL+"/auth/rememberizer/logout", url.Values{}, appURL, acceptHTML)
	wantStatus(t, out, http.StatusSeeOther)
	if loc := out.header.Get("Location"); loc != "/" {
		t.Errorf("got Location %q after sign-out, want /", loc)
	}
	wantRedirectToLogin(t, b.open(appURL+"/dashboard"))
	wantStatus(t, b.send(http.MethodGet, appURL+"/api/me", nil, "", "application/json"), http.StatusUnauthorized)
}

func TestSignInDenied(t *testing.T) {
	appURL, b := startApp(t)

	home := b.open(appURL + "/")
	m := signInLink.FindStringSubmatch(home.body)
	if m == nil {
		t.Fatalf("no sign-in link on the home page:\n%s", home.body)
	}
	consent := b.follow(b.open(appURL + html.UnescapeString(m[1])))
	wantStatus(t, consent, http.StatusOK)

	end := b.follow(b.answerConsent(consent, "deny"))
	wantStatus(t, end, http.StatusForbidden)
	if end.url.Path != "/auth/rememberizer/callback" {
		t.Errorf("ended on %s, want the callback's error page", end.url)
	}
	if ct := end.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("got Content-Type %q, want an HTML page", ct)
	}
	if !strings.Contains(end.body, "Sign-in was cancelled.") || strings.Contains(end.body, "denied the request") {
		t.Errorf("got error page %q, want the fixed message and none of the provider's text", end.body)
	}

	u, _ := url.Parse(appURL)
	for _, c := range b.jar.Cookies(u) {
		if strings.Contains(c.Name, "_session") {
			t.Errorf("got cookie %s after a denied sign-in, want no session", c.Name)
		}
	}
	wantStatus(t, b.send(http.MethodGet, appURL+"/api/me", nil, "", "application/json"), http.StatusUnauthorized)
	wantRedirectToLogin(t, b.open(appURL+"/dashboard"))
}

func TestPublicRoutes(t *testing.T) {
	appURL, b := startApp(t)
	tests := []struct {
		name       string
		method     string
		path       string
		accept     string
		wantStatus int
		wantBody   string
	}{
		{"health check", http.MethodGet, "/healthz", "*/*", http.StatusOK, "ok"},
		{"API signed out", http.MethodGet, "/api/me", "application/json", http.StatusUnauthorized, `"error":"not_signed_in"`},
		{"unknown page", http.MethodGet, "/nowhere", acceptHTML, http.StatusNotFound, ""},
		{"home takes no POST", http.MethodPost, "/", acceptHTML, http.StatusMethodNotAllowed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := b.send(tt.method, appURL+tt.path, nil, "", tt.accept)
			wantStatus(t, p, tt.wantStatus)
			if !strings.Contains(p.body, tt.wantBody) {
				t.Errorf("got body %q, want it to contain %q", p.body, tt.wantBody)
			}
		})
	}
}
