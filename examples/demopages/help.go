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

// helpResults is how many answers the help center page shows.
const helpResults = 3

// Help is what the help center page shows: the vector store's name and
// the answers that match the question, best first.
type Help struct {
	// Store is the vector store's name.
	Store string
	// Answers are the matching chunks; Document names their article.
	Answers []SearchHit
}

// ErrNoHelpCenter reports that the app has no vector store to search:
// [SearchHelp] was given a nil client.
var ErrNoHelpCenter = errors.New("demopages: no vector store configured")

// SearchHelp searches the app's vector store, the help center, for q
// with vs, a client holding the store's API key (nil when the app has
// none). The store is the app's, not the user's: the user's sign-in is
// not used. An empty q only names the store. A failure is logged to log
// and returned for [HelpPage] to mention.
func SearchHelp(ctx context.Context, vs *rememberizer.Client, log *slog.Logger, q string) (Help, error) {
	if vs == nil {
		return Help{}, ErrNoHelpCenter
	}
	q = strings.TrimSpace(q)
	if len(q) > MaxQueryBytes || !utf8.ValidString(q) {
		return Help{}, errBadInput
	}
	store, err := vs.CurrentVectorStore(ctx)
	if err != nil {
		log.Warn("reading the vector store failed", "error", err)
		return Help{}, err
	}
	h := Help{Store: store.Name}
	if q == "" {
		return h, nil
	}
	res, err := vs.SearchVectorStore(ctx, store.ID, q, &rememberizer.VectorStoreSearchOptions{N: helpResults})
	if err != nil {
		log.Warn("searching the vector store failed", "error", err)
		return h, err
	}
	for _, ch := range res.Chunks {
		h.Answers = append(h.Answers, SearchHit{Document: ch.Document.Name, Source: store.Name, Content: ch.Content})
	}
	return h, nil
}

// helpPage is what the help template shows.
type helpPage struct {
	Title    string
	User     *core.User
	Name     string
	Query    string
	Searched bool
	Help     Help
	NoStore  bool
	Failed   bool
	BadQuery bool
}

// HelpPage writes the help center page: a question form and the answers
// to q. When apiErr is not nil a short fixed message says the help
// center is missing or failed; the error itself is never shown. Errors
// are reported like [Home]'s.
func HelpPage(w io.Writer, user core.User, q string, help Help, apiErr error) error {
	return render(w, "help", helpPage{
		Title:    "Help center",
		User:     &user,
		Name:     displayName(user),
		Query:    q,
		Searched: strings.TrimSpace(q) != "",
		Help:     help,
		NoStore:  errors.Is(apiErr, ErrNoHelpCenter),
		BadQuery: errors.Is(apiErr, errBadInput),
		Failed:   apiErr != nil && !errors.Is(apiErr, ErrNoHelpCenter) && !errors.Is(apiErr, errBadInput),
	})
}
