package core

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html/template"
	"io"
)

// ErrorPage is what an error answer shows: [Config.ErrorPage] renders it
// as HTML, and an adapter's ErrorHandler gets it from [ErrorPageFor].
// Every field is fixed text chosen by core: nothing the request or
// Rememberizer sent is in it, so a page may show all of it.
type ErrorPage struct {
	// Status is the HTTP status of the answer: 401 when signed out, 400
	// for a bad sign-in, 502 or 503 when Rememberizer or a store cannot be
	// reached, 500 for an error of ours.
	Status int
	// Title is a short heading: "Sign-in problem", or "Sign-out problem"
	// on the logout route.
	Title string
	// Message is a fixed sentence for the visitor.
	Message string
	// Slug is the error's stable name, such as "login_expired" or, for a
	// [*ProviderError], its OAuth error code; JSON answers carry it.
	Slug string
	// HomeURL is where the page's link back goes: "/".
	HomeURL string
	// RetryURL, when set, is where a "Try again" link goes: the login
	// route, on the page for a sign-in the visitor chose to cancel at
	// Rememberizer. That page is no error of anyone's, and shows no
	// status.
	RetryURL string
}

// ErrorPageFor describes err as core's own error answer does: the status,
// stable slug and fixed message of the one table that maps errors, so an
// app's ErrorHandler can answer in its own style and still never echo
// what the request or Rememberizer sent.
func ErrorPageFor(err error) ErrorPage {
	r := lookupError(err)
	p := ErrorPage{Status: r.status, Title: "Sign-in problem", Message: r.message, Slug: r.slug, HomeURL: "/"}
	if cancelled(err) {
		p.Title = "You chose not to sign in"
	}
	return p
}

// cancelled reports whether err is a sign-in the visitor cancelled at
// Rememberizer (access_denied at the callback): their own choice.
func cancelled(err error) bool {
	var pe *ProviderError
	return errors.As(err, &pe) && pe.Code == "access_denied" && pe.Stage == "callback"
}

// errorPageStyle is the default page's only styling. It is inline, and
// the page's Content-Security-Policy allows it by hash, so the page needs
// no external asset and no 'unsafe-inline'.
const errorPageStyle = `body{margin:0;padding:3rem 1rem;background:#f6f7f9;color:#1f2328;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}` +
	`main{max-width:32rem;margin:0 auto;background:#fff;border:1px solid #d8dee4;border-radius:12px;padding:1.5rem 2rem}` +
	`h1{font-size:1.4rem;margin:0 0 .75rem}p{margin:.5rem 0}.status{color:#59636e;font-size:.9rem}` +
	`a{color:#0b57d0;font-weight:600}`

// errorPageCSP is the Content-Security-Policy of the default error page:
// nothing may load, and only its own style applies.
var errorPageCSP = "default-src 'none'; style-src 'sha256-" + styleHash(errorPageStyle) +
	"'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func styleHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

var errorPageTemplate = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>` + errorPageStyle + `</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p id="message">{{.Message}}</p>
{{if .RetryURL}}<p><a id="retry" href="{{.RetryURL}}">Try again</a> · <a href="{{.HomeURL}}">Back to the start page</a></p>
{{else}}<p class="status">Error {{.Status}}</p>
<p><a href="{{.HomeURL}}">Back to the start page</a></p>
{{end}}
</main>
</body>
</html>
`))

// DefaultErrorPage writes the library's HTML error page for p: a heading,
// the message and a link back to the start page, with a small inline
// style and no script or external asset. Core's error answers show it
// unless [Config.ErrorPage] is set; a custom page may call it as a
// fallback.
func DefaultErrorPage(w io.Writer, p ErrorPage) error {
	return errorPageTemplate.Execute(w, p)
}
