package demopages

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// helpStore starts a fake with a vector store holding one article and
// returns a client holding the store's key.
func helpStore(t *testing.T) *rememberizer.Client {
	t.Helper()
	srv := rememberizertest.NewServer(rememberizertest.Config{})
	t.Cleanup(srv.Close)
	userKey, err := srv.IssueAPIKey("42")
	if err != nil {
		t.Fatal(err)
	}
	owner, err := rememberizer.New(nil, rememberizer.Config{BaseURL: srv.URL, APIKey: userKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	vs, err := owner.CreateVectorStore(ctx, rememberizer.NewVectorStore{Name: "Help <center>"})
	if err != nil {
		t.Fatal(err)
	}
	key, err := srv.IssueVectorStoreKey(string(vs.ID))
	if err != nil {
		t.Fatal(err)
	}
	store, err := rememberizer.New(nil, rememberizer.Config{BaseURL: srv.URL, APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddVectorStoreText(ctx, vs.ID, "Refunds", "Refunds are paid <within> five days."); err != nil {
		t.Fatal(err)
	}
	return store
}

func TestSearchHelp(t *testing.T) {
	t.Parallel()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	store := helpStore(t)
	if _, err := SearchHelp(ctx, nil, log, "refunds"); !errors.Is(err, ErrNoHelpCenter) {
		t.Errorf("without a store: got %v, want ErrNoHelpCenter", err)
	}
	if _, err := SearchHelp(ctx, store, log, strings.Repeat("a", MaxQueryBytes+1)); !errors.Is(err, errBadInput) {
		t.Errorf("a long question: got %v, want errBadInput", err)
	}
	h, err := SearchHelp(ctx, store, log, " ")
	if err != nil || h.Store != "Help <center>" || len(h.Answers) != 0 {
		t.Errorf("no question: got %+v, %v, want the store's name only", h, err)
	}
	h, err = SearchHelp(ctx, store, log, "refunds paid")
	if err != nil || len(h.Answers) != 1 || h.Answers[0].Document != "Refunds" || !strings.Contains(h.Answers[0].Content, "five days") {
		t.Errorf("a question: got %+v, %v, want the Refunds article", h, err)
	}
}

func TestHelpPage(t *testing.T) {
	t.Parallel()
	ada := core.User{ID: "1", Email: "ada@example.com", Name: "Ada"}
	help := Help{Store: "Help <center>", Answers: []SearchHit{{Document: "<b>Refunds</b>", Source: "Help <center>", Content: "paid <script>"}}}
	tests := []struct {
		name    string
		q       string
		help    Help
		err     error
		want    []string
		notWant []string
	}{
		{"answers", "refunds", help, nil,
			[]string{`id="answers"`, "&lt;b&gt;Refunds&lt;/b&gt;", "paid &lt;script&gt;", "<strong>Help &lt;center&gt;</strong>", `value="refunds"`},
			[]string{"<script>", `id="help-error"`, `id="no-answers"`}},
		{"no answers", "zebra", Help{Store: "Help"}, nil, []string{`id="no-answers"`}, []string{`id="answers"`}},
		{"no question", "", Help{Store: "Help"}, nil, []string{`id="help-store"`}, []string{`id="no-answers"`, `id="answers"`}},
		{"no store", "refunds", Help{}, ErrNoHelpCenter, []string{`id="help-missing"`}, []string{`id="help-store"`}},
		{"failed", "refunds", Help{}, errors.New("secret detail"), []string{`id="help-error"`, "not available"}, []string{"secret detail"}},
		{"too long", "x", Help{}, errBadInput, []string{`id="help-error"`, "too long"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			if err := HelpPage(&b, ada, tt.q, tt.help, tt.err); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("no %q in:\n%s", w, b.String())
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(b.String(), w) {
					t.Errorf("%q in:\n%s", w, b.String())
				}
			}
		})
	}
}
