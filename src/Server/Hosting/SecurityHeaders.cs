namespace Tiktok.Server.Hosting;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no framing, no referrer leaks, the path's
/// Content-Security-Policy; API answers (<c>/douyin/</c>, <c>/graphql</c>) are never cached.
/// HSTS comes from ASP.NET Core's <c>UseHsts</c> (HTTPS requests only, not on loopback).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, ContentSecurityPolicies policies)
{
    public Task InvokeAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = policies.For(http.Request);
        if (http.Request.Path.StartsWithSegments("/douyin") || http.Request.Path.StartsWithSegments("/graphql"))
            headers.CacheControl = "no-store";
        return next(http);
    }
}
