namespace Tiktok.Edge.Authentication;

/// <summary>The last token checked in this request and its answer, so a token is checked once per request.</summary>
internal sealed record CheckedTokens(string Token, Caller Caller);
