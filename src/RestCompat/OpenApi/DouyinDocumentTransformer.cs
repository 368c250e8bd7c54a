using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tiktok.RestCompat.OpenApi;

/// <summary>The document's own parts: its title and rules, the bearer scheme, the tags in API.md's order.</summary>
internal sealed class DouyinDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";

    private static readonly string[] TagOrder = ["Feed", "User", "Publish", "Favorite", "Comment", "Relation", "Message"];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Tiktok REST compatibility API (/douyin)",
            Version = "1",
            Description =
                "The stock minimal-Douyin app's API (the contract: API.md; choices it leaves open: docs/rest-compat.md).\n\n" +
                "- Parameters come in the query string, an urlencoded form or a multipart form, by one rule; " +
                "when two places carry one with different values the request is refused (1005).\n" +
                "- Every answer is JSON with `status_code` (0 = success) and `status_msg`, and every other field of the endpoint's answer, " +
                "zero-valued on a refusal. Refusals answer HTTP 200, except 413 (body too large), 429 (rate limited) and 503 (try again), each with the same JSON.\n" +
                "- Ids and counts are int64 JSON numbers; times are Unix milliseconds.\n" +
                "- The token comes from register or log-in; send it as `token` or `Authorization: Bearer <token>`.\n" +
                "- Any other path under /douyin answers HTTP 404 with `status_code` 1007.",
        };
        // The generator drops the routes' trailing slash; the contract's paths end with one (both are served).
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths) paths[path.EndsWith('/') ? path : path + "/"] = item;
        document.Paths = paths;

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The token from register or log-in. The `token` parameter carries the same token.",
        };
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(TagOrder.Where(used.Contains).Select(t => new OpenApiTag { Name = t }));
        return Task.CompletedTask;
    }
}
