using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tiktok.RestCompat.OpenApi;

/// <summary>The OpenAPI document of every <c>/douyin</c> endpoint, by ASP.NET Core's generator and our transformers (docs/rest-compat.md#openapi).</summary>
public static class DouyinOpenApi
{
    public const string DocumentName = "douyin";

    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/douyin.json";

    public static IServiceCollection AddDouyinOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("douyin/", StringComparison.Ordinal) == true;
            options.AddOperationTransformer<DouyinOperationTransformer>();
            options.AddDocumentTransformer<DouyinDocumentTransformer>();
        });

    public static IEndpointConventionBuilder MapDouyinOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi("/openapi/{documentName}.json");
}
