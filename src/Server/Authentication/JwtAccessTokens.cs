using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tiktok.Core;
using Tiktok.Core.Accounts;

namespace Tiktok.Server.Authentication;

/// <summary>HS256 JWTs naming the user in <c>sub</c>, expiring after <c>Tiktok:TokenLifetime</c>.</summary>
public sealed class JwtAccessTokens(TokenValidationParameters parameters, IOptions<TiktokOptions> options, TimeProvider clock)
    : IAccessTokens
{
    public const string Issuer = "tiktok";
    public const string Audience = "tiktok";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(parameters.IssuerSigningKey, SecurityAlgorithms.HmacSha256);

    public static TokenValidationParameters ValidationParameters(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Sub,
    };

    public string Issue(long userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.TokenLifetime,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId.ToString(CultureInfo.InvariantCulture))]),
            SigningCredentials = _credentials,
        });
    }

    public async ValueTask<VerifiedToken?> ValidateAsync(string token)
    {
        if (token.Length > 4096) return null;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid) return null;
        return result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) &&
               long.TryParse(sub?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? new VerifiedToken(id, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero))
            : null;
    }
}
