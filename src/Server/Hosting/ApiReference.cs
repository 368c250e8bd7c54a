using Scalar.AspNetCore;
using Tiktok.RestCompat.OpenApi;

namespace Tiktok.Server.Hosting;

/// <summary>
/// The REST API's OpenAPI document (<see cref="DouyinOpenApi.DocumentPath"/>) and Scalar's
/// interactive reference of it (<see cref="Path"/>), served from this server's own files only.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs/api";

    /// <summary>
    /// Scalar's page: its scripts from this server, the inline one by nonce; styles inline (Scalar
    /// sets them from script); requests (the document, "Test Request") to this server only.
    /// </summary>
    public const string Policy =
        $"default-src 'self'; script-src 'self' 'nonce-{ContentSecurityPolicies.Nonce}'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddApiReference(this WebApplicationBuilder builder)
    {
        var options = ApiReferenceOptions.Read(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(options);
        if (options.Enabled) builder.Services.AddDouyinOpenApi();
        return builder;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ApiReferenceOptions>().Enabled) return app;
        app.MapDouyinOpenApi();
        app.Services.GetRequiredService<ContentSecurityPolicies>().Add(Path, Policy);
        app.MapScalarApiReference(Path, (scalar, http) =>
        {
            scalar.WithTitle("Tiktok REST API (/douyin)")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(DouyinOpenApi.DocumentName);
            // Nothing from outside: no CDN fonts, no telemetry, no AI agent or MCP, no request proxy, no toolbar.
            scalar.DefaultFonts = false;
            scalar.Telemetry = false;
            scalar.DisableAgent();
            scalar.DisableMcp();
            scalar.HideDeveloperTools(); // its toolbar offers scalar.com's services (share, deploy, SDKs)
            scalar.ProxyUrl = null;
            scalar.Nonce = http.Items[ContentSecurityPolicies.NonceItem] as string;
        });
        return app;
    }
}
