package rememberizer_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/rzauth/rememberizer-go/core"
	"github.com/rzauth/rememberizer-go/nethttp"
	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest/apptest"
)

// search answers with the signed-in user's matches for "roadmap"; it runs
// behind nethttp.RequireRememberizer.
func search(c *core.Client, w http.ResponseWriter, r *http.Request) error {
	rc, err := c.API(r.Context()) // c is a *core.Client
	if err != nil {
		return err
	}
	res, err := rc.Search(r.Context(), "roadmap", nil)
	if err != nil {
		return err
	}
	for _, chunk := range res.Chunks {
		fmt.Fprintln(w, chunk.Document.Name, chunk.Content)
	}
	return nil
}

// A page of an app that searches the signed-in user's knowledge, with the
// client core.Client.API gives it; the user signs in at a fake
// Rememberizer.
func Example() {
	app, err := apptest.New(func(cfg core.Config) (http.Handler, error) {
		c, err := core.New(cfg)
		if err != nil {
			return nil, err
		}
		mux := http.NewServeMux()
		nethttp.Mount(mux, c)
		mux.Handle("/search", nethttp.RequireRememberizer(c)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := search(c, w, r); err != nil {
				http.Error(w, "search failed", http.StatusBadGateway)
			}
		})))
		return mux, nil
	})
	if err != nil {
		log.Fatal(err)
	}
	defer app.Close()

	browser, err := app.Browser("42")
	if err != nil {
		log.Fatal(err)
	}
	_, body, err := app.Get(browser, "/search")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(body)
	// Output:
	// Product roadmap 2026 The 2026 roadmap starts with search in the mobile app and offline notes.
	// Product roadmap 2026 In the second quarter the roadmap adds shared mementos for teams.
	// Product roadmap 2026 Launch of the public API is planned for the third quarter of the roadmap.
}

// printDocuments prints the name of every document of the user.
func printDocuments(ctx context.Context, rc *rememberizer.Client) error {
	for doc, err := range rc.Documents(ctx, nil) {
		if err != nil {
			return err
		}
		fmt.Println(doc.Name)
	}
	return nil
}

func ExampleClient_Documents_names() {
	rc, srv := exampleClient()
	defer srv.Close()

	if err := printDocuments(context.Background(), rc); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Product roadmap 2026
	// #design
	// Re: Launch plan
	// Meeting notes: retrieval research
	// Team handbook
}

// lastLine prints the last line of the text of doc.
func lastLine(ctx context.Context, rc *rememberizer.Client, doc rememberizer.Document) error {
	var text strings.Builder
	for part, err := range rc.DocumentContents(ctx, doc.ID) {
		if err != nil {
			return err
		}
		text.WriteString(part)
	}
	lines := strings.Split(strings.TrimSpace(text.String()), "\n")
	fmt.Println(doc.Name+":", lines[len(lines)-1])
	return nil
}

func ExampleClient_DocumentContents_document() {
	rc, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()

	for doc, err := range rc.Documents(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		if doc.Name == "Team handbook" {
			if err := lastLine(ctx, rc, doc); err != nil {
				log.Fatal(err)
			}
		}
	}
	// Output:
	// Team handbook: Handbook section 45 of 45: how the team works, part 45.
}
