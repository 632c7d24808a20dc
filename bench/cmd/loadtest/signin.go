package main

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
)

// The fields of the fake Rememberizer's consent form that a browser sends.
var (
	hiddenInput  = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
	selectedUser = regexp.MustCompile(`<option value="([^"]*)" selected>`)
	checkedBox   = regexp.MustCompile(`<input type="checkbox" name="([^"]*)" value="([^"]*)" checked>`)
)

// signIn signs in to the example app at appURL, in demo mode, the way a
// person does: login, the fake's consent page, Approve, callback. It
// returns the session cookie as a Cookie header value.
func signIn(appURL string) (string, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return "", err
	}
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	get := func(target string) (*http.Response, string, error) {
		req, err := http.NewRequest("GET", target, nil)
		if err != nil {
			return nil, "", err
		}
		req.Header.Set("Accept", "text/html")
		return do(hc, req)
	}

	login, _, err := get(appURL + "/auth/rememberizer/login?return_to=/api/me")
	if err != nil {
		return "", err
	}
	if login.StatusCode != http.StatusFound {
		return "", fmt.Errorf("login: got %d, want 302", login.StatusCode)
	}
	consentURL, err := url.Parse(login.Header.Get("Location"))
	if err != nil {
		return "", fmt.Errorf("login redirect: %w", err)
	}
	consent, page, err := get(consentURL.String())
	if err != nil {
		return "", err
	}
	if consent.StatusCode != http.StatusOK || !strings.Contains(page, `value="approve"`) {
		return "", fmt.Errorf("consent page: got %d without an Approve button", consent.StatusCode)
	}

	form := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(page, -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	if m := selectedUser.FindStringSubmatch(page); m != nil {
		form.Set("user", html.UnescapeString(m[1]))
	}
	for _, m := range checkedBox.FindAllStringSubmatch(page, -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	form.Set("action", "approve")
	post, err := http.NewRequest("POST", consentURL.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	post.Header.Set("Origin", consentURL.Scheme+"://"+consentURL.Host)
	approved, _, err := do(hc, post)
	if err != nil {
		return "", err
	}
	if approved.StatusCode/100 != 3 {
		return "", fmt.Errorf("approve: got %d, want a redirect to the callback", approved.StatusCode)
	}

	done, _, err := get(approved.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	if done.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("callback: got %d, want 303", done.StatusCode)
	}
	for _, c := range done.Cookies() {
		if strings.HasSuffix(c.Name, "_session") && c.MaxAge >= 0 {
			return c.Name + "=" + c.Value, nil
		}
	}
	return "", fmt.Errorf("callback set no session cookie")
}

func do(hc *http.Client, req *http.Request) (*http.Response, string, error) {
	resp, err := hc.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, string(body), err
}
