package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// Every exported type that holds a secret (the client secret, session
// keys, tokens, a session id, a cookie value) describes itself without it
// in every form a program may print it in (SECURITY.md S11):
//
//   - fmt, with any verb (%v, %+v, %#v, %s, %q, %x, %d, …): a Format
//     method, since fmt would otherwise print the fields a String method
//     hides for every verb but %v and %s;
//   - slog, text and JSON handlers: a LogValue method;
//   - encoding/json: a MarshalJSON method writing what LogValue logs.
//
// Format and MarshalJSON have value receivers, so a value and a pointer
// are both covered.

// formatRedacted writes desc, a description without secrets, for any
// verb: quoted for %q, as it is for every other.
func formatRedacted(f fmt.State, verb rune, desc string) {
	if verb == 'q' {
		desc = strconv.Quote(desc)
	}
	io.WriteString(f, desc)
}

// marshalLogValue renders v, as a LogValue method gives it, as JSON:
// groups become objects, other values their JSON form.
func marshalLogValue(v slog.Value) ([]byte, error) {
	v = v.Resolve()
	if v.Kind() != slog.KindGroup {
		return json.Marshal(v.Any())
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, a := range v.Group() {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(a.Key)
		if err != nil {
			return nil, err
		}
		val, err := marshalLogValue(a.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Format writes t as [Token.String] does, for every verb.
func (t Token) Format(f fmt.State, verb rune) { formatRedacted(f, verb, t.String()) }

// MarshalJSON writes what [Token.LogValue] logs: whether each token is
// set, and the expiry; never the tokens.
func (t Token) MarshalJSON() ([]byte, error) { return marshalLogValue(t.LogValue()) }

// Format writes s as [Session.String] does, for every verb, whether s is
// a value or a pointer.
func (s Session) Format(f fmt.State, verb rune) { formatRedacted(f, verb, s.String()) }

// MarshalJSON writes what [Session.LogValue] logs: the user id, the
// sign-in time and the token's redacted form; never the session id or a
// token.
func (s Session) MarshalJSON() ([]byte, error) { return marshalLogValue(s.LogValue()) }

// Format writes c as [Config.String] does, for every verb.
func (c Config) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.String()) }

// MarshalJSON writes what [Config.LogValue] logs: never the client secret
// or a key.
func (c Config) MarshalJSON() ([]byte, error) { return marshalLogValue(c.LogValue()) }

// String describes c by its public settings; never the client secret or
// a key.
func (c *Client) String() string {
	if c == nil {
		return "core.Client(nil)"
	}
	return fmt.Sprintf("core.Client{ClientID: %q, RedirectURL: %q, BaseURL: %q}", c.cfg.ClientID, c.cfg.RedirectURL, c.cfg.BaseURL)
}

// GoString is String, so %#v is safe too.
func (c *Client) GoString() string { return c.String() }

// LogValue logs c's configuration as [Config.LogValue] does.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("<nil>")
	}
	return c.cfg.LogValue()
}

// Format writes c as [Client.String] does, for every verb.
func (c Client) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.String()) }

// MarshalJSON writes what [Client.LogValue] logs.
func (c Client) MarshalJSON() ([]byte, error) { return marshalLogValue(c.LogValue()) }

// GoString describes c without its value, which is a credential (a
// sealed session or a session id). [Cookie.String] renders the Set-Cookie
// header, value included, for adapters to write; every way of printing or
// logging a Cookie shows it redacted.
func (c *Cookie) GoString() string {
	if c == nil {
		return "core.Cookie(nil)"
	}
	return fmt.Sprintf("core.Cookie{Name: %q, Value: %s, MaxAge: %d, Secure: %t}", c.Name, redactedIfSet(c.Value), c.MaxAge, c.Secure)
}

// LogValue logs c without its value.
func (c *Cookie) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(
		slog.String("name", c.Name),
		slog.Bool("has_value", c.Value != ""),
		slog.Int("max_age", c.MaxAge),
		slog.Bool("secure", c.Secure),
	)
}

// Format writes c as [Cookie.GoString] does, for every verb: fmt shows
// no cookie value. Use [Cookie.String] for the header.
func (c Cookie) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.GoString()) }

// MarshalJSON writes what [Cookie.LogValue] logs.
func (c Cookie) MarshalJSON() ([]byte, error) { return marshalLogValue(c.LogValue()) }

// String names the store without its contents: the map of a MemoryStore
// is keyed by session ids.
func (m *MemoryStore) String() string { return "core.MemoryStore" }

// GoString is String.
func (m *MemoryStore) GoString() string { return m.String() }

// Format writes m as [MemoryStore.String] does, for every verb.
func (m *MemoryStore) Format(f fmt.State, verb rune) { formatRedacted(f, verb, m.String()) }

// LogValue logs the store's name only.
func (m *MemoryStore) LogValue() slog.Value { return slog.StringValue(m.String()) }

// String describes sc without the session it carries.
func (sc *Scope) String() string { return "core.Scope" }

// GoString is String.
func (sc *Scope) GoString() string { return sc.String() }

// Format prints String for every verb, so no session leaks through fmt.
func (sc *Scope) Format(f fmt.State, verb rune) { formatRedacted(f, verb, sc.String()) }

// LogValue logs String.
func (sc *Scope) LogValue() slog.Value { return slog.StringValue(sc.String()) }
