package demopages

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/rzauth/rememberizer-go/core"
)

// Limits of the "Remember this" form.
const (
	// MaxNoteNameBytes caps a note's name.
	MaxNoteNameBytes = 200
	// MaxNoteBytes caps a note's content; apps also cap the form body
	// they read at [MaxFormBytes].
	MaxNoteBytes = 20000
	// MaxFormBytes caps the body of POST /memorize.
	MaxFormBytes = 64 << 10
)

// Reply is how an app answers POST /memorize: a redirect to Location with
// Status when Location is set, else Status and an HTML page showing
// Message (see [MessagePage]).
type Reply struct {
	Status   int
	Location string
	Message  string
}

// Memorize handles POST /memorize for the user signed in on ctx, the
// request context RequireRememberizer let through: it refuses a request
// another site sent ([core.Client.SameOrigin]), checks the note, stores it
// in the user's Rememberizer knowledge, and sends the browser to the
// search page for the note's name, which says "Saved." ([Notice]). Messages are fixed; failures are
// logged to log.
func Memorize(ctx context.Context, c *core.Client, log *slog.Logger, name, content string) Reply {
	if !c.SameOrigin(ctx) {
		return Reply{Status: http.StatusForbidden, Message: "This form can only be sent from this app's own pages."}
	}
	name, content = strings.TrimSpace(name), strings.TrimSpace(content)
	if name == "" || content == "" || len(name) > MaxNoteNameBytes || len(content) > MaxNoteBytes ||
		!utf8.ValidString(name) || !utf8.ValidString(content) {
		return Reply{Status: http.StatusBadRequest, Message: "A note needs a name (up to 200 bytes) and some content (up to 20000 bytes)."}
	}
	rc, err := c.API(ctx)
	if err == nil {
		err = rc.Memorize(ctx, name, content)
	}
	if err != nil {
		log.Warn("memorize failed", "error", err)
		return Reply{Status: http.StatusBadGateway, Message: "Rememberizer could not store your note right now. Please try again in a moment."}
	}
	return Reply{Status: http.StatusSeeOther, Location: "/search?" + url.Values{"q": {name}, "saved": {"1"}}.Encode()}
}

// MessagePage writes a page with a short message and a way back, for
// [Reply] values without a Location.
func MessagePage(w io.Writer, user core.User, message string) error {
	return render(w, "message", searchPage{Title: "Notice", User: &user, Name: displayName(user), Message: message})
}
