namespace Tiktok.Schema.Http;

/// <summary>The <c>Tiktok:GraphQL</c> settings of the IDE that <c>GET /graphql</c> serves to browsers.</summary>
public sealed class IdeOptions
{
    public const string Section = "Tiktok:GraphQL";

    /// <summary>Serve GraphiQL at <c>GET /graphql</c> to browsers that ask for HTML (on by default, as HotChocolate's Nitro).</summary>
    public bool Ide { get; set; } = true;
}
