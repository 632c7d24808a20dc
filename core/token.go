package core

import (
	"time"

	"golang.org/x/oauth2"
)

// tokenPair is the OAuth token pair of a session or a grant.
type tokenPair struct {
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

// asOAuth2 returns the token as an [oauth2.Token].
func (t tokenPair) asOAuth2() *oauth2.Token {
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
func tokenFrom(t *oauth2.Token, now time.Time) tokenPair {
	tok := tokenPair{
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
