package rememberizertest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
)

// SignIn signs a new browser in to the app under test as the configured
// user userID, and returns that browser: an [http.Client] with a cookie
// jar holding the app's session cookie. loginURL is the app's login
// route, e.g. appURL + "/auth/rememberizer/login", and the app must be
// configured with this server's client id, secret and URL.
//
// It walks the real flow without a browser: the app's login redirects to
// this server's authorize endpoint; SignIn approves there as userID,
// sharing every memento (as the consent page's Approve button does,
// whether or not [Config.ConsentPage] is set); the server redirects to the
// app's callback, which the client follows with its cookies. The returned
// client follows redirects like a browser. An error says which step
// failed and what the app answered; it never holds a code or state.
func (s *Server) SignIn(loginURL, userID string) (*http.Client, error) {
	if _, ok := s.user(userID); !ok {
		return nil, fmt.Errorf("rememberizertest: SignIn: unknown user %q (configured users are set in Config.Users)", userID)
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	// A transport of its own: httptest servers closing in parallel tests
	// close the idle connections of http.DefaultTransport, which can break
	// a request picking one up at that moment.
	tr := ownTransport()
	step := &http.Client{Jar: jar, Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}

	// 1. The app's login route sends the browser here.
	authorize, err := redirectOf(step, http.MethodGet, loginURL, nil, "the app's login route")
	if err != nil {
		return nil, err
	}
	if authorize.Scheme+"://"+authorize.Host+authorize.Path != s.AuthorizeURL() {
		return nil, fmt.Errorf("rememberizertest: SignIn: the app's login route redirected to %s, want this server's %s: is the app configured with this server's URL?",
			authorize.Scheme+"://"+authorize.Host+authorize.Path, s.AuthorizeURL())
	}

	// 2. Approve as userID, sharing every memento.
	form := authorize.Query()
	form.Set("action", "approve")
	form.Set("user", userID)
	for _, m := range s.cfg.Mementos {
		form.Add("memento", strconv.Itoa(m.ID))
	}
	callback, err := redirectOf(step, http.MethodPost, s.AuthorizeURL(), form, "approving on the fake Rememberizer")
	if err != nil {
		return nil, err
	}
	if callback.Query().Get("code") == "" {
		return nil, fmt.Errorf("rememberizertest: SignIn: the fake Rememberizer refused the sign-in (error %q)", callback.Query().Get("error"))
	}

	// 3. The app's callback signs the browser in.
	if _, err := redirectOf(step, http.MethodGet, callback.String(), nil, "the app's callback"); err != nil {
		return nil, err
	}
	return &http.Client{Jar: jar, Transport: tr}, nil
}

// ownTransport is a copy of http.DefaultTransport, or nil (the default
// itself) when that is not an *http.Transport.
func ownTransport() http.RoundTripper {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		return t.Clone()
	}
	return nil
}

// redirectOf sends one request and returns where its 3xx answer points.
func redirectOf(hc *http.Client, method, target string, form url.Values, what string) (*url.URL, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		return nil, fmt.Errorf("rememberizertest: SignIn: %s: %w", what, err)
	}
	req.Header.Set("Accept", "text/html")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("rememberizertest: SignIn: %s: %w", what, stripQuery(err))
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	if resp.StatusCode < 300 || resp.StatusCode > 399 {
		return nil, fmt.Errorf("rememberizertest: SignIn: %s answered %d, want a redirect; body starts %q",
			what, resp.StatusCode, snippet)
	}
	loc, err := resp.Location()
	if err != nil {
		return nil, fmt.Errorf("rememberizertest: SignIn: %s answered %d without a usable Location", what, resp.StatusCode)
	}
	return loc, nil
}

// stripQuery drops the URL of a *url.Error, which may carry a code.
func stripQuery(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
