// Package rememberizer is a typed client for Rememberizer's API: the
// account, connected integrations, documents and their contents, document
// uploads, semantic, agentic and batch search, Slack discussions,
// memorize, mementos and their documents, subscribed common knowledge, and
// vector stores (their documents and search use the store's API key in
// [Config.APIKey]).
//
// It works over any *http.Client, which carries the credentials: the
// request-scoped client of core.Client.HTTPClient (the signed-in user's
// bearer token, refreshed as needed), a background client, or a plain one
// with an API key in [Config.APIKey]. It does not import core, whose
// Client.API gives a handler a Client acting as the signed-in user:
//
//	rc, err := c.API(r.Context()) // c is a *core.Client
//	if err != nil {
//		return err
//	}
//	res, err := rc.Search(r.Context(), "roadmap", nil)
//	if err != nil {
//		return err
//	}
//	for _, chunk := range res.Chunks {
//		fmt.Fprintln(w, chunk.Document.Name, chunk.Content)
//	}
//
// What it does for you:
//   - Decoding is lenient where Rememberizer is inconsistent: ids as
//     numbers or strings ([ID]), search matches under "matched_chunks" or
//     the older "data", unknown fields ignored, missing ones zero.
//   - Requests are strict: paths keep their trailing slash, ids are
//     path-escaped, response bodies are capped ([Config.MaxResponseBytes]).
//   - Errors are [*Error] values carrying the status and Rememberizer's
//     message; match them with [ErrUnauthorized], [ErrForbidden],
//     [ErrNotFound] and [ErrRateLimited]. A 200 answer carrying "error" is
//     an error too.
//   - GETs answered 429 or 503 are retried up to [Config.MaxRetries]
//     times, honouring Retry-After (capped by [Config.MaxRetryWait]) and
//     stopping as soon as the context ends. POSTs, PATCHes and DELETEs
//     are never retried.
//   - Uploads ([Upload]) stream from an io.Reader, with a Content-Length
//     when the size is known, and are capped by [Config.MaxUploadBytes].
//   - Lists that span pages ([Client.Documents]) and documents that span
//     chunk batches ([Client.DocumentContents]) are iterators that fetch
//     as the loop goes, at most [Config.MaxPages] pages, never a page
//     twice ([ErrTooManyPages], [ErrPageCycle]).
//   - Decoding is bounded: a response over [Config.MaxResponseBytes] or
//     holding more than [Config.MaxResponseValues] JSON values is an
//     [ErrResponseTooLarge] error, found before anything is decoded.
//   - Printing or logging a [Config] or a [Client] (fmt, slog, JSON) never
//     shows the API key.
//   - Nothing is sent to another origin than the base URL's: not a next
//     link, not a redirect ([ErrForeignHost]).
package rememberizer
