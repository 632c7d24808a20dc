package demo

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// Limits of the search and memorize forms.
const (
	// MaxQueryBytes caps a search query.
	MaxQueryBytes = 2000
	// MaxNoteNameBytes caps a note's name.
	MaxNoteNameBytes = 200
	// MaxNoteBytes caps a note's content; apps also cap the form body
	// they read at [MaxFormBytes].
	MaxNoteBytes = 20000
	// MaxFormBytes caps the body of POST /memorize.
	MaxFormBytes = 64 << 10
	// searchResults is how many chunks the search page shows.
	searchResults = 5
)

// SearchHit is one matched chunk as the search page shows it.
type SearchHit struct {
	// Document is the name of the document the chunk comes from.
	Document string
	// Source is where the document comes from, such as "Slack".
	Source string
	// Content is the chunk's text.
	Content string
}

// APIClient returns a typed Rememberizer client that calls the API as the
// user signed in on ctx, a request context the middleware let through.
func APIClient(ctx context.Context, c *core.Client) (*rememberizer.Client, error) {
	return c.API(ctx)
}

// Search searches the signed-in user's knowledge for q. An empty q
// searches nothing and returns no hits. Call it before writing the
// response, as the dashboard calls the API: a token refreshed on the way
// is saved in a cookie. A failure is logged through c's logger and
// returned for [SearchPage] to mention.
func Search(ctx context.Context, c *core.Client, q string) ([]SearchHit, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	if len(q) > MaxQueryBytes || !utf8.ValidString(q) {
		return nil, errBadInput
	}
	rc, err := APIClient(ctx, c)
	if err == nil {
		var res *rememberizer.SearchResult
		if res, err = rc.Search(ctx, q, &rememberizer.SearchOptions{N: searchResults}); err == nil {
			hits := make([]SearchHit, 0, len(res.Chunks))
			for _, ch := range res.Chunks {
				hits = append(hits, SearchHit{Document: ch.Document.Name, Source: sourceName(ch.Document.Integration.Type), Content: ch.Content})
			}
			return hits, nil
		}
	}
	c.Logger().Warn("searching failed", "error", err)
	return nil, err
}

// Reply is how an app answers POST /memorize: a redirect to Location with
// Status when Location is set, else Status and an HTML page showing
// Message (see [MessagePage]).
type Reply struct {
	Status   int
	Location string
	Message  string
}

// errBadInput reports a form value out of bounds.
var errBadInput = errors.New("demo: input out of bounds")

// Memorize handles POST /memorize for the signed-in user on ctx: it
// refuses a request another site sent (header reads request headers, as
// http.Header.Get and gin.Context.GetHeader do), checks the note, stores
// it in the user's Rememberizer knowledge, and sends the browser to the
// search page for the note's name. Messages are fixed; failures are
// logged through c's logger.
func Memorize(ctx context.Context, c *core.Client, header func(name string) string, name, content string) Reply {
	if !c.SameOrigin(ctx) {
		return Reply{Status: http.StatusForbidden, Message: "This form can only be sent from this app's own pages."}
	}
	name, content = strings.TrimSpace(name), strings.TrimSpace(content)
	if name == "" || content == "" || len(name) > MaxNoteNameBytes || len(content) > MaxNoteBytes ||
		!utf8.ValidString(name) || !utf8.ValidString(content) {
		return Reply{Status: http.StatusBadRequest, Message: "A note needs a name (up to 200 bytes) and some content (up to 20000 bytes)."}
	}
	rc, err := APIClient(ctx, c)
	if err == nil {
		err = rc.Memorize(ctx, name, content)
	}
	if err != nil {
		c.Logger().Warn("memorize failed", "error", err)
		return Reply{Status: http.StatusBadGateway, Message: "Rememberizer could not store your note right now. Please try again in a moment."}
	}
	return Reply{Status: http.StatusSeeOther, Location: "/search?" + url.Values{"q": {name}}.Encode()}
}

// searchPage is what the search and message templates show.
type searchPage struct {
	Title        string
	User         *core.User
	Name         string
	Query        string
	Searched     bool
	Hits         []SearchHit
	SearchFailed bool
	BadQuery     bool
	Message      string
}

// SearchPage writes the search page: the search and "Remember this" forms,
// and the hits for q. When apiErr is not nil a short fixed message says
// the search failed; the error itself is never shown. Errors are reported
// like [Home]'s.
func SearchPage(w io.Writer, user core.User, q string, hits []SearchHit, apiErr error) error {
	return render(w, "search", searchPage{
		Title:        "Search",
		User:         &user,
		Name:         displayName(user),
		Query:        q,
		Searched:     strings.TrimSpace(q) != "",
		Hits:         hits,
		SearchFailed: apiErr != nil && !errors.Is(apiErr, errBadInput),
		BadQuery:     errors.Is(apiErr, errBadInput),
	})
}

// MessagePage writes a page with a short message and a way back, for
// [Reply] values without a Location.
func MessagePage(w io.Writer, user core.User, message string) error {
	return render(w, "message", searchPage{Title: "Notice", User: &user, Name: displayName(user), Message: message})
}

// sourceName is how the pages name an integration type.
func sourceName(kind string) string {
	switch kind {
	case rememberizer.IntegrationGoogleDrive:
		return "Google Drive"
	case rememberizer.IntegrationSlack:
		return "Slack"
	case rememberizer.IntegrationGmail:
		return "Gmail"
	case rememberizer.IntegrationDropbox:
		return "Dropbox"
	case rememberizer.IntegrationCommonKnowledge:
		return "Common knowledge"
	case "memory":
		return "Memory"
	case "":
		return "Rememberizer"
	}
	return kind
}
