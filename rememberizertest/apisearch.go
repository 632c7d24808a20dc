package rememberizertest

import (
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Search defaults and limits.
const (
	defaultSearchResults = 5
	maxSearchResults     = 50
)

// matchJSON is one search match.
type matchJSON struct {
	Document       documentJSON `json:"document"`
	MatchedContent string       `json:"matched_content"`
	Distance       float64      `json:"distance"`
}

// dataSourceJSON counts the matched documents of one integration.
type dataSourceJSON struct {
	Name      string `json:"name"`
	Documents int    `json:"documents"`
}

// searchJSON is a search answer.
type searchJSON struct {
	DataSources   []dataSourceJSON `json:"data_sources"`
	MatchedChunks []matchJSON      `json:"matched_chunks"`
}

// searchQuery is a parsed search request.
type searchQuery struct {
	text       string
	n          int
	from, to   time.Time
	prev, next int
}

// handleSearch serves GET /api/v1/documents/search/ with q, n, from, to,
// prev_chunks and next_chunks.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	q := r.URL.Query()
	sq := searchQuery{text: q.Get("q")}
	var bad []string
	num := func(key string, def int) int {
		n, err := intParam(q, key, def)
		if err != nil || n < 0 {
			bad = append(bad, key)
		}
		return n
	}
	sq.n = num("n", defaultSearchResults)
	sq.prev = num("prev_chunks", 0)
	sq.next = num("next_chunks", 0)
	var ok bool
	if sq.from, ok = timeParam(q.Get("from")); !ok {
		bad = append(bad, "from")
	}
	if sq.to, ok = timeParam(q.Get("to")); !ok {
		bad = append(bad, "to")
	}
	if strings.TrimSpace(sq.text) == "" {
		bad = append(bad, "q")
	}
	if len(bad) > 0 {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "Invalid parameters: " + strings.Join(bad, ", ") + "."})
		return
	}
	writeJSON(w, http.StatusOK, s.search(p.userID, sq))
}

// handleAgenticSearch serves POST /api/v1/documents/agentic_search/ with
// a JSON {"query", "n_chunks", "user_context", "from", "to"}; the fake
// runs the same search as GET search/.
func (s *Server) handleAgenticSearch(w http.ResponseWriter, r *http.Request, p principal, _ string) {
	var in struct {
		Query       string `json:"query"`
		N           int    `json:"n_chunks"`
		UserContext string `json:"user_context"`
		From        string `json:"from"`
		To          string `json:"to"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	sq := searchQuery{text: in.Query, n: in.N}
	if sq.n <= 0 {
		sq.n = defaultSearchResults
	}
	from, ok1 := timeParam(in.From)
	to, ok2 := timeParam(in.To)
	if strings.TrimSpace(in.Query) == "" || !ok1 || !ok2 {
		writeJSON(w, http.StatusBadRequest, detail{Detail: "query is required; from and to must be ISO 8601."})
		return
	}
	sq.from, sq.to = from, to
	writeJSON(w, http.StatusOK, s.search(p.userID, sq))
}

// search ranks the user's chunks by term overlap with the query: the
// distance is 1 minus the share of the query's terms the chunk or its
// document's name holds.
// Chunks holding none are left out; ties go to the lower document id,
// then the earlier chunk.
func (s *Server) search(userID string, sq searchQuery) searchJSON {
	s.mu.Lock()
	docs := copyDocuments(s.corpusOf(userID).docs)
	s.mu.Unlock()
	return searchDocs(docs, sq)
}

// searchDocs runs sq over docs, as [Server.search] does.
func searchDocs(docs []Document, sq searchQuery) searchJSON {
	terms := searchTerms(sq.text)

	type hit struct {
		doc   int // index in docs
		chunk int
		dist  float64
	}
	var hits []hit
	for i, d := range docs {
		if (!sq.from.IsZero() && d.Created.Before(sq.from)) || (!sq.to.IsZero() && d.Created.After(sq.to)) {
			continue
		}
		title := searchTerms(d.Name)
		for j, c := range d.Chunks {
			have := append(searchTerms(c), title...)
			matched := 0
			for _, t := range terms {
				if slices.Contains(have, t) {
					matched++
				}
			}
			if matched > 0 {
				dist := 1 - float64(matched)/float64(len(terms))
				hits = append(hits, hit{i, j, math.Round(dist*1e4) / 1e4})
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.dist != b.dist {
			if a.dist < b.dist {
				return -1
			}
			return 1
		}
		return docs[a.doc].ID - docs[b.doc].ID
	})
	n := min(max(sq.n, 1), maxSearchResults)
	if len(hits) > n {
		hits = hits[:n]
	}
	out := searchJSON{DataSources: []dataSourceJSON{}, MatchedChunks: []matchJSON{}}
	perSource := map[string]map[int]bool{}
	var order []string
	for _, h := range hits {
		d := docs[h.doc]
		lo, hi := max(h.chunk-sq.prev, 0), min(h.chunk+sq.next+1, len(d.Chunks))
		out.MatchedChunks = append(out.MatchedChunks, matchJSON{
			Document:       d.toJSON(true),
			MatchedContent: strings.Join(d.Chunks[lo:hi], "\n"),
			Distance:       h.dist,
		})
		name := integrationInfo[d.IntegrationType].name
		if perSource[name] == nil {
			perSource[name] = map[int]bool{}
			order = append(order, name)
		}
		perSource[name][d.ID] = true
	}
	for _, name := range order {
		out.DataSources = append(out.DataSources, dataSourceJSON{Name: name, Documents: len(perSource[name])})
	}
	return out
}

// searchTerms returns the distinct lower-case words of s of three letters
// or more, stop words left out.
func searchTerms(s string) []string {
	var terms []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) < 3 || stopWords[w] || slices.Contains(terms, w) {
			continue
		}
		terms = append(terms, w)
	}
	return terms
}

// stopWords are common words search ignores.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "that": true, "this": true,
	"are": true, "was": true, "our": true, "you": true, "what": true, "how": true,
}

// timeParam parses an ISO 8601 time or date; "" is the zero time.
func timeParam(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
