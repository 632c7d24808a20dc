package rememberizer_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"

	"github.com/rzauth/rememberizer-go/rememberizer"
	"github.com/rzauth/rememberizer-go/rememberizertest"
)

// exampleClient starts a fake Rememberizer and returns a client that calls
// it with an API key.
func exampleClient() (*rememberizer.Client, *rememberizertest.Server) {
	srv := rememberizertest.NewServer(rememberizertest.Config{})
	key, err := srv.IssueAPIKey("42")
	if err != nil {
		log.Fatal(err)
	}
	rc, err := rememberizer.New(nil, rememberizer.Config{BaseURL: srv.URL, APIKey: key})
	if err != nil {
		log.Fatal(err)
	}
	return rc, srv
}

func ExampleClient_Search() {
	rc, srv := exampleClient()
	defer srv.Close()

	res, err := rc.Search(context.Background(), "roadmap", nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range res.Chunks {
		fmt.Printf("%s (%s) %.2f: %s\n", c.Document.Name, c.Document.Integration.Type, c.Distance, c.Content)
	}
	// Output:
	// Product roadmap 2026 (google_drive) 0.00: The 2026 roadmap starts with search in the mobile app and offline notes.
	// Product roadmap 2026 (google_drive) 0.00: In the second quarter the roadmap adds shared mementos for teams.
	// Product roadmap 2026 (google_drive) 0.00: Launch of the public API is planned for the third quarter of the roadmap.
}

// A client over the *http.Client a signed-in request gets from
// core.Client.HTTPClient sends the user's bearer token; here a transport
// adds a token the fake issued.
func ExampleNew() {
	srv := rememberizertest.NewServer(rememberizertest.Config{})
	defer srv.Close()
	token, _ := srv.IssueAccessToken("42")
	hc := &http.Client{Transport: bearer{token, http.DefaultTransport}}

	rc, err := rememberizer.New(hc, rememberizer.Config{BaseURL: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	a, err := rc.Account(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.ID, a.Name)
	// Output:
	// 42 Ada Lovelace
}

func ExampleClient_Memorize() {
	rc, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()

	if err := rc.Memorize(ctx, "Parking", "Visitor parking is behind the north building."); err != nil {
		log.Fatal(err)
	}
	res, err := rc.Search(ctx, "visitor parking", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Chunks[0].Document.Name, "-", res.Chunks[0].Content)
	// Output:
	// Parking - Visitor parking is behind the north building.
}

func ExampleClient_Documents() {
	rc, srv := exampleClient()
	defer srv.Close()

	// Two documents per request: the loop walks three pages.
	for doc, err := range rc.Documents(context.Background(), &rememberizer.DocumentsOptions{PageSize: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %s\n", doc.IntegrationType, doc.Name)
	}
	fmt.Println("requests:", srv.Calls(rememberizertest.DocumentsPath))
	// Output:
	// google_drive: Product roadmap 2026
	// slack: #design
	// gmail: Re: Launch plan
	// memory: Meeting notes: retrieval research
	// google_drive: Team handbook
	// requests: 3
}

func ExampleClient_DocumentContents() {
	rc, srv := exampleClient()
	defer srv.Close()

	var text strings.Builder
	for part, err := range rc.DocumentContents(context.Background(), "105") {
		if err != nil {
			log.Fatal(err)
		}
		text.WriteString(part)
	}
	lines := strings.Split(strings.TrimSpace(text.String()), "\n")
	fmt.Println(len(lines), "chunks in", srv.Calls(rememberizertest.ContentsPath), "requests")
	fmt.Println(lines[44])
	// Output:
	// 45 chunks in 3 requests
	// Handbook section 45 of 45: how the team works, part 45.
}

func ExampleClient_DocumentReader() {
	rc, srv := exampleClient()
	defer srv.Close()

	r, stop := rc.DocumentReader(context.Background(), "103")
	defer stop()
	if _, err := io.Copy(stdout{}, r); err != nil {
		log.Fatal(err)
	}
	// Output:
	// The launch plan moves the press release to the week after the beta.
	// Please confirm the launch budget before Friday.
}

func ExampleClient_Mementos() {
	rc, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rc.CreateMemento(ctx, "Launch"); err != nil {
		log.Fatal(err)
	}
	mementos, err := rc.Mementos(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range mementos {
		fmt.Println(m.ID, m.Name)
	}
	// Output:
	// 1 Research notes
	// 2 Slack #design
	// 3 Inbox
	// 1001 Launch
}

func ExampleErrNotFound() {
	rc, srv := exampleClient()
	defer srv.Close()

	_, err := rc.Memento(context.Background(), "999")
	var apiErr *rememberizer.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Detail)
	}
	fmt.Println(errors.Is(err, rememberizer.ErrNotFound))
	// Output:
	// 404 Not found.
	// true
}

// stdout writes to the example's output.
type stdout struct{}

func (stdout) Write(p []byte) (int, error) { fmt.Print(string(p)); return len(p), nil }
