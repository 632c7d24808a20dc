package demopages_test

import (
	"log/slog"
	"net/http"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/examples/demopages"
	"github.com/rzauth/rememberizer-go/nethttp"
)

// The search page on net/http, as the package documentation shows it.
func ExampleSearchPage() {
	var c *core.Client   // from core.New
	var log *slog.Logger // the app's logger
	search := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		q := r.URL.Query().Get("q")
		hits, apiErr := demopages.Search(r.Context(), c, log, q)
		demopages.HTMLHeaders(w.Header().Set)
		if err := demopages.SearchPage(w, user, q, hits, apiErr); err != nil {
			http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		}
	})
	mux := http.NewServeMux()
	mux.Handle("GET /search", nethttp.RequireRememberizer(c)(search))
}
