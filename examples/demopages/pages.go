package demopages

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io"
	"strings"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

//go:embed templates/*.html
var templateFiles embed.FS

var templates = template.Must(template.ParseFS(templateFiles, "templates/*.html"))

// contentSecurityPolicy allows the pages' inline style and nothing else
// from anywhere, and forms that post to this app only.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// HTMLHeaders sets the headers of an HTML page with set, which may be
// http.Header.Set, gin.Context.Header or fiber.Ctx.Set. Pages show who is
// signed in, so no cache keeps them.
func HTMLHeaders(set func(name, value string)) {
	set("Content-Type", "text/html; charset=utf-8")
	commonHeaders(set)
	set("Content-Security-Policy", contentSecurityPolicy)
	set("X-Frame-Options", "DENY")
	set("Referrer-Policy", "same-origin")
}

// JSONHeaders sets the headers of a JSON answer with set, like
// [HTMLHeaders].
func JSONHeaders(set func(name, value string)) {
	set("Content-Type", "application/json")
	commonHeaders(set)
}

func commonHeaders(set func(name, value string)) {
	set("Cache-Control", "no-store")
	set("X-Content-Type-Options", "nosniff")
}

// page is what the templates show.
type page struct {
	Title          string
	User           *core.User
	Name           string
	Mementos       []rememberizer.Memento
	MementosFailed bool
	Notice         string
}

// Home writes the public start page: a "Sign in with Rememberizer" link
// when user is nil, else who is signed in, a link to the dashboard and a
// sign-out button. notice, from [Notice], is shown above the page (after
// signing out: "You are signed out."). It writes nothing and returns the
// error if the page cannot be rendered; a failure to write to w (the
// browser went away) is not reported.
func Home(w io.Writer, user *core.User, notice ...string) error {
	p := page{Title: "Welcome", User: user, Notice: strings.Join(notice, " ")}
	if user != nil {
		p.Name = displayName(*user)
	}
	return render(w, "home", p)
}

// Notice is the short message a page shows for its query, read with
// query (http.Request.URL.Query().Get, gin.Context.Query or
// fiber.Ctx.Query): "You are signed out." after the sign-out button,
// "Saved." after the "Remember this" form. The messages are fixed; the
// query only picks one.
func Notice(query func(key string) string) string {
	switch {
	case query("signed_out") == "1":
		return "You are signed out."
	case query("saved") == "1":
		return "Saved. Rememberizer has your note; it shows in searches once it is indexed."
	}
	return ""
}

// NotFound writes the page for an address the app does not serve, in the
// look of the others; the app answers it with status 404.
func NotFound(w io.Writer) error {
	return render(w, "notfound", page{Title: "Page not found"})
}

// Dashboard writes the signed-in page: the user's name and email and the
// mementos they shared with the app. When apiErr is not nil the mementos
// could not be listed, and a short fixed message says so; the error itself
// is never shown. Errors are reported like [Home]'s.
func Dashboard(w io.Writer, user core.User, mementos []rememberizer.Memento, apiErr error) error {
	return render(w, "dashboard", page{
		Title:          "Dashboard",
		User:           &user,
		Name:           displayName(user),
		Mementos:       mementos,
		MementosFailed: apiErr != nil,
	})
}

// Me writes user as the JSON object {"id", "email", "name"}.
func Me(w io.Writer, user core.User) error {
	body, err := json.Marshal(struct {
		ID    string `json:"id"`
		Email string `json:"email"`
		Name  string `json:"name"`
	}{user.ID, user.Email, user.Name})
	if err != nil {
		return err
	}
	_, _ = w.Write(append(body, '\n'))
	return nil
}

// render executes the named template with data into a buffer and writes
// it to w only once it is complete.
func render(w io.Writer, name string, data any) error {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	_, _ = buf.WriteTo(w)
	return nil
}

// displayName is the user's name, or their email when the account has no
// name.
func displayName(u core.User) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}
