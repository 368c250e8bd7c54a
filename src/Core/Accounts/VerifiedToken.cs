namespace Tiktok.Core.Accounts;

/// <summary>What a token whose signature and expiry were checked says: its user, and until when it holds.</summary>
public readonly record struct VerifiedToken(long UserId, DateTimeOffset ExpiresAt);
