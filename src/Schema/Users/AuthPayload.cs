using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Accounts;
using Tiktok.Core.Relations;
using Tiktok.Core.Users;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Users;

public sealed record AuthPayload(string Token, UserView User);
