package rememberizer

import (
	"fmt"
	"log/slog"

	"github.com/rzauth/rememberizer-go/internal/redact"
)

// No way of printing a [Config] or a [Client] shows the API key, nor
// anything the HTTP client carries (a transport that adds a bearer token):
//
//   - fmt, with any verb (%v, %+v, %#v, %s, %q, %x, %d, …): a Format
//     method;
//   - slog, text and JSON handlers: a LogValue method;
//   - encoding/json: a MarshalJSON method writing what LogValue logs.
//
// The methods have value receivers, so a value and a pointer are both
// covered.

// redacted stands for a secret that is set.
const redacted = "[redacted]"

// redactedIfSet returns "" for an empty secret, else [redacted].
func redactedIfSet(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}

// describe is c without its API key.
func (c Config) describe() string {
	return fmt.Sprintf("rememberizer.Config{BaseURL: %q, APIKey: %q, MaxRetries: %d, DisableRetries: %t, MaxResponseBytes: %d, MaxPages: %d, MaxResponseValues: %d}",
		c.BaseURL, redactedIfSet(c.APIKey), c.MaxRetries, c.DisableRetries, c.MaxResponseBytes, c.MaxPages, c.MaxResponseValues)
}

// Format writes c without its API key, for every verb.
func (c Config) Format(f fmt.State, verb rune) { redact.Format(f, verb, c.describe()) }

// LogValue logs c without its API key.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", c.BaseURL),
		slog.String("api_key", redactedIfSet(c.APIKey)),
		slog.Int("max_retries", c.MaxRetries),
		slog.Int64("max_response_bytes", c.MaxResponseBytes),
		slog.Int("max_pages", c.MaxPages),
		slog.Int("max_response_values", c.MaxResponseValues),
	)
}

// MarshalJSON writes what [Config.LogValue] logs: never the API key.
func (c Config) MarshalJSON() ([]byte, error) { return redact.MarshalLogValue(c.LogValue()) }

// Format writes the client's API origin, never its API key or HTTP
// client, for every verb.
func (c Client) Format(f fmt.State, verb rune) {
	redact.Format(f, verb, fmt.Sprintf("rememberizer.Client{API: %q, APIKey: %q}", c.api, redactedIfSet(c.cfg.APIKey)))
}

// LogValue logs the client's API origin, never its API key.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("api", c.api), slog.String("api_key", redactedIfSet(c.cfg.APIKey)))
}

// MarshalJSON writes what [Client.LogValue] logs: never the API key.
func (c Client) MarshalJSON() ([]byte, error) { return redact.MarshalLogValue(c.LogValue()) }
