package demopages

import (
	"io"

	"github.com/rzauth/rememberizer-go/core"
)

// errorData is what the error template shows: the page core describes,
// in the demo's layout (which reads Title, User and Name).
type errorData struct {
	core.ErrorPage
	User *core.User
	Name string
}

// ErrorPage writes core's error page p in the demo's look. It is the
// demo's core.Config.ErrorPage, so a failed or cancelled sign-in, or a
// sign-out by link, shows a page like the app's others.
func ErrorPage(w io.Writer, p core.ErrorPage) error {
	return templates.ExecuteTemplate(w, "error", errorData{ErrorPage: p})
}
