using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tiktok.Edge.Authentication;

/// <summary>Registers the one authentication of every front: <see cref="Callers"/> and the default scheme.</summary>
public static class TokenAuthentication
{
    public const string Scheme = "Token";

    /// <summary>The claim holding the user id (decimal), as in the token.</summary>
    public const string UserIdClaim = "sub";

    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<Callers>();
        services.AddSingleton<ValidatedTokens>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(Scheme, configureOptions: null);
        return services;
    }
}
