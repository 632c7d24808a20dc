package rememberizer_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/rzauth/rememberizer-go/rememberizer"
)

// A vector store is created by its owner; its documents and search take
// the store's own API key.
func ExampleClient_SearchVectorStore() {
	owner, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()

	vs, err := owner.CreateVectorStore(ctx, rememberizer.NewVectorStore{Name: "Help center"})
	if err != nil {
		log.Fatal(err)
	}
	key, _ := srv.IssueVectorStoreKey(string(vs.ID)) // Rememberizer's dashboard issues these
	store, err := rememberizer.New(nil, rememberizer.Config{BaseURL: srv.URL, APIKey: key})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := store.AddVectorStoreText(ctx, vs.ID, "Refunds", "Refunds are paid within five working days."); err != nil {
		log.Fatal(err)
	}
	notes := strings.NewReader("Parcels ship on Mondays.") // any io.Reader, read as it is sent
	if _, err := store.UploadVectorStoreFile(ctx, vs.ID, rememberizer.Upload{Name: "shipping.txt", Content: notes}); err != nil {
		log.Fatal(err)
	}
	res, err := store.SearchVectorStore(ctx, vs.ID, "when do refunds arrive", nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range res.Chunks {
		fmt.Printf("%s in %s: %s\n", c.Document.Name, res.VectorStore.Name, c.Content)
	}
	// Output:
	// Refunds in Help center: Refunds are paid within five working days.
}
