using Microsoft.AspNetCore.SignalR;
using Tiktok.Edge.Authentication;

namespace Tiktok.Server.Live;

/// <summary>
/// SignalR's user id is the token's <c>sub</c> (the user id as a decimal string), so that
/// <c>Clients.User(id)</c> reaches every connection, every device, of that user (the claim the
/// default scheme, <see cref="TokenAuthenticationHandler"/>, sets; not the default NameIdentifier).
/// </summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.User?.FindFirst(TokenAuthentication.UserIdClaim)?.Value;
}
