package core

import (
	"fmt"

	"github.com/rzauth/rememberizer-go/internal/redact"
)

// No way of printing a value of this package shows a secret (the client
// secret, session keys, tokens, a session id, a cookie value), SECURITY.md
// S11. The exported types other than Config hold their secrets in a
// [hidden] field, which prints as an address whatever the verb. Config's secrets are fields an app sets,
// so Config describes itself without them in every form:
//
//   - fmt, with any verb (%v, %+v, %#v, %s, %q, %x, %d, …): a Format
//     method;
//   - slog, text and JSON handlers: a LogValue method;
//   - encoding/json: a MarshalJSON method writing what LogValue logs.
//
// Format and MarshalJSON have value receivers, so a value and a pointer
// are both covered. The context node and scope a request carries are
// unexported types with a Format method of their own.

// Format writes c as [Config.describe] does, for every verb.
func (c Config) Format(f fmt.State, verb rune) { redact.Format(f, verb, c.describe()) }

// MarshalJSON writes what [Config.LogValue] logs: never the client secret
// or a key.
func (c Config) MarshalJSON() ([]byte, error) { return redact.MarshalLogValue(c.LogValue()) }

// Format names a scope without the session it carries, for every verb.
func (sc *scope) Format(f fmt.State, verb rune) { redact.Format(f, verb, "rememberizer.scope") }

// Format names the context node without the session it carries, for
// every verb.
func (st *authState) Format(f fmt.State, verb rune) { redact.Format(f, verb, st.String()) }
