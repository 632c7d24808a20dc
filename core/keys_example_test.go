package core_test

import (
	"fmt"
	"log"

	"github.com/rzauth/rememberizer-go/core"
)

func ExampleParseSessionKeys() {
	// What SESSION_KEYS would hold: the new key first (it seals), the old
	// one after it (it still opens), as `openssl rand -base64 32` prints.
	newKey, err := core.NewSessionKey()
	if err != nil {
		log.Fatal(err)
	}
	oldKey, err := core.NewSessionKey()
	if err != nil {
		log.Fatal(err)
	}
	env := core.EncodeSessionKey(newKey) + "," + core.EncodeSessionKey(oldKey)

	keys, err := core.ParseSessionKeys(env)
	fmt.Println(len(keys), err)

	_, err = core.ParseSessionKeys(env + ",c2hvcnQ=")
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// rememberizer: invalid config: session key 3 of 3 is not 32 bytes in base64 (generate one with: openssl rand -base64 32)
}
