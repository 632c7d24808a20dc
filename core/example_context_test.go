package core_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/rzauth/rememberizer-go/core"
)

// A unit test of one handler behind RequireRememberizer, with no sign-in:
// the session goes straight into the request's context.
func ExampleClient_NewContext() {
	key := make([]byte, 32) // from crypto/rand
	if _, err := rand.Read(key); err != nil {
		log.Fatal(err)
	}
	c, err := core.New(core.Config{
		ClientID:     "id",
		ClientSecret: "secret",
		RedirectURL:  "https://app.example.com/auth/rememberizer/callback",
		SessionKeys:  [][]byte{key},
	})
	if err != nil {
		log.Fatal(err)
	}
	dashboard := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _ := core.UserFrom(r.Context())
		fmt.Fprintf(w, "Hello, %s", user.Name)
	})

	s := &core.Session{User: core.User{ID: "42", Name: "Ada"}}
	req := httptest.NewRequest("GET", "/dashboard", nil)
	req = req.WithContext(c.NewContext(context.Background(), s))
	rec := httptest.NewRecorder()
	dashboard.ServeHTTP(rec, req)
	fmt.Println(rec.Body.String())
	// Output: Hello, Ada
}
