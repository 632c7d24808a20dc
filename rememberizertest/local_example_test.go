package rememberizertest_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/rzauth/rememberizer-go/rememberizertest"
)

func ExampleStartLocal() {
	local, err := rememberizertest.StartLocal("http://localhost:8080/auth/rememberizer/callback")
	if err != nil {
		log.Fatal(err)
	}
	defer local.Close()
	// Put these in core.Config, then open the app and sign in on the
	// fake's consent page.
	fmt.Println(local.ClientID, strings.HasPrefix(local.BaseURL, "http://127.0.0.1:"))

	_, err = rememberizertest.StartLocal("https://app.example.com/auth/rememberizer/callback")
	fmt.Println(err)
	// Output:
	// test-client-id true
	// rememberizertest: StartLocal: redirect URL "https://app.example.com/auth/rememberizer/callback" is not on this machine (localhost, 127.0.0.1 or [::1]); the fake Rememberizer is for local development only
}
