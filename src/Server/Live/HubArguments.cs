using Tiktok.Core.Errors;
using Tiktok.Edge.Errors;

namespace Tiktok.Server.Live;

/// <summary>The hub methods' argument names for the domain's fields (docs/hubs.md).</summary>
public static class HubArguments
{
    public static FieldVocabulary Vocabulary { get; } = new(new Dictionary<Field, string>
    {
        [Field.MessageText] = "content",
    });
}
