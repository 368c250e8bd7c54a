using Tiktok.Core.Users;

namespace Tiktok.Schema.Users;

public sealed record AuthPayload(string Token, UserView User);
