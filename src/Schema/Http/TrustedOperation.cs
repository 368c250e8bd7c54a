namespace Tiktok.Schema.Http;

/// <summary>One registered operation: its name, the exact document a client sends (the operation and the fragments it uses), and that text's SHA-256.</summary>
public sealed record TrustedOperation(string Name, string Document, string Sha256);
