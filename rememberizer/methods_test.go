package rememberizer_test

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func TestAccountAndProfile(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	ctx := context.Background()
	a, err := f.rc.Account(ctx)
	if err != nil {
		t.Fatalf("Account: %v", err)
	}
	if a.ID != "42" || a.Email != "ada@example.com" || a.Name != "Ada Lovelace" {
		t.Errorf("got account %+v, want 42 ada@example.com Ada Lovelace", a)
	}
	p, err := f.rc.Profile(ctx)
	if err != nil {
		t.Fatalf("Profile: %v", err)
	}
	if p.ID != "42" || !p.EmailVerified || len(p.Team) == 0 || len(p.Quota) == 0 || p.Fields["quota"] == nil {
		t.Errorf("got profile %+v, want id 42, verified, with team and quota", p)
	}
}

func TestIntegrations(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	got, err := f.rc.Integrations(context.Background())
	if err != nil {
		t.Fatalf("Integrations: %v", err)
	}
	var types []string
	docs := 0
	for _, in := range got {
		types = append(types, in.Type)
		docs += in.DocumentStats.DocumentCount
	}
	if want := []string{"google_drive", "slack", "gmail", "memory"}; !slices.Equal(types, want) {
		t.Errorf("got types %v, want %v", types, want)
	}
	if docs != 5 {
		t.Errorf("got %d documents in all, want 5", docs)
	}
}

func TestDocumentsWalksPages(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	var names []string
	for d, err := range f.rc.Documents(context.Background(), &rememberizer.DocumentsOptions{PageSize: 2}) {
		if err != nil {
			t.Fatalf("Documents: %v", err)
		}
		names = append(names, d.Name)
	}
	want := []string{"Product roadmap 2026", "#design", "Re: Launch plan", "Meeting notes: retrieval research", "Team handbook"}
	if !slices.Equal(names, want) {
		t.Errorf("got %q, want %q", names, want)
	}
	if got := f.srv.Calls(rememberizertest.DocumentsPath); got != 3 {
		t.Errorf("got %d page requests, want 3", got)
	}
}

func TestDocumentsStopsWhenLoopBreaks(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	n := 0
	for _, err := range f.rc.Documents(context.Background(), &rememberizer.DocumentsOptions{PageSize: 2, IntegrationType: ""}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 1 {
			break
		}
	}
	if got := f.srv.Calls(rememberizertest.DocumentsPath); got != 1 {
		t.Errorf("got %d page requests, want 1", got)
	}
}

func TestDocumentsFilter(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	var got []string
	for d, err := range f.rc.Documents(context.Background(), &rememberizer.DocumentsOptions{IntegrationType: rememberizer.IntegrationSlack}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d.Name+"/"+d.IntegrationType+"/"+string(d.ID))
	}
	if want := []string{"#design/slack/102"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	ctx := context.Background()
	res, err := f.rc.Search(ctx, "roadmap", nil)
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if len(res.Chunks) != 3 {
		t.Fatalf("got %d chunks, want 3: %+v", len(res.Chunks), res.Chunks)
	}
	c := res.Chunks[0]
	if c.Document.Name != "Product roadmap 2026" || c.Document.Integration.Type != "google_drive" || c.Distance != 0 ||
		!strings.Contains(c.Content, "roadmap") {
		t.Errorf("got first chunk %+v, want the roadmap at distance 0", c)
	}
	if len(res.DataSources) != 1 || res.DataSources[0].Name != "Google Drive" || res.DataSources[0].Documents != 1 {
		t.Errorf("got data sources %+v, want Google Drive with 1 document", res.DataSources)
	}
}

func TestSearchOptions(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	ctx := context.Background()
	tests := []struct {
		name      string
		query     string
		opts      *rememberizer.SearchOptions
		wantDocs  []string
		wantFirst string // a substring of the first chunk's content
	}{
		{"n", "launch", &rememberizer.SearchOptions{N: 1}, []string{"Product roadmap 2026"}, "Launch of the public API"},
		{"ranked by overlap", "launch budget", nil, []string{"Re: Launch plan", "Product roadmap 2026", "Re: Launch plan"}, "launch budget"},
		{"from", "launch", &rememberizer.SearchOptions{From: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)}, []string{"Re: Launch plan", "Re: Launch plan"}, "press release"},
		{"to", "launch", &rememberizer.SearchOptions{To: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)}, []string{"Product roadmap 2026"}, "public API"},
		{"neighbours", "quarter", &rememberizer.SearchOptions{N: 1, PrevChunks: 1, NextChunks: 1}, []string{"Product roadmap 2026"}, "mobile app and offline notes.\nIn the second quarter"},
		{"no match", "zebra", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := f.rc.Search(ctx, tt.query, tt.opts)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			var docs []string
			for _, c := range res.Chunks {
				docs = append(docs, c.Document.Name)
			}
			if !slices.Equal(docs, tt.wantDocs) {
				t.Errorf("got %q, want %q", docs, tt.wantDocs)
			}
			if tt.wantFirst != "" && (len(res.Chunks) == 0 || !strings.Contains(res.Chunks[0].Content, tt.wantFirst)) {
				t.Errorf("got %+v, want the first chunk to hold %q", res.Chunks, tt.wantFirst)
			}
		})
	}
}

func TestSearchRefusesEmptyQuery(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	for _, q := range []string{"", "   "} {
		if _, err := f.rc.Search(context.Background(), q, nil); !errorsIs(err, rememberizer.ErrInvalidArgument) {
			t.Errorf("Search(%q): got %v, want ErrInvalidArgument", q, err)
		}
		if _, err := f.rc.AgenticSearch(context.Background(), q, nil); !errorsIs(err, rememberizer.ErrInvalidArgument) {
			t.Errorf("AgenticSearch(%q): got %v, want ErrInvalidArgument", q, err)
		}
	}
	if n := f.srv.Calls(rememberizertest.SearchPath) + f.srv.Calls(rememberizertest.AgenticSearchPath); n != 0 {
		t.Errorf("got %d requests, want none", n)
	}
}

func TestAgenticSearch(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	res, err := f.rc.AgenticSearch(context.Background(), "design review", &rememberizer.AgenticSearchOptions{N: 2, UserContext: "preparing Thursday"})
	if err != nil {
		t.Fatalf("AgenticSearch: %v", err)
	}
	if len(res.Chunks) != 2 || res.Chunks[0].Document.Name != "#design" || res.Chunks[0].Document.Integration.Type != "slack" ||
		res.Chunks[0].Distance != 0 || res.Chunks[1].Distance != 0.5 {
		t.Errorf("got %+v, want the two #design chunks at distance 0 and 0.5", res.Chunks)
	}
}

func TestDocumentContents(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	var parts []string
	for part, err := range f.rc.DocumentContents(context.Background(), "105") {
		if err != nil {
			t.Fatalf("DocumentContents: %v", err)
		}
		parts = append(parts, part)
	}
	if got := f.srv.Calls(rememberizertest.ContentsPath); got != 3 {
		t.Errorf("got %d requests for a 45-chunk document, want 3", got)
	}
	if len(parts) != 3 {
		t.Fatalf("got %d parts, want 3", len(parts))
	}
	lines := strings.Split(strings.TrimSuffix(strings.Join(parts, ""), "\n"), "\n")
	if len(lines) != 45 || !strings.HasPrefix(lines[0], "Handbook section 1 of 45") || !strings.HasPrefix(lines[44], "Handbook section 45 of 45") {
		t.Errorf("got %d chunks (%q … %q), want sections 1 to 45", len(lines), lines[0], lines[len(lines)-1])
	}
}

func TestDocumentReader(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	r, stop := f.rc.DocumentReader(context.Background(), "101")
	defer stop()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("ReadAll: %v", err)
	}
	if !strings.HasPrefix(string(b), "The 2026 roadmap") || strings.Count(string(b), "\n") != 3 {
		t.Errorf("got %q, want the roadmap's 3 chunks", b)
	}
	if got := f.srv.Calls(rememberizertest.ContentsPath); got != 1 {
		t.Errorf("got %d requests for a 3-chunk document, want 1", got)
	}
	r2, stop2 := f.rc.DocumentReader(context.Background(), "999")
	defer stop2()
	if _, err := io.ReadAll(r2); !rememberizer.IsNotFound(err) {
		t.Errorf("reading an unknown document: got %v, want ErrNotFound", err)
	}
}

func TestDiscussion(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	d, err := f.rc.Discussion(context.Background(), "102", nil)
	if err != nil {
		t.Fatalf("Discussion: %v", err)
	}
	if !strings.Contains(d.Content, "design review") || len(d.Threads) != 1 {
		t.Errorf("got %+v, want the #design text and one thread", d)
	}
	if _, err := f.rc.Discussion(context.Background(), "101", nil); !rememberizer.IsNotFound(err) {
		t.Errorf("a Drive document as a discussion: got %v, want ErrNotFound", err)
	}
}

func TestMemorizeThenSearch(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	ctx := context.Background()
	if err := f.rc.Memorize(ctx, "Parking", "The visitor parking code is on the whiteboard."); err != nil {
		t.Fatalf("Memorize: %v", err)
	}
	res, err := f.rc.Search(ctx, "visitor parking", nil)
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if len(res.Chunks) != 1 || res.Chunks[0].Document.Name != "Parking" || res.Chunks[0].Document.Integration.Type != "memory" {
		t.Errorf("got %+v, want the memorized note", res.Chunks)
	}
	for _, args := range [][2]string{{"", "content"}, {"name", " "}} {
		if err := f.rc.Memorize(ctx, args[0], args[1]); !errorsIs(err, rememberizer.ErrInvalidArgument) {
			t.Errorf("Memorize(%q, %q): got %v, want ErrInvalidArgument", args[0], args[1], err)
		}
	}
	if got := f.srv.Calls(rememberizertest.MemorizePath); got != 1 {
		t.Errorf("got %d memorize requests, want 1", got)
	}
}

func TestMementos(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	ctx := context.Background()
	list, err := f.rc.Mementos(ctx)
	if err != nil {
		t.Fatalf("Mementos: %v", err)
	}
	if len(list) != 3 || list[0].ID != "1" || list[0].Name != "Research notes" {
		t.Fatalf("got %+v, want the 3 default mementos", list)
	}
	m, err := f.rc.Memento(ctx, "1")
	if err != nil {
		t.Fatalf("Memento: %v", err)
	}
	var docs []string
	for _, d := range m.Documents {
		docs = append(docs, d.Name)
	}
	if want := []string{"Product roadmap 2026", "Meeting notes: retrieval research"}; !slices.Equal(docs, want) {
		t.Errorf("got memento documents %q, want %q", docs, want)
	}
	created, err := f.rc.CreateMemento(ctx, "Launch")
	if err != nil {
		t.Fatalf("CreateMemento: %v", err)
	}
	if created.ID == "" || created.Name != "Launch" {
		t.Errorf("got %+v, want a new memento called Launch", created)
	}
	again, err := f.rc.Memento(ctx, created.ID)
	if err != nil || again.Name != "Launch" {
		t.Errorf("Memento(%s): got %+v, %v, want Launch", created.ID, again, err)
	}
	if list, _ := f.rc.Mementos(ctx); len(list) != 4 {
		t.Errorf("got %d mementos after creating one, want 4", len(list))
	}
	if _, err := f.rc.Memento(ctx, "404"); !rememberizer.IsNotFound(err) {
		t.Errorf("unknown memento: got %v, want ErrNotFound", err)
	}
}

func TestSubscribedCommonKnowledge(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	got, err := f.rc.SubscribedCommonKnowledge(context.Background())
	if err != nil {
		t.Fatalf("SubscribedCommonKnowledge: %v", err)
	}
	if len(got) != 2 || got[0].Name != "Go proverbs" || got[0].PublisherName != "Gopher Press" || len(got[0].DocumentIDs) != 2 {
		t.Errorf("got %+v, want two subscriptions, Go proverbs first", got)
	}
}

func TestAPIKey(t *testing.T) {
	t.Parallel()
	rc, srv, key := apiKeyClient(t)
	ctx := context.Background()
	if a, err := rc.Account(ctx); err != nil || a.Name != "Ada Lovelace" {
		t.Fatalf("Account with an API key: got %+v, %v", a, err)
	}
	srv.RevokeAPIKey(key)
	if _, err := rc.Account(ctx); !rememberizer.IsUnauthorized(err) {
		t.Errorf("Account with a revoked key: got %v, want ErrUnauthorized", err)
	}
}

func TestRevokedTokenIsUnauthorized(t *testing.T) {
	t.Parallel()
	f := setup(t, rememberizer.Config{})
	f.srv.Disconnect("42")
	_, err := f.rc.Search(context.Background(), "roadmap", nil)
	var apiErr *rememberizer.Error
	if !errorsAs(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Detail != "Invalid token." || !rememberizer.IsUnauthorized(err) {
		t.Errorf("got %v, want a 401 *Error with detail Invalid token.", err)
	}
}
