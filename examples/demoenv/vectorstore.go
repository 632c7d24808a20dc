package demoenv

import (
	"context"
	"fmt"

	"github.com/rzauth/rememberizer-go/rememberizer"
)

// helpArticles are the documents of the demo's vector store, the app's
// help center.
var helpArticles = []struct{ name, text string }{
	{"Refunds", "Refunds are paid back to the original card within five working days of the return."},
	{"Shipping", "Parcels leave the warehouse on Mondays and Thursdays; tracking links come by email."},
	{"Opening hours", "The support desk answers from 9:00 to 17:00, Monday to Friday, except public holidays."},
}

// seedVectorStore creates the demo's vector store, owned by the first
// demo user, on the fake Rememberizer, fills it with the help articles
// and sets VectorStoreKey to a key for it.
func (e *Env) seedVectorStore(ctx context.Context) error {
	userKey, err := e.Fake.IssueAPIKey(DemoUsers()[0].ID)
	if err != nil {
		return err
	}
	owner, err := rememberizer.New(nil, rememberizer.Config{BaseURL: e.BaseURL, APIKey: userKey})
	if err != nil {
		return err
	}
	vs, err := owner.CreateVectorStore(ctx, rememberizer.NewVectorStore{Name: "Help center", Description: "Answers for customers"})
	if err != nil {
		return fmt.Errorf("creating the demo vector store: %w", err)
	}
	key, err := e.Fake.IssueVectorStoreKey(string(vs.ID))
	if err != nil {
		return err
	}
	store, err := rememberizer.New(nil, rememberizer.Config{BaseURL: e.BaseURL, APIKey: key})
	if err != nil {
		return err
	}
	for _, a := range helpArticles {
		if _, err := store.AddVectorStoreText(ctx, vs.ID, a.name, a.text); err != nil {
			return fmt.Errorf("filling the demo vector store: %w", err)
		}
	}
	e.VectorStoreKey = key
	return nil
}
