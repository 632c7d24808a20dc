package core

import (
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/oauth2"
)

// Token is the OAuth token pair of a session. Its String, GoString and
// LogValue never show the tokens.
type Token struct {
	AccessToken  string
	RefreshToken string
	// TokenType is what the token endpoint said, often "Bearer" or "".
	TokenType string
	// Expiry is when the access token expires; zero when Rememberizer did
	// not say (the token is then used until the API answers 401).
	Expiry time.Time
	// IssuedAt is when the access token was obtained.
	IssuedAt time.Time
}

// String describes t without its secrets.
func (t Token) String() string {
	return fmt.Sprintf("core.Token{AccessToken: %s, RefreshToken: %s, Expiry: %s}",
		redactedIfSet(t.AccessToken), redactedIfSet(t.RefreshToken), formatTime(t.Expiry))
}

// GoString is String, so %#v is safe too.
func (t Token) GoString() string { return t.String() }

// LogValue logs t without its secrets.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("has_access_token", t.AccessToken != ""),
		slog.Bool("has_refresh_token", t.RefreshToken != ""),
		slog.Time("expiry", t.Expiry),
	)
}

// OAuth2 returns the token as an [oauth2.Token].
func (t Token) OAuth2() *oauth2.Token {
	return &oauth2.Token{
		AccessToken:  t.AccessToken,
		RefreshToken: t.RefreshToken,
		TokenType:    t.TokenType,
		Expiry:       t.Expiry,
	}
}

// tokenFrom converts what x/oauth2 returned, obtained at now. The expiry
// is computed from expires_in on the client's own clock; a token without
// expires_in has no expiry.
func tokenFrom(t *oauth2.Token, now time.Time) Token {
	tok := Token{
		AccessToken:  t.AccessToken,
		RefreshToken: t.RefreshToken,
		TokenType:    t.TokenType,
		IssuedAt:     now,
	}
	if t.ExpiresIn > 0 {
		tok.Expiry = now.Add(time.Duration(t.ExpiresIn) * time.Second)
	}
	return tok
}
