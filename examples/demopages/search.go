package demopages

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
)

// Limits of the search form.
const (
	// MaxQueryBytes caps a search query.
	MaxQueryBytes = 2000
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

// Search searches the knowledge of the user signed in on ctx for q. An
// empty q searches nothing and returns no hits. Call it before writing the
// response, as the dashboard calls the API: a token refreshed on the way
// is saved in a cookie. A failure is logged to log and returned for
// [SearchPage] to mention.
func Search(ctx context.Context, c *core.Client, log *slog.Logger, q string) ([]SearchHit, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	if len(q) > MaxQueryBytes || !utf8.ValidString(q) {
		return nil, errBadInput
	}
	rc, err := c.API(ctx)
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
	log.Warn("searching failed", "error", err)
	return nil, err
}

// errBadInput reports a form value out of bounds.
var errBadInput = errors.New("demopages: input out of bounds")

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
	Notice       string
}

// SearchPage writes the search page: the search and "Remember this" forms,
// and the hits for q. When apiErr is not nil a short fixed message says
// the search failed; the error itself is never shown. Errors are reported
// like [Home]'s. notice, from [Notice], is shown under the heading (after
// the "Remember this" form: "Saved.").
func SearchPage(w io.Writer, user core.User, q string, hits []SearchHit, apiErr error, notice ...string) error {
	return render(w, "search", searchPage{
		Title:        "Search",
		User:         &user,
		Name:         displayName(user),
		Query:        q,
		Searched:     strings.TrimSpace(q) != "",
		Hits:         hits,
		SearchFailed: apiErr != nil && !errors.Is(apiErr, errBadInput),
		BadQuery:     errors.Is(apiErr, errBadInput),
		Notice:       strings.Join(notice, " "),
	})
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
