using Microsoft.AspNetCore.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Tiktok.Server.Live;

/// <summary>
/// SignalR's user id is the token's <c>sub</c> (the user id as a decimal string), so that
/// <c>Clients.User(id)</c> reaches every connection, every device, of that user. JwtBearer keeps
/// claim names as issued (<c>MapInboundClaims = false</c>), hence not the default NameIdentifier.
/// </summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.User?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
}
