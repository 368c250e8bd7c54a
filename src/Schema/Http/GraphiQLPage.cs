using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tiktok.Schema.Http;

/// <summary>
/// GraphiQL's page, for a browser's <c>GET /graphql</c> (Accept names text/html, no <c>query</c>
/// parameter); its script, CSS and workers are wwwroot/graphiql/, built by tools/graphiql.
/// </summary>
public static class GraphiQLPage
{
    /// <summary>
    /// Everything from the server itself. Styles allow 'unsafe-inline' on this page only: Monaco, the
    /// editor, writes &lt;style&gt; elements and style attributes at run time (docs/graphql.md, "The IDE").
    /// 'self' in connect-src covers ws(s):// to the same host (CSP Level 3) for subscriptions.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Writes the page when the request is a browser's and the IDE is on; false leaves the request to GraphQL over HTTP.</summary>
    public static async Task<bool> TryServeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) || request.Query.ContainsKey("query") ||
            !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) ||
            http.RequestServices.GetRequiredService<IOptions<Tiktok.Schema.RequestLimits.GraphQLOptions>>().Value is not
            { Ide: true, TrustedDocuments: not Tiktok.Schema.RequestLimits.TrustedDocumentsMode.Only })
            return false; // off, or of no use: with trusted documents only, its introspection and typed queries are refused

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-cache";
        headers.Vary = "Accept";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Html(request.PathBase), http.RequestAborted);
        return true;
    }

    private static string Html(PathString pathBase)
    {
        var root = WebUtility.HtmlEncode(pathBase.ToUriComponent());
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>GraphiQL · Tiktok</title>
              <link rel="icon" href="{root}/favicon.svg">
              <link rel="stylesheet" href="{root}/graphiql/graphiql.css">
              <script type="module" src="{root}/graphiql/graphiql.js"></script>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL…</div>
              <noscript>GraphiQL needs JavaScript. Without it, send queries to this URL with POST (see docs/graphql.md).</noscript>
            </body>
            </html>

            """;
    }
}
