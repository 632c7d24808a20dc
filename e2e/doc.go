// Package e2e holds the library's end-to-end tests in a real browser.
//
// The tests start headless Chromium through the Chrome DevTools Protocol
// (github.com/chromedp/chromedp) and walk the whole "Sign in with
// Rememberizer" flow the way a person does: open a protected page, land on
// the consent page of a fake Rememberizer (package rememberizertest), click
// Approve or Deny, and come back to the app.
//
// The sign-in, sign-out and deny scenarios run against the nethttp example
// program itself. The test builds it with go build ./examples/nethttp
// (go from PATH, else from runtime.GOROOT) and runs it in demo mode on a
// free loopback port, with ADDR, PUBLIC_URL, REMEMBERIZER_CLIENT_ID,
// REMEMBERIZER_CLIENT_SECRET, REMEMBERIZER_BASE_URL, SESSION_KEYS and
// REDIS_URL overridden. The program starts its own fake Rememberizer; the
// test reads the fake's URL from the demo-mode line on the program's
// stdout, waits for GET /healthz to answer 200, and stops the program with
// SIGTERM when it ends (killing it if it has not exited within 15 seconds).
// After sign-in the dashboard must list the mementos it fetched from the
// fake's API through the library's API client.
// The same sign-in, sign-out, deny and 404 checks run on the Fiber v3 and
// Echo v5 builds of the demo (examples/fiber3, examples/echo), started the
// same way.
//
// The app and the fake run on different sites, the app on
// http://localhost:PORT and the fake on http://127.0.0.1:PORT, so the
// browser applies its real cross-site cookie rules to the redirect back
// from the consent page. A control run serves the pending-login cookie with
// SameSite=Strict and checks that sign-in then fails, which shows that the
// tests would catch a regression of SECURITY.md S13 (SameSite=Lax). That
// control needs to rewrite the app's responses, so it runs against a
// minimal app built in the test from core and nethttp, next to an
// unmodified instance of the same app that must sign in.
//
// Chromium is looked for at /usr/bin/chromium and on PATH as chromium,
// chromium-browser or google-chrome. Without one the tests are skipped,
// except when the CI environment variable is set, where they fail. On
// Debian or Ubuntu, apt-get install -y chromium installs it.
//
// e2e is a module of its own (github.com/rzauth/rememberizer-go/e2e, with
// the library replaced by the parent directory), so chromedp never reaches
// the library's go.mod. Run the tests from this directory with:
//
//	go test -race -count=1 ./...
//
// Screenshots are taken of the demo's home page (signed out and signed
// in), the fake's consent page, the dashboard, the demo's error pages
// (after Deny, for a sign-out link, and its 404 page), its signed-out
// notice and the library's default error page (from the minimal app); of
// the Fiber v3 and Echo builds, the 404 page, the signed-out notice and the
// page after Deny, named after the app. They are written to the test's
// temporary directory, whose path is logged. Set E2E_ARTIFACTS_DIR to a directory to keep a copy of them after
// the run, for example as CI artifacts.
package e2e
